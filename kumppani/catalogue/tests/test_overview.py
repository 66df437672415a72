"""The overview of a county for its coordinators and liaison persons: figures per
municipality, what needs attention, a chart with the figures as a table, links to the lists."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.catalogue import overview
from kumppani.catalogue.models import PublicationStatus
from kumppani.catalogue.tests.factories import ServiceFactory, VolunteerTaskFactory, stale
from kumppani.core.models import Municipality
from kumppani.organisations.models import Organisation
from kumppani.testing.factories import OrganisationFactory, verify
from kumppani.testing.urls import reverse_en

URL = "catalogue:overview"


def _figures(codes: list[str]) -> dict[str, overview.MunicipalityFigures]:
    municipalities = list(Municipality.objects.filter(code__in=codes))
    return {row.municipality.code: row for row in overview.figures_by_municipality(municipalities)}


def test_figures_count_entries_per_municipality_with_what_needs_attention(alice, org_x):
    # Given: org_x in Seinäjoki (unverified), a verified one in Seinäjoki and Lapua, an old one
    verified_org = OrganisationFactory.create(name="Kaksi kuntaa ry", municipalities=["743", "408"])
    verify(verified_org, alice)
    old = OrganisationFactory(name="Vanha ry", municipalities=["408"])
    Organisation.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    OrganisationFactory(name="Lakannut ry", municipalities=["743"], status="dissolved")
    ServiceFactory(organisation=org_x)
    stale(ServiceFactory.create(organisation=org_x, municipalities=["743", "408"]))
    ServiceFactory(organisation=org_x, status=PublicationStatus.DRAFT)
    VolunteerTaskFactory(organisation=org_x)
    VolunteerTaskFactory(organisation=org_x, hidden_at=timezone.now())

    # When
    figures = _figures(["743", "408", "905"])

    # Then
    seinajoki, lapua, vaasa = figures["743"], figures["408"], figures["905"]
    assert (seinajoki.organisations, seinajoki.unverified) == (2, 1)
    assert (seinajoki.activities, seinajoki.stale, seinajoki.tasks) == (2, 1, 1)
    assert seinajoki.new_this_month == 2 + 2 + 1
    assert (lapua.organisations, lapua.unverified, lapua.activities, lapua.stale) == (2, 1, 1, 1)
    assert lapua.new_this_month == 1 + 1  # the old organisation is not new
    assert (vaasa.organisations, vaasa.activities, vaasa.tasks, vaasa.new_this_month) == (
        0,
        0,
        0,
        0,
    )


def test_the_coordinator_sees_every_municipality_of_the_county_with_chart_and_links(
    client, alice, org_x
):
    ServiceFactory(organisation=org_x)
    client.force_login(alice)
    response = client.get(reverse_en(URL))
    assert response.status_code == 200
    page = response.text
    rows = response.context["rows"]
    assert len(rows) == Municipality.objects.filter(county__code="16").count()
    assert "<svg" in page and 'aria-hidden="true"' in page
    assert "<caption" in page and "Seinäjoki" in page
    assert "?municipality=743&amp;verified=no" in page
    assert f"{reverse_en('catalogue:search')}?municipality=743" in page
    assert reverse_en("catalogue:stale") in page
    assert reverse_en("catalogue:task_list") + "?municipality=" in page
    assert "1 organisation not verified" in page


def test_the_liaison_person_sees_their_own_municipality(client, lauri, org_x):
    client.force_login(lauri)
    response = client.get(reverse_en(URL))
    assert response.status_code == 200
    assert [row.municipality.code for row in response.context["rows"]] == ["743"]
    assert reverse_en("catalogue:stale") + "?" not in response.text  # not their list


def test_a_coordinator_chooses_among_their_counties_only(client, alice, carol):
    client.force_login(alice)
    response = client.get(reverse_en(URL), {"county": "17"})
    assert response.context["county"].code == "16"  # not Pohjanmaa: not hers


@pytest.mark.parametrize("persona", ["bob", "dave", "rita"])
def test_others_may_not_open_the_overview(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse_en(URL)).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_overview_reads_a_fixed_number_of_queries_whatever_the_municipalities(alice, org_x):
    def queries(codes: list[str]) -> int:
        with CaptureQueriesContext(connection) as captured:
            _figures(codes)
        return len(captured.captured_queries)

    for code in ("743", "408", "005", "145"):
        ServiceFactory(organisation=org_x, municipalities=[code])
        VolunteerTaskFactory(organisation=org_x, municipality=Municipality.objects.get(code=code))
        OrganisationFactory(municipalities=[code])
    one = queries(["743"])
    many = queries(
        list(Municipality.objects.filter(county__code="16").values_list("code", flat=True))
    )
    assert one == many == 4  # the municipalities, then one grouped count per kind


def test_the_overview_page_queries_do_not_grow_with_the_county(client, alice, carol, org_x, org_y):
    """Etelä-Pohjanmaa and Pohjanmaa differ in size; the page costs the same in both."""

    def page_queries(user, county_code: str) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse_en(URL), {"county": county_code}).status_code == 200
        return len(captured.captured_queries)

    assert page_queries(alice, "16") == page_queries(carol, "17")


def test_the_dashboard_links_coordinators_and_liaison_persons_to_the_overview(
    client, alice, lauri, bob
):
    for user, shown in ((alice, True), (lauri, True), (bob, False)):
        client.force_login(user)
        page = client.get(reverse_en("accounts:dashboard")).text
        assert (reverse_en(URL) in page) is shown
