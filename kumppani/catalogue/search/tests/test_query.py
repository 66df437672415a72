"""Ranking, filters and facets of search_services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from kumppani.catalogue.models import HowToJoin, Service
from kumppani.catalogue.search.index import index_services
from kumppani.catalogue.search.query import (
    SearchFilters,
    rank_service_ids,
    search_services,
    search_sql,
)
from kumppani.catalogue.search.tests.conftest import term
from kumppani.catalogue.tests.factories import stale

pytestmark = pytest.mark.django_db

MakeService = Callable[..., Service]


def _names(q: str = "", **filters: Any) -> list[str]:
    result = search_services(
        q=q,
        filters=SearchFilters(**filters),
        language="fi",
        with_facets=False,
    )
    return [s.name_fi or s.name_sv for s in result.items]


def test_a_name_match_ranks_above_a_description_match(make_service: MakeService) -> None:
    make_service(name_fi="Kerho", description_fi="Joskus myös tuolijumppa.")
    make_service(name_fi="Tuolijumppa", description_fi="Liikuntaa istuen.")
    assert _names("tuolijumppa") == ["Tuolijumppa", "Kerho"]


def test_a_stale_service_sinks_below_an_equally_relevant_fresh_one(
    make_service: MakeService,
) -> None:
    old = make_service(name_fi="Senioritanssi A")
    make_service(name_fi="Senioritanssi B")
    stale(old)
    # The index keeps the confirmation date (service_confirm reindexes); stale() writes past it.
    index_services([old.pk])
    assert _names("senioritanssi") == ["Senioritanssi B", "Senioritanssi A"]
    assert _names() == ["Senioritanssi B", "Senioritanssi A"]


def test_a_stale_service_that_matches_much_better_still_ranks_above_a_weak_fresh_one(
    make_service: MakeService,
) -> None:
    """Staleness multiplies the rank by STALE_FACTOR: it decides between similar matches only."""
    old = make_service(name_fi="Senioritanssi", summary_fi="Senioritanssia joka tiistai.")
    make_service(name_fi="Kerho", description_fi="Joskus myös senioritanssia.")
    stale(old)
    index_services([old.pk])
    # A name match, stale, above a passing mention in a fresh description. How far below
    # decides whether the mention is still a match or only related (``relevance``): on
    # PostgreSQL a description-only mention ranks far below a name match.
    result = search_services(
        q="senioritanssi", filters=SearchFilters(), language="fi", with_facets=False
    )
    ranked = [s.name_fi for s in [*result.items, *result.related_items]]
    assert ranked == ["Senioritanssi", "Kerho"]
    assert [s.name_fi for s in result.items][:1] == ["Senioritanssi"]


def test_a_query_asking_for_swedish_ranks_swedish_services_first(
    make_service: MakeService,
) -> None:
    make_service(name_fi="Ystävätoiminta vanhuksille", languages=("fi",))
    make_service(name_sv="Vänverksamhet för äldre", name_fi="", languages=("sv",))
    for name in ("Kuoro", "Perhekahvila", "Tuolijumppa", "Velkaneuvonta"):
        make_service(name_fi=name)
    assert _names("ruotsinkielinen ystävätoiminta")[0] == "Vänverksamhet för äldre"
    assert _names("ystävätoiminta")[0] == "Ystävätoiminta vanhuksille"


def test_municipality_filter_includes_county_wide_and_nationwide_services(
    make_service: MakeService,
) -> None:
    make_service(name_fi="Seinäjoella", municipalities=["743"])
    make_service(name_fi="Koko Etelä-Pohjanmaalla", municipalities=[], counties=["16"])
    make_service(name_fi="Koko Suomessa", municipalities=[], is_nationwide=True)
    make_service(name_fi="Vaasassa", municipalities=["905"])
    assert sorted(_names(municipality="743")) == [
        "Koko Etelä-Pohjanmaalla",
        "Koko Suomessa",
        "Seinäjoella",
    ]
    assert sorted(_names(county="17")) == ["Koko Suomessa", "Vaasassa"]


def test_filters_combine_with_and(make_service: MakeService) -> None:
    make_service(name_fi="Ilmainen verkossa", is_online=True, is_free=True)
    make_service(name_fi="Maksullinen verkossa", is_online=True, is_free=False)
    make_service(
        name_fi="Ilmainen paikan päällä",
        is_online=False,
        is_free=True,
        how_to_join=HowToJoin.REFERRAL,
        induction_loop=True,
    )
    assert _names(online=True, cost="free") == ["Ilmainen verkossa"]
    assert _names(how_to_join=HowToJoin.REFERRAL) == ["Ilmainen paikan päällä"]
    assert _names(accessibility=("induction_loop",)) == ["Ilmainen paikan päällä"]
    assert _names(accessibility=("induction_loop", "sign_language")) == []


def test_taxonomy_and_language_filters(make_service: MakeService) -> None:
    activity = term("activity-types")
    make_service(name_fi="Luokiteltu", terms=(activity.code,), languages=("fi", "sv"))
    make_service(name_fi="Luokittelematon", languages=("fi",))
    assert _names(activity_type=(activity.pk,)) == ["Luokiteltu"]
    assert _names(language="sv") == ["Luokiteltu"]


def test_facets_count_the_text_query_and_the_other_filters_only(
    make_service: MakeService,
) -> None:
    make_service(name_fi="Vertaisryhmä verkossa", is_online=True, municipalities=["743"])
    make_service(name_fi="Vertaisryhmä Vaasassa", is_online=False, municipalities=["905"])
    make_service(name_fi="Kuoro", is_online=True, municipalities=["743"])
    result = search_services(
        q="vertaisryhmä", filters=SearchFilters(municipality="743"), language="fi"
    )
    assert [s.name_fi for s in result.items] == ["Vertaisryhmä verkossa"]
    municipality = {f["value"]: f["count"] for f in result.facets["municipality"]}
    assert municipality == {"743": 1, "905": 1}  # the municipality filter itself is left out
    assert {f["value"]: f["count"] for f in result.facets["online"]} == {"true": 1}


def test_facets_take_a_bounded_number_of_queries(
    make_service: MakeService, django_assert_max_num_queries: Callable[..., object]
) -> None:
    for i in range(5):
        make_service(name_fi=f"Vertaisryhmä {i}", is_online=bool(i % 2))
    filters = SearchFilters(
        municipality="743",
        online=True,
        cost="free",
        how_to_join="drop_in",
        accessibility=("induction_loop",),
        language="fi",
    )
    with django_assert_max_num_queries(20):
        search_services(q="vertaisryhmä", filters=filters, language="fi")


def test_results_are_paged_and_the_total_counts_every_match(make_service: MakeService) -> None:
    for i in range(5):
        make_service(name_fi=f"Kerho {i}")
    page = search_services(q="kerho", filters=SearchFilters(), language="fi", page=2, per_page=2)
    assert page.total == 5
    assert len(page.items) == 2
    past = search_services(q="kerho", filters=SearchFilters(), language="fi", page=9, per_page=2)
    assert (past.total, past.items) == (5, [])


def test_rank_service_ids_ranks_only_within_the_given_queryset(make_service: MakeService) -> None:
    inside = make_service(name_fi="Ruoka-apu Seinäjoella")
    make_service(name_fi="Ruoka-apu Vaasassa")
    queryset = Service.objects.filter(pk=inside.pk)
    assert rank_service_ids("ruoka-apu", queryset=queryset, language="fi") == [inside.pk]
    assert rank_service_ids("", queryset=queryset, language="fi") == [inside.pk]


def test_a_query_of_unknown_words_finds_nothing(make_service: MakeService) -> None:
    make_service(name_fi="Kuoro")
    assert _names("xyzzyqwerty") == []


def test_search_sql_is_the_ranked_query_of_the_search(make_service: MakeService) -> None:
    wanted = make_service(name_fi="Velkaneuvonta", municipalities=["743"])
    make_service(name_fi="Velkaneuvonta Vaasassa", municipalities=["905"])
    sql, params = search_sql(
        q="velkaneuvonta", filters=SearchFilters(municipality="743"), language="fi", limit=10
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        assert [row[0] for row in cur.fetchall()] == [wanted.pk]
