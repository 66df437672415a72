"""The list of activities that may be out of date, exported as CSV or Excel by the
coordinators of its counties: audited, with a BOM and ;, typed dates, formulas neutralised."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kumppani.core.models import AuditEvent
from kumppani.testing import exports
from kumppani.testing.factories import OrganisationFactory, county
from kumppani.testing.urls import reverse_en

from .factories import ServiceFactory, stale


def _url(query: str) -> str:
    return reverse_en("catalogue:stale") + "?" + query


def test_csv_export_is_filtered_audited_and_has_a_bom_and_semicolons(client, alice, org_x):
    stale(ServiceFactory.create(organisation=org_x, name_fi="Vanha kerho"))
    stale(ServiceFactory.create(organisation=org_x, name_fi="Vanha kahvila"))
    client.force_login(alice)

    rows = exports.csv_rows(client.get(_url("format=csv&q=kerho")))

    assert rows[0] == ["Activity", "Organisation", "Last confirmed", "Link"]
    assert [row[0] for row in rows[1:]] == ["Vanha kerho"]
    event = AuditEvent.objects.get(action="catalogue.stale_list.export")
    assert event.actor == alice and event.county == county("16")
    assert event.details == {"counties": ["16"], "format": "csv", "filters": {"q": "kerho"},
                             "rows": 1}  # fmt: skip


def test_xlsx_export_has_a_frozen_bold_header_and_date_cells(client, alice, org_x):
    stale(ServiceFactory.create(organisation=org_x))
    client.force_login(alice)
    sheet = exports.xlsx_sheet(client.get(_url("format=xlsx")))
    exports.assert_date_cells(sheet, "Last confirmed")
    assert AuditEvent.objects.get(action="catalogue.stale_list.export").details["rows"] == 1


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_neutralises_formulas_in_every_text_cell(client, alice, file_format):
    for payload in exports.FORMULA_PAYLOADS:
        organisation = OrganisationFactory.create(name=payload, municipalities=["743"])
        stale(ServiceFactory.create(organisation=organisation, name_fi=payload))
    client.force_login(alice)

    response = client.get(_url(f"format={file_format}"))

    columns = exports.export_columns(response, file_format)
    exports.assert_neutralised(columns["Activity"])
    exports.assert_neutralised(columns["Organisation"])


def test_the_stale_list_links_to_both_exports_and_keeps_its_filters(client, alice, org_x):
    stale(ServiceFactory.create(organisation=org_x, name_fi="Vanha kerho"))
    client.force_login(alice)
    html = client.get(_url("q=kerho")).text
    assert '<a href="?q=kerho&amp;format=csv" download>' in html
    assert '<a href="?q=kerho&amp;format=xlsx" download>' in html


def test_the_stale_list_sorts_by_name_on_request(client, alice, org_x):
    stale(ServiceFactory.create(organisation=org_x, name_fi="Öljyvärimaalaus"), days=500)
    stale(ServiceFactory.create(organisation=org_x, name_fi="Askartelu"), days=400)
    client.force_login(alice)
    with translation.override("fi"):
        by_date = client.get(reverse("catalogue:stale")).context["page"].object_list
        by_name = client.get(reverse("catalogue:stale") + "?sort=name").context["page"].object_list
    assert [s.name_fi for s in by_date] == ["Öljyvärimaalaus", "Askartelu"]
    assert [s.name_fi for s in by_name] == ["Askartelu", "Öljyvärimaalaus"]
