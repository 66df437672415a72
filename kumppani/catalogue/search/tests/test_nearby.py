"""Searching a municipality and the ones nearby, and the results on a map."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kumppani.catalogue.models import Service
from kumppani.catalogue.search.query import SearchFilters, search_services
from kumppani.catalogue.tests.factories import weekly_from_tomorrow
from kumppani.core.neighbours import neighbours

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kumppani.catalogue.search.tests.urls")]

URL = "/fi/search-page/"
API = "/api/v1/services"
MakeService = Callable[..., Service]
VAASA, MUSTASAARI, HELSINKI = "905", "499", "091"


@pytest.fixture
def vaasa_and_around(make_service: MakeService) -> dict[str, list[Service]]:
    """Clubs in Vaasa (one also in Mustasaari), in Mustasaari and in Helsinki."""
    return {
        "own": [
            make_service(name_fi="Kerho Vaasa A", municipalities=[VAASA]),
            make_service(name_fi="Kerho Vaasa B", municipalities=[VAASA, MUSTASAARI]),
            make_service(name_fi="Kerho Vaasa C", municipalities=[VAASA]),
        ],
        "near": [
            make_service(name_fi="Kerho Mustasaari A", municipalities=[MUSTASAARI]),
            make_service(name_fi="Kerho Mustasaari B", municipalities=[MUSTASAARI]),
            make_service(name_fi="Kerho Mustasaari C", municipalities=[MUSTASAARI]),
        ],
        "far": [make_service(name_fi="Kerho Helsinki", municipalities=[HELSINKI])],
    }


def _pks(services: list[Service]) -> set[int]:
    return {s.pk for s in services}


@pytest.mark.parametrize("q", ["", "kerho"])
def test_nearby_widens_the_search_with_the_municipality_s_own_first(
    vaasa_and_around: dict[str, list[Service]], q: str
) -> None:
    alone = search_services(q=q, filters=SearchFilters(municipality=VAASA), language="fi")
    assert set(alone.ids) == _pks(vaasa_and_around["own"])
    result = search_services(
        q=q,
        filters=SearchFilters(municipality=VAASA, nearby=neighbours(VAASA)),
        language="fi",
    )
    assert result.total == 6
    assert set(result.ids[:3]) == _pks(vaasa_and_around["own"])
    assert set(result.ids[3:]) == _pks(vaasa_and_around["near"])
    assert [s.pk for s in result.items] == result.ids
    assert {pk: n.municipality for pk, n in result.nearby.items()} == dict.fromkeys(
        result.ids[3:], MUSTASAARI
    )


@pytest.mark.parametrize("q", ["", "kerho"])
@pytest.mark.parametrize("per_page", [1, 2, 4, 5])
def test_the_pages_of_a_nearby_search_follow_on_from_each_other(
    vaasa_and_around: dict[str, list[Service]], q: str, per_page: int
) -> None:
    filters = SearchFilters(municipality=VAASA, nearby=neighbours(VAASA))
    whole = search_services(q=q, filters=filters, language="fi", per_page=20).ids
    pages: list[int] = []
    for page in range(1, 8):
        result = search_services(
            q=q, filters=filters, language="fi", page=page, per_page=per_page, load_items=False
        )
        assert result.total == 6
        pages += result.ids
    assert pages == whole
    assert len(whole) == 6


def test_the_facets_of_a_nearby_search_count_both_parts(
    vaasa_and_around: dict[str, list[Service]],
) -> None:
    result = search_services(
        q="", filters=SearchFilters(municipality=VAASA, nearby=neighbours(VAASA)), language="fi"
    )
    languages = {f["value"]: f["count"] for f in result.facets["language"]}
    assert languages == {"fi": 6}


def test_the_page_shows_nearby_results_after_the_own_saying_where_they_are(
    client: Client, vaasa_and_around: dict[str, list[Service]]
) -> None:
    response = client.get(URL, {"municipality": VAASA, "nearby": "on"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert {r.service.pk for r in rows[:3]} == _pks(vaasa_and_around["own"])
    assert [r.nearby_in for r in rows] == ["", "", "", "Mustasaari", "Mustasaari", "Mustasaari"]
    html = response.content.decode()
    assert "Kerho Helsinki" not in html
    assert 'name="nearby"' in html
    assert html.count('class="nearby-note"') == 3
    # Without the option, the municipality's own only.
    plain = client.get(URL, {"municipality": VAASA})
    assert {r.service.pk for r in plain.context["rows"]} == _pks(vaasa_and_around["own"])


def test_a_swedish_reader_sees_the_swedish_names(
    client: Client, vaasa_and_around: dict[str, list[Service]]
) -> None:
    response = client.get("/sv/search-page/", {"municipality": VAASA, "nearby": "on"})
    assert [r.nearby_in for r in response.context["rows"]][3:] == ["Korsholm"] * 3


def test_nearby_without_a_municipality_is_ignored(
    client: Client, vaasa_and_around: dict[str, list[Service]]
) -> None:
    response = client.get(URL, {"nearby": "on"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 7
    assert all(not r.nearby_in for r in response.context["rows"])
    api = client.get(API, {"nearby": "true"}).json()
    assert api["count"] == 7
    assert api.get("nearby") is None


def test_the_api_widens_the_search_and_says_where_each_nearby_one_is(
    client: Client, vaasa_and_around: dict[str, list[Service]]
) -> None:
    body = client.get(API, {"municipality": VAASA, "nearby": "true", "q": "kerho"}).json()
    assert body["count"] == 6
    ids = [item["id"] for item in body["items"]]
    own = {str(s.public_id) for s in vaasa_and_around["own"]}
    near = {str(s.public_id) for s in vaasa_and_around["near"]}
    assert set(ids[:3]) == own
    assert set(ids[3:]) == near
    assert body["nearby"] == dict.fromkeys(near, MUSTASAARI)
    assert client.get(API, {"municipality": VAASA, "q": "kerho"}).json()["count"] == 3


def test_an_invalid_nearby_value_is_a_clear_error(client: Client) -> None:
    response = client.get(API, {"municipality": VAASA, "nearby": "maybe"})
    assert response.status_code == 400
    assert "nearby" in response.json()["errors"]


def _queries(client: Client, url: str, params: dict[str, str]) -> int:
    """The queries of a repeated request (the first fills the caches of a running process:
    reference data, the judged ranking)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("q", ["", "kerho"])
