"""What keeps the search fast on a large catalogue: AND before OR, capped counts, title first."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kumppani.catalogue.api import ServiceListOut
from kumppani.catalogue.models import Service
from kumppani.catalogue.search import query
from kumppani.catalogue.search.analyzer import QueryTerm
from kumppani.catalogue.search.query import SearchFilters, search_services
from kumppani.catalogue.search.ranking import match_levels

pytestmark = pytest.mark.django_db

MakeService = Callable[..., Service]
SetCountCap = Callable[[int], None]
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the capped count is PostgreSQL's"
)


@pytest.fixture
def count_cap(monkeypatch: pytest.MonkeyPatch) -> SetCountCap:
    """Cap the count of matches at a few, and let one match make a match level."""

    def set_cap(cap: int) -> None:
        monkeypatch.setattr(query, "COUNT_CAP", cap)
        monkeypatch.setattr(query, "MIN_LEVEL_MATCHES", 1)

    return set_cap


@pytest.fixture
def two_choirs(make_service: MakeService, monkeypatch: pytest.MonkeyPatch) -> None:
    """A choir for the elderly and one for children, where a match level needs two matches:
    "kuoro ikäihmisille" matches only one of them with every word."""
    monkeypatch.setattr(query, "MIN_LEVEL_MATCHES", 2)
    make_service(name_fi="Kuoro ikäihmisille")
    make_service(name_fi="Kuoro lapsille")


@pytest.fixture
def chair_exercise_past_the_cap(make_service: MakeService, count_cap: SetCountCap) -> None:
    """Five services that mention chair exercise, one of them in its name, past a count cap of
    three."""
    count_cap(3)
    for i in range(4):
        make_service(name_fi=f"Kerho {i}", description_fi="Mukana myös tuolijumppa.")
    make_service(name_fi="Tuolijumppa", description_fi="Liikuntaa istuen.")


def _names(q: str, **filters: Any) -> list[str]:
    result = search_services(
        q=q, filters=SearchFilters(**filters), language="fi", with_facets=False
    )
    return [s.name_fi for s in result.items]


@pytest.mark.usefixtures("two_choirs")
def test_every_query_word_must_match_when_enough_services_have_them_all(
    make_service: MakeService,
) -> None:
    make_service(name_fi="Kuoro ja tanssi ikäihmisille")
    assert sorted(_names("kuoro ikäihmisille")) == [
        "Kuoro ikäihmisille",
        "Kuoro ja tanssi ikäihmisille",
    ]


@pytest.mark.usefixtures("two_choirs")
def test_too_few_services_with_every_word_fall_back_to_any_word() -> None:
    result = search_services(
        q="kuoro ikäihmisille", filters=SearchFilters(), language="fi", with_facets=False
    )
    # Both words: the match. One word only: ranked, but shown apart as related.
    assert [s.name_fi for s in result.items] == ["Kuoro ikäihmisille"]
    assert [s.name_fi for s in result.related_items] == ["Kuoro lapsille"]


def test_common_terms_only_rank_in_a_large_catalogue() -> None:
    terms = [QueryTerm("ryhma", 1.0, "word", 0), QueryTerm("kuoro", 1.0, "word", 1)]
    df = {"ryhma": 500, "kuoro": 20}
    levels = match_levels(terms, lambda t: df.get(t.term), n_docs=2000)
    assert levels == [((terms[1],),)]  # "ryhma" (25 %) neither widens nor narrows the match
    small = match_levels(terms, lambda t: df.get(t.term), n_docs=600)
    assert small[0] == ((terms[0],), (terms[1],))  # a small catalogue has no common terms


@postgres_only
@pytest.mark.usefixtures("chair_exercise_past_the_cap")
def test_past_the_count_cap_the_total_is_a_lower_bound_and_titles_rank_first() -> None:
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


def _ids_and_queries(q: str, **kwargs: Any) -> tuple[list[int], int, bool, int]:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        result = search_services(q=q, language="fi", with_facets=False, load_items=False, **kwargs)
    return result.ids, result.total, result.total_exact, len(ctx.captured_queries)


def _forget_levels() -> None:
    from kumppani.catalogue.search import backend

    backend._stats.levels.clear()


@postgres_only
def test_a_filtered_broad_search_counts_and_ranks_in_one_statement(
    make_service: MakeService, count_cap: SetCountCap
) -> None:
    count_cap(5)
    here = [
        make_service(name_fi=f"Tuolijumppa {i}", municipalities=["743"], is_nationwide=False)
        for i in range(3)
    ]
    for i in range(6):
        make_service(name_fi=f"Tuolijumppa Vaasa {i}", municipalities=["905"], is_nationwide=False)
    filters = SearchFilters(municipality="743")
    _ids_and_queries("tuolijumppa", filters=filters)  # warms the vocabulary cache
    _forget_levels()
    ids, total, exact, queries = _ids_and_queries("tuolijumppa", filters=filters)
    assert (total, exact, queries) == (3, True, 1)
    sql, params = query.search_sql(q="tuolijumppa", filters=filters, language="fi", limit=20)
    with connection.cursor() as cur:
        cur.execute(sql, params)
        assert ids == [r[0] for r in cur.fetchall()]
    assert sorted(ids) == sorted(s.pk for s in here)


@postgres_only
@pytest.mark.usefixtures("two_choirs")  # the AND level matches 1: falls back to the OR
def test_a_repeated_search_runs_only_its_ranked_query_until_the_index_changes(
    make_service: MakeService,
) -> None:
    first = _ids_and_queries("kuoro ikäihmisille", filters=SearchFilters())
    again = _ids_and_queries("kuoro ikäihmisille", filters=SearchFilters())
    # The OR level ranks both choirs; only the one with both words is a match (the other is
    # related, ``relevance``).
    assert again[:3] == first[:3] and first[1] == 1
    assert again[3] == 1
    make_service(name_fi="Kuoro ja tanssi ikäihmisille")
    after = _ids_and_queries("kuoro ikäihmisille", filters=SearchFilters())
    assert after[1] == 2 and len(after[0]) == 2  # now the AND level holds two: no fallback
    assert "Kuoro lapsille" not in {s.name_fi for s in Service.objects.filter(pk__in=after[0])}


@postgres_only
@pytest.mark.usefixtures("chair_exercise_past_the_cap")
def test_a_repeated_search_past_the_count_cap_keeps_its_title_first_page() -> None:
    for page in (1, 2):
        first = _ids_and_queries("tuolijumppa", filters=SearchFilters(), page=page, per_page=1)
        again = _ids_and_queries("tuolijumppa", filters=SearchFilters(), page=page, per_page=1)
        assert again[:3] == first[:3] and first[1:3] == (3, False)
        assert again[3] == 1


@postgres_only
def test_the_benchmark_floor_is_the_statement_a_repeated_search_runs(
    make_service: MakeService,
) -> None:
    # Names hold the word (the title tier), a description only (the next tier): the judged
    # window of a repeated search ranks both tiers, and so does the floor.
    for i in range(3):
        make_service(name_fi=f"Kuoro {i}")
    make_service(name_fi="Kerho", description_fi="Kuoro laulaa.")
    _ids_and_queries("kuoro", filters=SearchFilters())
    with CaptureQueriesContext(connection) as ctx:
        again = search_services(
            q="kuoro", filters=SearchFilters(), language="fi", with_facets=False, load_items=False
        )
    sql, params = query.search_sql(q="kuoro", filters=SearchFilters(), language="fi", limit=20)
    with connection.cursor() as cur:
        floor = cur.mogrify(sql, params)
        cur.execute(sql, params)
        floor_ids = [r[0] for r in cur.fetchall()]
    # The same statement but for the moment "stale" is measured from.
    moment = re.compile(r"'[0-9-]+ [0-9:.+]+'::timestamptz")
    assert [moment.sub("T", q["sql"]) for q in ctx.captured_queries] == [moment.sub("T", floor)]
    assert floor_ids == again.ids and len(floor_ids) == 4


@postgres_only
def test_the_pages_of_a_broad_search_hold_every_match_once_in_tier_order(
    make_service: MakeService, count_cap: SetCountCap
) -> None:
    # Every query word in the name; one of them there; none there (only in the description).
    tiers = [
        {make_service(name_fi=f"Kuoro ja tanssi {i}").pk for i in range(3)},
        {
            make_service(name_fi=f"Kuoro {i}", description_fi="Tanssi ja laulu.").pk
            for i in range(3)
        },
        {
            make_service(name_fi=f"Kerho {i}", description_fi="Kuoro ja tanssi.").pk
            for i in range(3)
        },
    ]
    count_cap(3)

    def pages() -> tuple[list[int], list[int]]:
        ids, queries = [], []
        for page in range(1, 7):
            page_ids, total, exact, n = _ids_and_queries(
                "kuoro tanssi", filters=SearchFilters(), page=page, per_page=2
            )
            assert (total, exact) == (3, False)
            ids += page_ids
            queries.append(n)
        return ids, queries

    first, _queries = pages()
    assert len(first) == len(set(first)) == 9
    assert [set(first[0:3]), set(first[3:6]), set(first[6:9])] == tiers
    # Repeated, each page (straddling tiers or not) is one statement, in the same order; the
    # page past the last result needs none.
    again, queries = pages()
    assert again == first
    assert queries == [1] * 5 + [0]
