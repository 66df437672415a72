"""CSV and Excel exports of the filtered list, for coordinators, audited."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kumppani.core.models import AuditEvent
from kumppani.testing import exports
from kumppani.testing.factories import OrganisationFactory, county
from kumppani.testing.urls import reverse_en


def _export_url(query: str) -> str:
    return reverse_en("organisations:export") + "?" + query


def _csv_rows(response) -> list[list[str]]:
    text = response.getvalue().decode("utf-8-sig")  # streamed, `;` between cells
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_coordinator_exports_the_filtered_list_as_csv(client, alice, org_x, org_y):
    client.force_login(alice)
    response = client.get(_export_url("county=16&format=csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0][:5] == ["Name in Finnish", "Name in Swedish", "Name in English", "Kind",
                           "Business ID"]  # fmt: skip
    assert len(rows) == 2  # header and org_x; org_y is in county 17
    assert rows[1][0] == "Seinäjoen Omaishoitajat ry"
    assert rows[1][4] == "0201256-6"
    assert rows[1][6] == "Seinäjoki"
    event = AuditEvent.objects.get(action="organisations.organisation.export")
    assert event.actor == alice
    assert event.county == county("16")
    assert event.details == {"format": "csv", "filters": {"county": "16"}, "rows": 1}


def test_coordinator_exports_the_list_as_xlsx(client, carol, org_x, org_y):
    client.force_login(carol)
    response = client.get(_export_url("format=xlsx&municipality=905"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Name in Finnish"
    assert [row[1] for row in values[1:]] == ["Vasanejdens Närståendevårdare rf"]
    assert (
        AuditEvent.objects.get(action="organisations.organisation.export").details["format"]
        == "xlsx"
    )


def test_export_defuses_cells_that_a_spreadsheet_would_run_as_formulas(client, alice, db):
    OrganisationFactory(name='=HYPERLINK("http://evil")', municipalities=["743"])
    client.force_login(alice)
    rows = _csv_rows(client.get(_export_url("format=csv")))
    assert rows[1][0].startswith("'=")
    sheet = load_workbook(io.BytesIO(client.get(_export_url("format=xlsx")).getvalue())).active
    assert sheet.cell(row=2, column=1).value.startswith("'=")


def test_export_with_an_unknown_filter_explains_and_exports_nothing(client, alice, org_x):
    client.force_login(alice)
    response = client.get(_export_url("county=99&format=csv"))
    assert response.status_code == 400
    assert "There is no wellbeing services county with code 99." in response.text
    assert not AuditEvent.objects.filter(action="organisations.organisation.export").exists()


def test_export_with_an_unknown_format_explains(client, alice, org_x):
    client.force_login(alice)
    response = client.get(_export_url("format=pdf"))
    assert response.status_code == 400
    assert "Choose CSV or Excel as the file format." in response.text


@pytest.mark.parametrize("persona", ["bob", "dave"])
def test_export_is_refused_to_others_than_coordinators(client, request, org_x, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_export_url("format=csv")).status_code == 403
    assert not AuditEvent.objects.filter(action="organisations.organisation.export").exists()


def test_export_link_is_shown_to_coordinators_only(client, alice, dave, org_x):
    list_url = reverse("organisations:list")
    export_url = reverse("organisations:export")
    assert export_url not in client.get(list_url).text
    client.force_login(dave)
    assert export_url not in client.get(list_url).text
    client.force_login(alice)
    assert export_url in client.get(list_url).text


def test_csv_export_has_a_bom_and_semicolons(client, alice, org_x):
    client.force_login(alice)
    rows = exports.csv_rows(client.get(_export_url("format=csv")))
    assert rows[0][0] == "Name in Finnish" and len(rows[0]) == 16


def test_xlsx_export_has_a_frozen_bold_header_and_date_cells(client, alice, org_x):
    OrganisationFactory(name="Tarkistettu ry", verified_at=timezone.now())
    client.force_login(alice)
    sheet = exports.xlsx_sheet(client.get(_export_url("format=xlsx")))
    exports.assert_date_cells(sheet, "Verified")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_neutralises_formulas_in_every_text_cell(client, alice, db, file_format):
    for payload in exports.FORMULA_PAYLOADS:
        OrganisationFactory(
            name=payload, name_fi=payload, name_sv=payload, phone=payload, municipalities=["743"]
        )
    client.force_login(alice)

    response = client.get(_export_url(f"format={file_format}"))

    columns = exports.export_columns(response, file_format)
    exports.assert_neutralised(columns["Name in Finnish"])
    exports.assert_neutralised(columns["Phone"])


def test_finnish_csv_export_keeps_each_cell_in_its_own_column(client, alice, org_x):
    """Finnish Excel splits cells at ``;`` and reads UTF-8 only after a BOM: a name with a
    semicolon, a comma and ä/ö stays in one cell, and every row has the header's width."""
    org_x.name_fi = "Kylät; kaupungit, yhdistykset ry"
    org_x.save(update_fields=["name_fi"])
    client.force_login(alice)
    response = client.get(reverse("organisations:export") + "?county=16&format=csv")
    rows = exports.csv_rows(response)  # checks the BOM and the `;`
    assert rows[0][0] == "Nimi suomeksi"
    assert rows[1][0] == "Kylät; kaupungit, yhdistykset ry"
    assert {len(row) for row in rows} == {len(rows[0])}
