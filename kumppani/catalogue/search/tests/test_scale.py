"""What keeps the search fast on a large catalogue: AND before OR, capped counts, title first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from kumppani.catalogue.api import ServiceListOut
from kumppani.catalogue.models import Service
from kumppani.catalogue.search import query
from kumppani.catalogue.search.analyzer import QueryTerm
from kumppani.catalogue.search.query import SearchFilters, search_services
from kumppani.catalogue.search.ranking import match_levels

pytestmark = pytest.mark.django_db

MakeService = Callable[..., Service]
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the capped count is PostgreSQL's"
)


def _names(q: str, **filters: Any) -> list[str]:
    result = search_services(
        q=q, filters=SearchFilters(**filters), language="fi", with_facets=False
    )
    return [s.name_fi for s in result.items]


def test_every_query_word_must_match_when_enough_services_have_them_all(
    make_service: MakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "MIN_LEVEL_MATCHES", 2)
    make_service(name_fi="Kuoro ikäihmisille")
    make_service(name_fi="Kuoro ja tanssi ikäihmisille")
    make_service(name_fi="Kuoro lapsille")
    assert sorted(_names("kuoro ikäihmisille")) == [
        "Kuoro ikäihmisille",
        "Kuoro ja tanssi ikäihmisille",
    ]


def test_too_few_services_with_every_word_fall_back_to_any_word(
    make_service: MakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "MIN_LEVEL_MATCHES", 2)
    make_service(name_fi="Kuoro ikäihmisille")
    make_service(name_fi="Kuoro lapsille")
    names = _names("kuoro ikäihmisille")
    assert names[0] == "Kuoro ikäihmisille"  # matches both words: ranked first
    assert names[1:] == ["Kuoro lapsille"]


def test_common_terms_only_rank_in_a_large_catalogue() -> None:
    terms = [QueryTerm("ryhma", 1.0, "word", 0), QueryTerm("kuoro", 1.0, "word", 1)]
    df = {"ryhma": 500, "kuoro": 20}
    levels = match_levels(terms, lambda t: df.get(t.term), n_docs=2000)
    assert levels == [((terms[1],),)]  # "ryhma" (25 %) neither widens nor narrows the match
    small = match_levels(terms, lambda t: df.get(t.term), n_docs=600)
    assert small[0] == ((terms[0],), (terms[1],))  # a small catalogue has no common terms


@postgres_only
def test_past_the_count_cap_the_total_is_a_lower_bound_and_titles_rank_first(
    make_service: MakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    monkeypatch.setattr(query, "MIN_LEVEL_MATCHES", 1)
    for i in range(4):
        make_service(name_fi=f"Kerho {i}", description_fi="Mukana myös tuolijumppa.")
    make_service(name_fi="Tuolijumppa", description_fi="Liikuntaa istuen.")
    result = search_services(
        q="tuolijumppa", filters=SearchFilters(), language="fi", with_facets=False, per_page=1
    )
    assert (result.total, result.total_exact) == (3, False)
    assert [s.name_fi for s in result.items] == ["Tuolijumppa"]
    # The page past what the titles hold is ranked from the whole match.
    second = search_services(
        q="tuolijumppa",
        filters=SearchFilters(),
        language="fi",
        with_facets=False,
        page=2,
        per_page=1,
    )
    assert len(second.items) == 1 and second.items[0].name_fi.startswith("Kerho")


@postgres_only
def test_the_municipality_filter_is_part_of_the_text_match(make_service: MakeService) -> None:
    make_service(name_fi="Velkaneuvonta", municipalities=["743"])
    make_service(name_fi="Velkaneuvonta Vaasassa", municipalities=["905"])
    sql, params = query.search_sql(
        q="velkaneuvonta", filters=SearchFilters(municipality="743"), language="fi", limit=10
    )
    assert "d.areas && " in sql and "catalogue_service_municipalities" not in sql
    with connection.cursor() as cur:
        cur.execute(sql, params)
        assert len(cur.fetchall()) == 1


def test_the_list_items_have_the_documented_shape(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Perhekahvila", municipalities=["743"], terms=("peer-support",))
    response = client.get("/api/v1/services", {"q": "perhekahvila"})
    body = ServiceListOut.model_validate(response.json())
    assert body.count == 1 and body.count_exact
    item = body.items[0]
    assert (item.name, item.name_language, item.municipalities[0].code) == (
        "Perhekahvila",
        "fi",
        "743",
    )
    assert item.languages == ["fi"] and not item.is_stale
