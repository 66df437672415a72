"""The result cards of the search API: stored per service on PostgreSQL, joined on SQLite."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import Client

from kumppani.catalogue.models import Service
from kumppani.catalogue.search.index import index_organisation_services, index_term_services
from kumppani.catalogue.search.listing import built_cards, card_texts
from kumppani.catalogue.search.tests.conftest import term

pytestmark = pytest.mark.django_db

MakeService = Callable[..., Service]

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="cards are stored on PostgreSQL only"
)


def _json(cards: list[dict[str, Any]]) -> Any:
    return json.loads(json.dumps(cards, cls=DjangoJSONEncoder))


def service_cards(ids: list[int], language: str) -> list[dict[str, Any]]:
    """The list items as the API sends them, decoded."""
    return [json.loads(text) for text in card_texts(ids, language)]


def _names(client: Client, q: str, lang: str = "fi") -> list[tuple[str, str, list[str]]]:
    body = client.get("/api/v1/services", {"q": q, "lang": lang}).json()
    return [
        (i["name"], i["organisation"]["name"], [t["name"] for t in i["terms"]])
        for i in body["items"]
    ]


@postgres_only
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_stored_cards_equal_the_joined_query_in_every_language(
    make_service: MakeService, language: str
) -> None:
    activity = term("activity-types")
    services = [
        make_service(
            name_fi="Vertaisryhmä",
            name_sv="Kamratgrupp",
            name_en="",
            summary_fi="Tukea",
            terms=(activity.code,),
            municipalities=["743", "905"],
            languages=("fi", "sv"),
        ),
        make_service(name_fi="Kerho", name_sv="", summary_fi="", is_online=True),
    ]
    ids = [s.pk for s in reversed(services)]
    stored = service_cards(ids, language)
    assert [c["name"] for c in stored] == (
        ["Kerho", "Kamratgrupp" if language == "sv" else "Vertaisryhmä"]
    )
    # As the API sends them (ids are UUIDs in one, their text in the other).
    assert stored == _json(built_cards(ids, language))


@postgres_only
def test_a_page_of_stored_cards_is_one_query(
    make_service: MakeService, django_assert_num_queries: Callable[..., Any]
) -> None:
    ids = [make_service(name_fi=f"Kerho {i}", municipalities=["743"]).pk for i in range(5)]
    with django_assert_num_queries(1):
        cards = service_cards(ids, "fi")
    assert [c["name"] for c in cards] == [f"Kerho {i}" for i in range(5)]


@postgres_only
def test_a_service_indexed_without_a_card_is_still_listed(make_service: MakeService) -> None:
    service = make_service(name_fi="Kerho")
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE catalogue_search_service SET card_fi = NULL, card_sv = NULL, card_en = NULL "
            "WHERE service_id = %s",
            [service.pk],
        )
    assert [c["name"] for c in service_cards([service.pk], "fi")] == ["Kerho"]


@postgres_only
def test_a_service_missing_from_the_index_is_not_listed(make_service: MakeService) -> None:
    shown = make_service(name_fi="Kerho")
    unindexed = make_service(name_fi="Piiri", index=False)
    assert [c["name"] for c in service_cards([unindexed.pk, shown.pk], "fi")] == ["Kerho"]


def test_an_organisation_rename_reaches_the_cards_once_its_services_are_reindexed(
    client: Client, make_service: MakeService
) -> None:
    service = make_service(name_fi="Kerho")
    org = service.organisation
    org.name_fi = "Uusi yhdistys"
    org.save()
    assert index_organisation_services(org) == 1
    assert _names(client, "kerho") == [("Kerho", "Uusi yhdistys", [])]


def test_renaming_an_organisation_through_its_service_updates_search_at_once(
    client: Client, make_service: MakeService
) -> None:
    from kumppani.core.actor import Actor
    from kumppani.organisations.services import organisation_update

    service = make_service(name_fi="Kerho")
    organisation_update(
        organisation=service.organisation, actor=Actor.system("test"), name_fi="Uusi yhdistys"
    )
    assert _names(client, "kerho") == [("Kerho", "Uusi yhdistys", [])]
    assert [name for name, _org, _terms in _names(client, "uusi yhdistys")] == ["Kerho"]


def test_a_term_label_change_reaches_the_cards_once_its_services_are_reindexed(
    client: Client, make_service: MakeService
) -> None:
    activity = term("activity-types")
    make_service(name_fi="Kerho", terms=(activity.code,))
    activity.name_fi = "Uusi toimintamuoto"
    activity.save()
    assert index_term_services(activity) == 1
    assert _names(client, "kerho")[0][2] == ["Uusi toimintamuoto"]


@postgres_only
def test_a_repeated_ranked_page_ranks_once_and_reads_its_cards_by_key(
    client: Client, make_service: MakeService, django_assert_num_queries: Callable[..., Any]
) -> None:
    for i in range(3):
        make_service(name_fi=f"Kuoro {i}", name_sv=f"Kör {i}", municipalities=["743"])
    client.get("/api/v1/services", {"q": "kuoro"})  # the match level is chosen and kept
    # The judged window is ranked without cards; the page's cards are read by key.
    with django_assert_num_queries(2):
        body = client.get("/api/v1/services", {"q": "kuoro", "lang": "sv"}).json()
    assert sorted(i["name"] for i in body["items"]) == ["Kör 0", "Kör 1", "Kör 2"]
    assert {i["name_language"] for i in body["items"]} == {"sv"}
    assert body["count"] == 3


def test_stale_and_fresh_cards_say_so(client: Client, make_service: MakeService) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from kumppani.catalogue.models import STALE_AFTER

    old = timezone.now() - STALE_AFTER - timedelta(days=1)
    make_service(name_fi="Kuoro vanha", last_verified_at=old)
    make_service(name_fi="Kuoro uusi")
    items = client.get("/api/v1/services", {"q": "kuoro"}).json()["items"]
    assert {i["name"]: i["is_stale"] for i in items} == {"Kuoro vanha": True, "Kuoro uusi": False}
    stale = next(i for i in items if i["is_stale"])
    assert stale["last_verified_at"].startswith(old.date().isoformat())
