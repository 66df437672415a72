"""The search page: works without JavaScript, htmx fragment, friendly errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from kumppani.catalogue.models import Service
from kumppani.catalogue.tests.factories import stale

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kumppani.catalogue.search.tests.urls")]

URL = "/fi/search-page/"
MakeService = Callable[..., Service]


def test_the_page_shows_matching_services_with_their_details(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Velkaneuvonta", municipalities=["743"], is_free=True)
    old = make_service(name_sv="Skuldrådgivning", name_fi="", languages=("sv",))
    stale(old)
    response = client.get(URL, {"q": "velkaneuvonta"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html
    assert "Velkaneuvonta" in html
    assert "Seinäjoki" in html
    assert 'lang="sv"' in html  # the Swedish name is marked as a fallback
    assert 'role="status"' in html


def test_typing_updates_only_the_results_fragment(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Perhekahvila")
    response = client.get(URL, {"q": "perhekahvila"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Perhekahvila" in html
    assert "<h1>" not in html
    assert 'hx-push-url="true"' in client.get(URL).content.decode()


def test_an_invalid_filter_gives_a_friendly_message_and_status_400(
    client: Client, db: None
) -> None:
    response = client.get("/en/search-page/", {"municipality": "999", "page": "abc"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no municipality with the code 999" in html
    assert "The page number must be a whole number." in html


def test_municipalities_are_grouped_by_county_with_counts(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Kuoro", municipalities=["743"])
    html = client.get(URL).content.decode()
    assert "<optgroup" in html
    assert "Seinäjoki (1)" in html


def test_the_page_takes_a_bounded_number_of_queries(
    client: Client, make_service: MakeService, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for i in range(12):
        make_service(name_fi=f"Kerho {i}", municipalities=["743", "905"])
    with django_assert_max_num_queries(30):
        response = client.get(URL, {"q": "kerho", "online": "true"})
    assert response.status_code == 200


# The page lists the filter values whose counts it shows; htmx sends that list along.
PAGE_SHOWS = {
    "counted_municipality": "005 743",
    "counted_activity_type": "peer-support groups-and-clubs",
    "counted_language": "fi",
}


@pytest.fixture
def choirs_and_a_club(make_service: MakeService) -> None:
    """Two choirs in Seinäjoki (743), one of them also a club; a club in Alajärvi (005)."""
    make_service(name_fi="Kuoro", municipalities=["743"], terms=("peer-support",))
    make_service(
        name_fi="Kuoro ja kerho", municipalities=["743"], terms=("peer-support", "groups-and-clubs")
    )
    make_service(name_fi="Kerho", municipalities=["005"], terms=("groups-and-clubs",))


def oob_span(element_id: str, text: str) -> str:
    return f'<span id="{element_id}" hx-swap-oob="innerHTML">{text}</span>'


def oob_option(select_id: str, value: str, text: str) -> str:
    selector = f"#{select_id} option[value='{value}']"
    return f'<option hx-swap-oob="innerHTML:{selector}">{text}</option>'


def test_an_htmx_update_sends_the_filter_counts_of_its_search_out_of_band(
    client: Client, choirs_and_a_club: None
) -> None:
    response = client.get(URL, {"q": "kuoro", **PAGE_SHOWS}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="search-form"' not in html and 'name="q"' not in html, (
        "the form and its inputs stay as they are"
    )
    assert oob_span("count-activity_type-peer-support", "(2)") in html
    assert oob_span("count-activity_type-groups-and-clubs", "(1)") in html
    assert oob_option("id_municipality", "743", "Seinäjoki (2)") in html
    # As on a full page, a municipality with no results is listed without a number.
    assert oob_option("id_municipality", "005", "Alajärvi") in html
    assert oob_option("id_language", "fi", "fi (2)") in html
    assert oob_option("id_cost", "free", "Maksuton (2)") in html
    assert oob_span("count-online-true", "(0)") in html


def test_a_count_that_drops_to_zero_shows_zero(client: Client, choirs_and_a_club: None) -> None:
    """A filter's counts leave out its own choice: choosing Alajärvi keeps Seinäjoki's count."""
    params = {"q": "kerho", "municipality": "005", **PAGE_SHOWS}

    html = client.get(URL, params, headers={"HX-Request": "true"}).content.decode()

    assert oob_span("count-activity_type-peer-support", "(0)") in html
    assert oob_span("count-activity_type-groups-and-clubs", "(1)") in html
    assert oob_option("id_municipality", "005", "Alajärvi (1)") in html
    assert oob_option("id_municipality", "743", "Seinäjoki (1)") in html


def test_the_page_keeps_what_it_shows_and_the_address_leaves_it_out(
    client: Client, choirs_and_a_club: None
) -> None:
    full = client.get(URL).content.decode()
    assert '<input type="hidden" name="counted_municipality" value="005 743">' in full
    assert 'hx-include="#search-counted"' in full

    response = client.get(URL, {"q": "kuoro", **PAGE_SHOWS}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert '<input type="hidden" name="counted_municipality" value="743">' in html
    assert response["HX-Push-Url"] == "/fi/search-page/?q=kuoro"
    assert "counted_" not in html.split('id="search-counted"')[0], "links leave the list out"


def test_the_full_page_shows_each_count_in_an_element_htmx_can_update(
    client: Client, choirs_and_a_club: None
) -> None:
    html = client.get(URL).content.decode()

    label = '<span class="facet-count" id="count-activity_type-peer-support">(2)</span>'
    assert f"Vertaistuki {label}" in html
    assert '<option value="743">Seinäjoki (2)</option>' in html


def test_a_chosen_language_stays_in_the_form_when_nothing_matches(
    client: Client, choirs_and_a_club: None
) -> None:
    html = client.get(URL, {"language": "sv"}).content.decode()

    assert '<option value="sv" selected>sv (0)</option>' in html
    assert '<option value="fi">fi (3)</option>' in html


def test_the_filters_wait_behind_a_button_in_groups_with_legends(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Kuoro", municipalities=["743"])

    html = client.get("/en/search-page/", {"q": "kuoro"}).content.decode()
    chosen = client.get("/en/search-page/", {"q": "kuoro", "municipality": "743", "cost": "free"})
    invalid = client.get("/en/search-page/", {"municipality": "999"}).content.decode()

    filters = html[html.index('<details class="search-filters"') :]
    assert html.index('id="id_q"') < html.index("<details") < html.index('id="search-results"')
    assert filters.startswith('<details class="search-filters" data-open-wide>')
    for legend in ("Where", "Kind of activity", "Language, cost and joining", "Accessibility"):
        assert f"<legend>{legend}</legend>" in filters
    assert "(2 chosen)" in chosen.content.decode()
    assert "Remove the filters" in chosen.content.decode()
    assert "Remove the filters" not in html
    assert '<details class="search-filters" data-open-wide open>' in invalid
