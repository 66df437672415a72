"""The HSDS read API: schema-valid pages and objects, filters, validation, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kumppani.catalogue.hsds import selectors
from kumppani.catalogue.hsds.validation import page_validator, schema_errors
from kumppani.catalogue.models import (
    PublicationStatus,
    Service,
    ServiceLocation,
    Taxonomy,
    TaxonomyTerm,
)
from kumppani.catalogue.search.relevance import Judged
from kumppani.organisations.models import Organisation

from .helpers import (
    OFFICIAL,
    SAMPLE,
    SECOND_OF_TWO_PAGES,
    make_county_wide_service,
    make_service,
    page_wrapper,
    run_import,
)

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/hsds/services": "service.json",
    "/api/hsds/services?full=true": "service.json",
    "/api/hsds/services?minimal=true": "service.json",
    "/api/hsds/organizations": "organization.json",
    "/api/hsds/organizations?full=true": "organization.json",
    "/api/hsds/taxonomies": "taxonomy.json",
    "/api/hsds/taxonomy_terms": "taxonomy_term.json",
    "/api/hsds/service_at_locations": "service_at_location.json",
}


def get(client: Client, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content
    return response.json()


def assert_valid(obj: Any, schema_file: str) -> None:
    errors = schema_errors(obj, schema_file)
    assert not errors, errors


@pytest.fixture
def dataset(org_x: Organisation, org_y: Organisation) -> list[Service]:
    run_import(SAMPLE)
    run_import(OFFICIAL / "service_full.json")
    return [make_service(org_x), make_county_wide_service(org_y)]


def test_root_names_version_profile_and_openapi(client: Client) -> None:
    body = get(client, "/api/hsds/")
    assert body["version"] == "3.0"
    assert body["profile"].endswith("/api/hsds/profile")
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")
    assert client.get("/api/hsds/openapi.json").status_code == 200


def test_every_list_and_detail_validates_against_the_hsds_schemas(
    client: Client, dataset: list[Service]
) -> None:
    for url, schema_file in LISTS.items():
        for lang in ("fi", "sv", "en"):
            separator = "&" if "?" in url else "?"
            page = get(client, f"{url}{separator}lang={lang}")
            assert not list(page_validator().iter_errors(page)), url
            assert page["contents"], f"{url} returned nothing to validate"
            for item in page["contents"]:
                assert_valid(item, schema_file)
                if "?" in url:
                    continue
                detail = get(client, f"{url}/{item['id']}?lang={lang}")
                assert_valid(detail, schema_file)
                assert detail["id"] == item["id"]


def test_full_service_carries_our_profile_fields(client: Client, dataset: list[Service]) -> None:
    service = dataset[0]
    body = get(client, f"/api/hsds/services/{service.public_id}")
    assert body["x_name"] == {"fi": "Vertaistukiryhmä", "sv": "Kamratstödsgrupp"}
    assert body["service_areas"][0]["extent"] == "743"
    assert body["service_areas"][0]["extent_type"] == "x_municipality_code"
    assert [lang["code"] for lang in body["languages"]] == ["fi"]
    assert body["schedules"][0]["freq"] == "WEEKLY"
    assert body["schedules"][0]["byday"] == "TU"
    assert body["schedules"][0]["opens_at"] == "13:00:00"
    assert body["cost_options"][0]["amount_description"] == "2 € kerta"
    location = body["service_at_locations"][0]["location"]
    assert [item["details"] for item in location["accessibility"]] == ["step_free_access"]
    assert body["attributes"][0]["taxonomy_term"]["code"] == "peer-support"
    assert "contact_email" not in str(body)


def test_text_follows_lang_parameter_then_accept_language(
    client: Client, dataset: list[Service]
) -> None:
    url = f"/api/hsds/services/{dataset[0].public_id}"
    assert get(client, url)["name"] == "Vertaistukiryhmä"
    assert get(client, url + "?lang=sv")["name"] == "Kamratstödsgrupp"
    assert get(client, url, **{"Accept-Language": "sv-FI,sv;q=0.9"})["name"] == "Kamratstödsgrupp"
    # No English text: falls back to Finnish.
    assert get(client, url + "?lang=en")["name"] == "Vertaistukiryhmä"


def test_hidden_and_draft_services_are_not_served(client: Client, org_x: Organisation) -> None:
    hidden = make_service(org_x, hidden_at=timezone.now())
    draft = make_service(org_x, status=PublicationStatus.DRAFT)
    shown = make_service(org_x)
    ids = {item["id"] for item in get(client, "/api/hsds/services")["contents"]}
    assert ids == {str(shown.public_id)}
    for service in (hidden, draft):
        assert client.get(f"/api/hsds/services/{service.public_id}").status_code == 404
        sal = ServiceLocation.objects.get(service=service)
        assert client.get(f"/api/hsds/service_at_locations/{sal.public_id}").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=x",
        "per_page=1001",
        "per_page=0",
        "organization_id=not-a-uuid",
        "taxonomy_term_id=123",
        "taxonomy_id=abc",
        "modified_after=yesterday",
        "modified_after=2025-13-45",
        "municipality=999",
        "municipality=74",
        "lang=de",
        "full=maybe",
        "format=ndjson",
    ],
)
def test_a_bad_parameter_is_a_400_with_a_message(client: Client, query: str) -> None:
    response = client.get(f"/api/hsds/services?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"]
)
def test_detail_ids_are_checked(client: Client, path: str) -> None:
    assert client.get(f"/api/hsds/{path}/not-a-uuid").status_code == 400
    unknown = "0b4c4e8e-9d0e-4f5b-8a1f-6f0f4a6f1c11"
    assert client.get(f"/api/hsds/{path}/{unknown}").status_code == 404


def test_municipality_filter_keeps_services_offered_there(
    client: Client, dataset: list[Service]
) -> None:
    in_seinajoki = get(client, "/api/hsds/services?municipality=743")["contents"]
    # Named there, county-wide in Etelä-Pohjanmaa, or nationwide; not the Lapua/Vaasa groups.
    assert {item["name"] for item in in_seinajoki} == {
        "Vertaistukiryhmä",
        "Omaishoitajien puhelintuki",
        "Kriisipuhelin",
    }
    in_lapua = get(client, "/api/hsds/services?municipality=408")["contents"]
    assert {item["name"] for item in in_lapua} == {
        "Omaishoitajien kahvila",
        "Omaishoitajien puhelintuki",
        "Kriisipuhelin",
    }


def test_taxonomy_and_organization_filters(client: Client, dataset: list[Service]) -> None:
    term = TaxonomyTerm.objects.get(taxonomy__code="hsds-test-activity", code="peer-support")
    by_term = get(client, f"/api/hsds/services?taxonomy_term_id={term.public_id}")["contents"]
    assert [item["id"] for item in by_term] == [str(dataset[0].public_id)]
    taxonomy = Taxonomy.objects.get(code="hsds-test-activity")
    by_taxonomy = get(client, f"/api/hsds/services?taxonomy_id={taxonomy.public_id}")
    assert by_taxonomy["total_items"] == 1
    org = dataset[1].organisation
    by_org = get(client, f"/api/hsds/services?organization_id={org.public_id}")["contents"]
    assert [item["id"] for item in by_org] == [str(dataset[1].public_id)]


def test_modified_after_filters_on_last_change(client: Client, dataset: list[Service]) -> None:
    Service.objects.filter(pk=dataset[0].pk).update(updated_at="2020-01-01T00:00:00Z")
    everything = get(client, "/api/hsds/services")["total_items"]
    recent = get(client, "/api/hsds/services?modified_after=2024-01-01T00:00:00%2B02:00")
    assert recent["total_items"] == everything - 1


def test_search_keeps_the_engine_order(
    client: Client, dataset: list[Service], monkeypatch: pytest.MonkeyPatch
) -> None:
    ranked = list(Service.objects.published().order_by("-pk").values_list("pk", flat=True))
    monkeypatch.setattr(
        selectors, "judge_services", lambda query, services, language: Judged(matches=ranked)
    )
    body = get(client, "/api/hsds/services?search=omaishoitajat&per_page=2&page=2")
    expected = Service.objects.in_bulk(ranked[2:4])
    assert [item["id"] for item in body["contents"]] == [
        str(expected[pk].public_id) for pk in ranked[2:4]
    ]
    assert body["total_items"] == len(ranked)
    assert body["page_number"] == 2
    assert body["first_page"] is False


def test_page_wrapper_counts(client: Client, org_x: Organisation) -> None:
    for _ in range(3):
        make_service(org_x)
    body = get(client, "/api/hsds/services?per_page=2&page=2")
    assert page_wrapper(body) == SECOND_OF_TWO_PAGES
    beyond = get(client, "/api/hsds/services?per_page=2&page=5")
    assert beyond["empty"] is True and beyond["contents"] == []


def test_a_page_of_50_full_services_takes_a_bounded_number_of_queries(
    client: Client, org_x: Organisation, django_assert_max_num_queries: Any
) -> None:
    for _ in range(50):
        make_service(org_x)
    with django_assert_max_num_queries(12):
        body = get(client, "/api/hsds/services?full=true&per_page=50")
    assert body["size"] == 50
    with django_assert_max_num_queries(6):
        assert get(client, "/api/hsds/service_at_locations?per_page=50")["size"] == 50
    with django_assert_max_num_queries(4):
        get(client, "/api/hsds/organizations?per_page=50")
    with django_assert_max_num_queries(4):
        get(client, "/api/hsds/taxonomy_terms?per_page=50")


def test_organization_detail_lists_its_visible_services(
    client: Client, dataset: list[Service]
) -> None:
    org = dataset[0].organisation
    body = get(client, f"/api/hsds/organizations/{org.public_id}?full_service=true")
    assert [service["id"] for service in body["services"]] == [str(dataset[0].public_id)]
    assert_valid(body["services"][0], "service.json")


def test_organisations_without_visible_services_are_not_listed(
    client: Client, org_x: Organisation, org_y: Organisation
) -> None:
    make_service(org_x)
    ids = {item["id"] for item in get(client, "/api/hsds/organizations")["contents"]}
    assert ids == {str(org_x.public_id)}
    assert client.get(f"/api/hsds/organizations/{org_y.public_id}").status_code == 404


def test_the_profile_document_is_served(client: Client) -> None:
    response = client.get("/api/hsds/profile")
    assert response.status_code == 200
    assert "municipality" in response.content.decode()
