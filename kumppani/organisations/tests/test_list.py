"""The public organisation list: filters, paging, htmx fragment, friendly filter errors."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.core.actor import Actor
from kumppani.organisations.models import OrganisationKind, OrganisationStatus
from kumppani.organisations.services import organisation_update
from kumppani.testing.factories import OrganisationFactory, verify
from kumppani.testing.urls import reverse_en


def _en_list_url() -> str:
    with translation.override("en"):
        return reverse("organisations:list")


@pytest.fixture
def registry(org_x, org_y):
    """org_x in Seinäjoki (16), org_y in Vaasa (17), a verified parish in Lapua (16), a
    dissolved foundation in Korsholm (17)."""
    parish = OrganisationFactory(
        name="Lapuan seurakunta",
        name_sv="Lappo församling",
        kind=OrganisationKind.PARISH,
        municipalities=["408"],
        verified_at=timezone.now(),
    )
    foundation = OrganisationFactory(
        name="Korsholmin Säätiö sr",
        name_sv="Stiftelsen i Korsholm sr",
        kind=OrganisationKind.FOUNDATION,
        municipalities=["499"],
        status=OrganisationStatus.DISSOLVED,
    )
    return {"x": org_x, "y": org_y, "parish": parish, "foundation": foundation}


def _names(response) -> list[str]:
    return [str(o.name_fi) for o in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"x", "y", "parish", "foundation"}),
        ("county=16", {"x", "parish"}),
        ("county=17", {"y", "foundation"}),
        ("municipality=905", {"y"}),
        ("kind=parish", {"parish"}),
        ("status=dissolved", {"foundation"}),
        ("status=active&county=17", {"y"}),
        ("verified=yes", {"parish"}),
        ("verified=no&county=16", {"x"}),
        ("q=omaishoitajat", {"x", "y"}),
        ("q=NÄRSTÅENDE", {"y"}),  # Swedish name, other case
        ("q=stiftelsen", {"foundation"}),
    ],
)
def test_list_filters(client, registry, query, expected):
    response = client.get(reverse("organisations:list") + "?" + query)
    assert response.status_code == 200
    assert sorted(_names(response)) == sorted(str(registry[k].name_fi) for k in expected)


def test_list_is_ordered_by_name_in_the_readers_language(client, registry):
    with translation.override("sv"):
        url = reverse("organisations:list")
    response = client.get(url)
    names = [str(o.name) for o in response.context["page"].object_list]
    assert names == sorted(names, key=str.lower)
    assert "Lappo församling" in names  # the Swedish name, not "Lapuan seurakunta"


def test_list_is_paged_by_25(client, db):
    for number in range(30):
        OrganisationFactory(name=f"Yhdistys {number:02d} ry")
    first = client.get(reverse("organisations:list"))
    second = client.get(reverse("organisations:list") + "?page=2")
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert 'rel="next"' in first.text


def test_filters_are_kept_in_the_page_links(client, db):
    for number in range(30):
        OrganisationFactory(name=f"Yhdistys {number:02d} ry", municipalities=["743"])
    response = client.get(reverse("organisations:list") + "?county=16&q=yhdistys")
    assert "?county=16&amp;q=yhdistys&amp;page=2" in response.text


def test_list_shows_kind_municipalities_and_verified_badge(client, registry):
    with translation.override("en"):
        url = reverse("organisations:list")
    response = client.get(url + "?kind=parish")
    assert "Parish" in response.text
    assert "Lapua" in response.text
    assert "Verified" in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("county=99", "There is no wellbeing services county with code 99."),
        ("municipality=999", "There is no municipality with code 999."),
        ("kind=pub", "“pub” is not a kind of organisation."),
        ("verified=maybe", "“maybe” is not a choice here."),
        ("umbrella=nonsense", "The umbrella organisation was not found."),
    ],
)
def test_an_unknown_filter_value_gives_a_friendly_message(client, registry, query, message):
    response = client.get(_en_list_url() + "?" + query)
    assert response.status_code == 200
    assert message in response.text
    assert 'role="alert"' in response.text
    assert response.context["page"] is None  # not silently ignored


def test_htmx_request_gets_only_the_results_region(client, registry):
    response = client.get(reverse("organisations:list") + "?county=16", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Seinäjoen Omaishoitajat ry" in response.text
    assert "HX-Request" in response["Vary"]


def test_full_page_has_a_get_filter_form_that_works_without_javascript(client, registry):
    response = client.get(reverse("organisations:list"))
    assert '<form method="get"' in response.text
    assert 'hx-get="' in response.text
    assert 'hx-push-url="true"' in response.text
    assert 'id="results"' in response.text


def test_umbrella_filter_lists_the_members(client, org_x):
    member = OrganisationFactory(name="Jäsen ry", umbrella=org_x)
    OrganisationFactory(name="Muu ry")
    response = client.get(reverse("organisations:list") + f"?umbrella={org_x.public_id}")
    assert [o.pk for o in response.context["page"].object_list] == [member.pk]


def test_list_page_query_count_does_not_grow_with_organisations(
    client, db, django_assert_max_num_queries
):
    for number in range(25):
        OrganisationFactory(name=f"Yhdistys {number:02d} ry", municipalities=["743", "905", "408"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organisations:list"))
    assert len(response.context["page"].object_list) == 25


def test_coordinators_find_organisations_changed_since_verification(client, alice, bob, org_x):
    verify(org_x, alice)
    organisation_update(organisation=org_x, actor=Actor(user=bob), business_id="1572860-0")
    page = client.get(reverse_en("organisations:list") + "?verified=changed").content.decode()
    assert "Seinäjoen Omaishoitajat ry" in page and "Changed since verification" in page
    assert (
        "Seinäjoen Omaishoitajat ry"
        not in client.get(reverse_en("organisations:list") + "?verified=yes").content.decode()
    )