def test_a_nearby_search_takes_as_many_queries_for_more_results(
    client: Client, make_service: MakeService, q: str
) -> None:
    make_service(name_fi="Kerho Vaasa", municipalities=[VAASA])
    make_service(name_fi="Kerho Mustasaari", municipalities=[MUSTASAARI])
    params = {"municipality": VAASA, "nearby": "on", "q": q}
    few = _queries(client, URL, params)
    for i in range(8):
        make_service(name_fi=f"Kerho Vaasa {i}", municipalities=[VAASA])
        make_service(name_fi=f"Kerho Mustasaari {i}", municipalities=[MUSTASAARI])
    assert _queries(client, URL, params) == few


def _placed(service: Service, latitude: str, longitude: str) -> None:
    weekly_from_tomorrow(
        service,
        name=f"Paikka {service.pk}",
        address="Kauppapuistikko 1",
        postal_code="65100",
        city="Vaasa",
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
    )


def test_the_map_view_gives_markers_of_the_results_with_a_place_and_lists_all(
    client: Client, make_service: MakeService
) -> None:
    placed = make_service(name_fi="Kerho kartalla", municipalities=[VAASA])
    _placed(placed, "63.096000", "21.615770")
    unplaced = make_service(name_fi="Kerho ilman paikkaa", municipalities=[VAASA])
    response = client.get(URL, {"q": "kerho", "view": "map"})
    assert response.status_code == 200
    html = response.content.decode()
    script = html.split('<script id="search-map-data" type="application/json">')[1]
    markers = json.loads(script.split("</script>")[0])
    assert len(markers) == 1
    assert markers[0]["lat"] == pytest.approx(63.096)
    assert markers[0]["lon"] == pytest.approx(21.61577)
    assert markers[0]["title"] == "Kerho kartalla"
    assert markers[0]["url"].endswith(f"{placed.public_id}/")
    assert "Kauppapuistikko 1" in markers[0]["address"]
    # Every result is in the list, the one without a place marked as such.
    assert {r.service.pk for r in response.context["rows"]} == {placed.pk, unplaced.pk}
    assert response.context["mapped_ids"] == {placed.pk}
    assert 'id="search-map"' in html
    assert "leaflet/leaflet.js" in html
    assert "catalogue/search_map.js" in html
    assert '<input type="hidden" name="view" value="map">' in html
    # The list view links to the map view with the same search, and back.
    list_html = client.get(URL, {"q": "kerho"}).content.decode()
    assert "view=map" in list_html
    assert "search-map-data" not in list_html
    assert "leaflet/leaflet.js" not in list_html
    assert 'href="/fi/search-page/?q=kerho"' in html


def test_the_map_view_takes_as_many_queries_for_more_places(
    client: Client, make_service: MakeService
) -> None:
    params = {"municipality": VAASA, "view": "map"}
    _placed(make_service(name_fi="Kerho 0", municipalities=[VAASA]), "63.1", "21.6")
    few = _queries(client, URL, params)
    for i in range(1, 8):
        _placed(make_service(name_fi=f"Kerho {i}", municipalities=[VAASA]), "63.1", f"21.{i}")
    assert _queries(client, URL, params) == few
    assert len(client.get(URL, params).context["map_markers"]) == 8
