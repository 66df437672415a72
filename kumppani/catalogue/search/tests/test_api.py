"""The /api/v1 catalogue operations: search, details, taxonomy, facets, errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pytest
from django.test import Client

from kumppani.catalogue.models import PublicationStatus, Service, VolunteerTask
from kumppani.catalogue.search.index import index_volunteer_task
from kumppani.catalogue.search.tests.conftest import term
from kumppani.catalogue.tests.factories import VolunteerTaskFactory

pytestmark = pytest.mark.django_db

MakeService = Callable[..., Service]


def test_services_are_searched_and_listed_best_first(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Kerho", description_fi="Välillä myös velkaneuvontaa.")
    make_service(name_fi="Velkaneuvonta", contact_name="Maija Meikäläinen")
    make_service(name_fi="Kuoro")
    response = client.get("/api/v1/services", {"q": "velkaneuvonta"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["name"] for item in body["items"]] == ["Velkaneuvonta", "Kerho"]
    assert "Maija" not in response.content.decode()  # contact persons are personal data
    assert body["facets"] is None


def test_the_list_takes_a_bounded_number_of_queries(
    client: Client,
    make_service: MakeService,
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    activity = term("activity-types")
    for i in range(15):
        make_service(
            name_fi=f"Vertaisryhmä {i}", terms=(activity.code,), municipalities=["743", "905"]
        )
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/services", {"q": "vertaisryhmä", "municipality": "743"})
    assert len(response.json()["items"]) == 15
    with django_assert_max_num_queries(25):
        response = client.get("/api/v1/services", {"q": "vertaisryhmä", "facets": "true"})
    assert response.json()["facets"]["activity_type"][0]["count"] == 15


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"municipality": "999"}, "municipality"),
        ({"county": "xx"}, "county"),
        ({"online": "maybe"}, "online"),
        ({"activity_type": "no-such-term"}, "activity_type"),
        ({"cost": "cheap"}, "cost"),
        ({"how_to_join": "by-magic"}, "how_to_join"),
        ({"accessibility": "lift"}, "accessibility"),
        ({"language": "finnish"}, "language"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"per_page": "100000"}, "per_page"),
        ({"q": "a" * 1000}, "q"),
    ],
)
def test_an_invalid_parameter_is_a_400_naming_it(
    client: Client, params: dict[str, str], field: str
) -> None:
    response = client.get("/api/v1/services", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert response.json()["detail"]


def test_a_service_is_shown_only_when_published(client: Client, make_service: MakeService) -> None:
    shown = make_service(name_fi="Perhekahvila", description_fi="Kahvia ja leikkiä.")
    draft = make_service(name_fi="Luonnos", status=PublicationStatus.DRAFT)
    response = client.get(f"/api/v1/services/{shown.public_id}", {"lang": "sv"})
    assert response.status_code == 200
    assert response.json()["description"] == "Kahvia ja leikkiä."
    assert response.json()["name_language"] == "fi"  # fallback: no Swedish name
    assert client.get(f"/api/v1/services/{draft.public_id}").status_code == 404


def test_facets_endpoint_counts_values(client: Client, make_service: MakeService) -> None:
    make_service(name_fi="Verkkoryhmä", is_online=True)
    make_service(name_fi="Lähiryhmä", is_online=False)
    response = client.get("/api/v1/facets", {"q": "ryhmä"})
    assert response.status_code == 200
    cost = {f["value"]: f["count"] for f in response.json()["cost"]}
    assert cost == {"free": 2, "fee": 0}
    assert client.get("/api/v1/facets", {"cost": "x"}).status_code == 400


def test_volunteer_tasks_are_searched_and_shown(client: Client, db: None) -> None:
    task = cast(VolunteerTask, VolunteerTaskFactory(title_fi="Ulkoiluystävä"))
    VolunteerTaskFactory(title_fi="Lipunmyyjä")
    index_volunteer_task(task)
    body = client.get("/api/v1/volunteer-tasks", {"q": "ulkoiluystävä"}).json()
    assert [item["title"] for item in body["items"]] == ["Ulkoiluystävä"]
    assert (
        client.get(f"/api/v1/volunteer-tasks/{task.public_id}").json()["title"] == "Ulkoiluystävä"
    )
    assert client.get("/api/v1/volunteer-tasks", {"remote": "perhaps"}).status_code == 400


def test_taxonomies_and_terms_are_listed(client: Client, db: None) -> None:
    codes = [t["code"] for t in client.get("/api/v1/taxonomies").json()]
    assert "activity-types" in codes
    body = client.get("/api/v1/taxonomy-terms", {"taxonomy": "themes", "per_page": "5"}).json()
    assert body["count"] > 0
    assert {t["taxonomy"] for t in body["items"]} == {"themes"}
    assert client.get("/api/v1/taxonomy-terms", {"taxonomy": "nope"}).status_code == 400


def test_the_openapi_document_lists_the_catalogue_operations(client: Client, db: None) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/services",
        "/api/v1/services/{public_id}",
        "/api/v1/facets",
        "/api/v1/volunteer-tasks",
        "/api/v1/volunteer-tasks/{public_id}",
        "/api/v1/taxonomies",
        "/api/v1/taxonomy-terms",
    ):
        assert path in paths


def test_the_openapi_document_lists_the_search_parameters(client: Client, db: None) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/services", "/api/v1/facets"):
        params = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert {"q", "lang", "municipality", "county", "page", "per_page"} <= set(params)
        assert params["activity_type"]["in"] == "query"
        assert params["activity_type"]["schema"]["type"] == "array"
        assert not any(p["required"] for p in params.values())
    tasks = paths["/api/v1/volunteer-tasks"]["get"]["parameters"]
    assert {p["name"] for p in tasks} == {"q", "lang", "municipality", "remote", "page", "per_page"}


@pytest.mark.parametrize("q", ["VERTAIS", "vertais", "vertaistukryhmä"])
def test_single_word_prefix_and_typo_queries_are_answered(
    client: Client, make_service: MakeService, q: str
) -> None:
    service = make_service(name_fi="Omaishoitajien vertaistukiryhmä")
    response = client.get("/api/v1/services", {"q": q})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [str(service.public_id)]
