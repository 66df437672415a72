"""Search the catalogue: the entry points the pages, the API and the HSDS API call.

A search takes one path through the package, each step once:

1. ``analysis.parse_query``: the query text analysed (terms, corrections, tiers, levels);
2. ``filters``: the filters as ORM conditions and, once, as the ranked search's ``Scope``;
3. ``pg_statements`` / ``sqlite_statements``: the ranked statement of the database in use,
   its rank multiplied by a freshness and a language factor (``factors``);
4. ``execution.rank``: the statements run, the match level chosen, on PostgreSQL the page's
   stored cards read with the ranking;
5. ``facets.compute_facets``: counts over the result set, when asked for.

Without search words the services come in freshness/name order (``unranked``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from uuid import UUID

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from kumppani.catalogue.models import Service, ServiceQuerySet, VolunteerTask
from kumppani.catalogue.search import backend, facets, relevance
from kumppani.catalogue.search.analysis import ParsedQuery, parse_query
from kumppani.catalogue.search.backend import SERVICES, TASKS, is_postgres
from kumppani.catalogue.search.execution import Cards, Limits, rank
from kumppani.catalogue.search.factors import stale_before
from kumppani.catalogue.search.filters import (
    ACCESSIBILITY_FIELDS,
    TERM_FACETS,
    Scope,
    SearchFilters,
    filter_conditions,
    service_scope,
    task_scope,
    visible_services,
)
from kumppani.core.languages import translated_expression

MAX_PER_PAGE = 100
# A level matching fewer documents than this falls back to the next, broader one.
MIN_LEVEL_MATCHES = 20
# Counting stops here ("1,000+"); past it, the PostgreSQL rank is computed only for the
# documents with a query word in their name or summary (the title-first path).
COUNT_CAP = 1000
_NOTHING_SQL = "SELECT id FROM catalogue_service WHERE 1 = 0"


def _limits() -> Limits:
    # Read at each search (tests change them).
    return Limits(count_cap=COUNT_CAP, min_matches=MIN_LEVEL_MATCHES)


@dataclass
class SearchResult:
    items: list[Service]
    total: int
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    query_language: str | None = None
    requested_language: str | None = None
    # False when ``total`` is a lower bound: past COUNT_CAP matches they are not counted.
    total_exact: bool = True
    # The page's service ids, best first (``items`` holds them unless not loaded).
    ids: list[int] = field(default_factory=list)
    # PostgreSQL, when asked for (``search_services(cards=...)``): the page's stored cards as
    # read by the ranked statement, {id: (JSON text or None, is stale)}; for
    # ``listing.page_cards``. None when they were not read with the ranking.
    cards: Cards | None = None
    # Ranked searches (``relevance``): the related services shown apart from the matches
    # ("other activities you might be interested in"), on the first page; whether only
    # related ones were found; the query with corrected words ("did you mean"), or "".
    related_ids: list[int] = field(default_factory=list)
    related_items: list[Service] = field(default_factory=list)
    weak_only: bool = False
    did_you_mean: str = ""
    # A search with the nearby municipalities (``SearchFilters.nearby``): the page's results
    # from a nearby municipality (after those of the chosen one), each with where it is.
    nearby: dict[int, NearbyIn] = field(default_factory=dict)

    @property
    def match_quality(self) -> str:
        """ "matches", "related_only" (nothing matched well) or "none" (``relevance``)."""
        return relevance.match_quality(self.total > 0, bool(self.related_ids))


@dataclass(frozen=True)
class NearbyIn:
    """A result from a nearby municipality: the service's public id and the municipality."""

    public_id: UUID
    municipality: str  # its code; of several, the nearest to the chosen municipality


@dataclass
class _Page:
    ids: list[int] = field(default_factory=list)
    total: int = 0
    exact: bool = True
    level: int | None = None
    cards: Cards | None = None
    judged: relevance.Judged = field(default_factory=relevance.Judged)


def service_page_queryset() -> ServiceQuerySet:
    """Services with what a result list shows, prefetched."""
    return Service.objects.select_related("organisation").prefetch_related(
        "municipalities", "counties", "languages", "terms__taxonomy"
    )


def unranked(qs: QuerySet[Service], language: str | None) -> QuerySet[Service]:
    """``qs`` in the order of a list without search words: fresh ones first, then by name."""
    stale = Case(
        When(last_verified_at__lt=stale_before(), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return qs.annotate(_stale=stale, _name=translated_expression("name", language)).order_by(
        "_stale", "_name", "id"
    )


def search_services(
    *,
    q: str,
    filters: SearchFilters,
    language: str | None,
    page: int = 1,
    per_page: int = 20,
    with_facets: bool = True,
    load_items: bool = True,
    cards: str | None = None,
) -> SearchResult:
    """Return one page of published services for a query and filters, best first.

    With ``load_items=False`` only ``ids`` is filled (the API builds its items itself). With
    ``cards`` (a card language, ``listing.card_language``) a ranked PostgreSQL search also
    reads the page's stored cards in the same statement (``SearchResult.cards``).
    """
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    if filters.municipality and filters.nearby:
        return _with_nearby(
            q=q,
            filters=filters,
            language=language,
            page=page,
            per_page=per_page,
            with_facets=with_facets,
            load_items=load_items,
            cards=cards,
        )
    offset = (page - 1) * per_page
    parsed = parse_query(q, language=language)
    # A ranked PostgreSQL page needs no ORM conditions for the areas (facets and the
    # unranked list do).
    conditions = filter_conditions(
        filters, areas=with_facets or not parsed.has_text or not is_postgres()
    )
    if parsed.matches_nothing:
        found = _Page()
    elif parsed.has_text:
        found = _judged_page(parsed, filters, conditions, cards, per_page, offset)
    else:
        base = visible_services(conditions)
        ids = unranked(base, language).values_list("id", flat=True)[offset : offset + per_page]
        found = _Page(list(ids), base.count())
    return SearchResult(
        items=_page_items(found.ids, visible_again=parsed.has_text) if load_items else [],
        total=found.total,
        facets=compute_facets(parsed, conditions, level=found.level) if with_facets else {},
        page=page,
        per_page=per_page,
        query_language=parsed.written_in,
        requested_language=parsed.requested,
        total_exact=found.exact,
        ids=found.ids,
        cards=found.cards,
        related_ids=found.judged.related if page == 1 or not found.ids else [],
        related_items=(
            _page_items(found.judged.related, visible_again=True)
            if load_items and (page == 1 or not found.ids)
            else []
        ),
        weak_only=found.judged.weak_only,
        did_you_mean=found.judged.did_you_mean,
    )


def _with_nearby(
    *,
    q: str,
    filters: SearchFilters,
    language: str | None,
    page: int,
    per_page: int,
    with_facets: bool,
    load_items: bool,
    cards: str | None,
) -> SearchResult:
    """A search in a municipality that goes on to the nearby ones (``SearchFilters.nearby``).

    Two searches in a row, each ranked (or ordered) as any search: the municipality's own
    (with its county-wide and nationwide services), then those of the nearby municipalities
    that are not among them. The page takes its rows from the first and, past its end, from
    the second (at most two of its pages). The facets count both.
    """
    assert filters.municipality
    offset = (page - 1) * per_page
    common: dict[str, Any] = {
        "q": q,
        "language": language,
        "per_page": per_page,
        "with_facets": False,
        "load_items": load_items,
        "cards": cards,
    }
    own = search_services(filters=replace(filters, nearby=()), page=page, **common)
    near_filters = replace(filters, municipality=None, nearby_of=filters.municipality)
    # Where the page's nearby rows start in the nearby search, and how many it takes.
    start = max(0, offset - own.total) if own.total_exact else 0
    wanted = per_page - len(own.ids) if own.total_exact else 0
    first = start // per_page
    near = search_services(filters=near_filters, page=first + 1, **common)
    ids, items = list(near.ids), list(near.items)
    cards_read = near.cards
    if wanted and (start + wanted - 1) // per_page > first:
        after = search_services(filters=near_filters, page=first + 2, **common)
        ids, items = ids + after.ids, items + after.items
        cards_read = None if cards_read is None or after.cards is None else cards_read | after.cards
    skip = start - first * per_page
    near_ids = ids[skip : skip + wanted]
    near_items = items[skip : skip + wanted] if load_items else []
    result = replace(
        own,
        items=own.items + near_items,
        ids=own.ids + near_ids,
        total=own.total + near.total,
        total_exact=own.total_exact and near.total_exact,
        cards=(None if own.cards is None or cards_read is None else own.cards | cards_read),
        nearby=_nearby_in(near_ids, filters.nearby),
    )
    if with_facets:
        parsed = parse_query(q, language=language)
        result.facets = compute_facets(parsed, filter_conditions(filters))
    return result


def _nearby_in(ids: list[int], nearby: tuple[str, ...]) -> dict[int, NearbyIn]:
    """For each of ``ids``, its public id and its municipality nearest in ``nearby``."""
    if not ids:
        return {}
    order = {code: i for i, code in enumerate(nearby)}
    rows = (
        Service.municipalities.through.objects.filter(
            service_id__in=ids, municipality__code__in=nearby
        )
        .values_list("service_id", "service__public_id", "municipality__code")
        .order_by()
    )
    out: dict[int, NearbyIn] = {}
    for pk, public_id, code in rows:
        if pk not in out or order[code] < order[out[pk].municipality]:
            out[pk] = NearbyIn(public_id, code)
    return {pk: out[pk] for pk in ids if pk in out}


@dataclass(frozen=True)
class _Window:
    """The judged best documents of a ranked search, as the ranked statement gave them."""

    ids: tuple[int, ...]
    scores: tuple[float, ...]
    judged: relevance.Judged
    total: int
    exact: bool
    level: int
    # Every match is in ``judged.matches`` (no page is ranked past the window).
    complete: bool


def _judged_page(
    parsed: ParsedQuery,
    filters: SearchFilters,
    conditions: dict[str, Q],
    cards: str | None,
    per_page: int,
    offset: int,
) -> _Page:
    """One page of the matches of a ranked search (``relevance.judge``), with the related.

    The best ``relevance.WINDOW`` documents are ranked in one statement and judged; the
    judgement is kept (``backend.cached_judgement``), so a repeated search runs only its
    ranked statement, and a page past the last match of a search judged moments ago none.
    The window's statement reads no cards: those of the page, a fifth of the window, are
    read by primary key (``listing.page_cards``), which costs less than reading them all.
    """
    scope = service_scope(filters, conditions, cards=cards)
    key = (
        SERVICES.table,
        tuple(level.match for level in parsed.levels),
        parsed.words,
        parsed.text,  # the corrected query ("did you mean") keeps the words as typed
        parsed.written_in,
        tuple(parsed.terms),
        *scope.cache_key(),
    )
    end = offset + per_page
    seen: _Window | None = backend.cached_judgement(key)
    if seen is not None and seen.complete and offset and offset >= len(seen.judged.matches):
        # Past the last match: nothing to rank.
        no_cards: Cards | None = {} if cards else None
        return _Page([], seen.total, seen.exact, seen.level, no_cards, seen.judged)
    window = rank(parsed, replace(scope, cards=None), _limits(), limit=relevance.WINDOW)
    ids, scores = tuple(window.ids), tuple(window.scores)
    if seen is not None and (seen.ids, seen.scores) == (ids, scores):
        judged = seen.judged  # the same documents, judged moments ago
    else:
        judged = relevance.judge(parsed, SERVICES, window.ids, window.scores)
    all_matched = bool(ids) and len(judged.matches) >= len(ids)
    more = all_matched and (
        window.total > len(ids) or (not window.total_exact and len(ids) >= relevance.WINDOW)
    )
    total = window.total if all_matched else len(judged.matches)
    exact = window.total_exact or not all_matched
    backend.remember_judgement(
        key, _Window(ids, scores, judged, total, exact, window.level, not more)
    )
    if more and end > len(ids):
        # Every judged result matched and the page lies past them: the ranking's order.
        ranked = rank(parsed, scope, _limits(), limit=per_page, offset=offset)
        return _Page(
            ranked.ids, ranked.total, ranked.total_exact, ranked.level, ranked.cards, judged
        )
    page_ids = judged.matches[offset:end]
    # The page's cards are read by primary key (``listing.page_cards``).
    return _Page(page_ids, total, exact, window.level, None, judged)


def _page_items(ids: list[int], *, visible_again: bool) -> list[Service]:
    if not ids:
        return []
    qs = service_page_queryset()
    if visible_again:
        # Visibility is checked again: the index may lag behind a change made without it.
        qs = qs.visible()
    by_id = {s.pk: s for s in qs.filter(pk__in=ids).order_by()}
    return [by_id[i] for i in ids if i in by_id]


def compute_facets(
    parsed: ParsedQuery,
    conditions: dict[str, Q],
    language: str | None = None,
    *,
    level: int | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Count results per facet value over the text query and the OTHER filters.

    ``level`` is the match level of the search (``Ranked.level``); by default it is chosen
    as the search would.
    """
    return facets.compute_facets(
        parsed, conditions, language, level=level, min_matches=_limits().min_matches
    )


def search_sql(
    *, q: str, filters: SearchFilters, language: str | None, limit: int
) -> tuple[str, list[Any]]:
    """Return the SQL and params that fetch the best service ids for a page of ``limit``.

    The "raw SQL floor" of the benchmark: exactly the ranked query ``search_services`` runs
    for its first page when the search is repeated (the first run may choose the match level
    with a capped count, or count title-first tiers, first), without the stored cards it also
    reads. A ranked search ranks the best ``relevance.WINDOW`` documents (or ``limit``, if
    more) to judge them, so that is what this returns. Without text the ids of the page come
    in freshness/name order.
    """
    parsed = parse_query(q, language=language)
    conditions = filter_conditions(filters)
    if parsed.matches_nothing:
        return _NOTHING_SQL, []
    if not parsed.has_text:
        qs = unranked(visible_services(conditions), language).values("id")[:limit]
        sql, params = qs.query.sql_with_params()
        return sql, list(params)
    scope = service_scope(filters, conditions)
    window = max(limit, relevance.WINDOW)  # as ``_judged_page`` ranks it
    rank(parsed, scope, _limits(), limit=window)
    # Again, as a repeated search runs it (the first run may have chosen the level or
    # counted title-first tiers in statements of their own).
    ranked = rank(parsed, scope, _limits(), limit=window)
    if not ranked.sql:
        return _NOTHING_SQL, []
    return ranked.sql, ranked.params


def rank_service_ids(
    query: str,
    *,
    queryset: QuerySet[Service],
    language: str | None,
    limit: int | None = None,
) -> list[int]:
    """Return the pks of the services in ``queryset`` matching ``query``, best first.

    An empty query (or one of stopwords only) returns every service of ``queryset`` in
    freshness/name order.
    """
    return _ranked_ids(
        parse_query(query, language=language),
        unranked(queryset, language),
        lambda: service_scope(None, {}, queryset=queryset.order_by()),
        limit,
    )


def judge_service_ids(
    query: str, *, queryset: QuerySet[Service], language: str | None
) -> relevance.Judged:
    """Return the services in ``queryset`` matching ``query`` (best first), the related ones
    shown apart, and the corrected query (``relevance.judge``). Without search words every
    service of ``queryset`` matches, in freshness/name order."""
    parsed = parse_query(query, language=language)
    if parsed.matches_nothing:
        return relevance.judge(parsed, SERVICES, [], [])
    if not parsed.has_text:
        return relevance.Judged(
            matches=list(unranked(queryset, language).values_list("id", flat=True))
        )
    scope = service_scope(None, {}, queryset=queryset.order_by())
    ranked = rank(parsed, scope, _limits(), limit=None)
    return relevance.judge(parsed, SERVICES, ranked.ids, ranked.scores)


def _ranked_ids(
    parsed: ParsedQuery, in_order: QuerySet[Any], scope: Callable[[], Scope], limit: int | None
) -> list[int]:
    """The ranked ids of a search's scope; without search words, those of ``in_order``."""
    if parsed.matches_nothing:
        return []
    if not parsed.has_text:
        ids = in_order.values_list("id", flat=True)
        return list(ids[:limit] if limit is not None else ids)
    return rank(parsed, scope(), _limits(), limit=limit).ids


# --- Volunteer tasks ------------------------------------------------------------------------


@dataclass
class TaskSearchResult:
    items: list[VolunteerTask]
    total: int
    page: int = 1
    per_page: int = 20


def search_volunteer_tasks(
    *,
    q: str,
    municipality: str | None = None,
    remote: bool | None = None,
    language: str | None,
    page: int = 1,
    per_page: int = 20,
) -> TaskSearchResult:
    """Return one page of published, open volunteer tasks, best first (newest without text)."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    offset = (page - 1) * per_page
    qs = VolunteerTask.objects.visible().filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    )
    if municipality:
        qs = qs.filter(Q(municipality__code=municipality) | Q(is_remote=True))
    if remote is not None:
        qs = qs.filter(is_remote=remote)
    parsed = parse_query(q, kind=TASKS, language=language)
    if parsed.matches_nothing:
        return TaskSearchResult([], 0, page, per_page)
    page_qs = VolunteerTask.objects.select_related("organisation", "municipality")
    if not parsed.has_text:
        newest = page_qs.filter(pk__in=qs.values("id")).order_by("-created_at", "id")
        return TaskSearchResult(
            list(newest[offset : offset + per_page]), qs.count(), page, per_page
        )
    ranked = rank(parsed, task_scope(qs), _limits(), limit=per_page, offset=offset)
    by_id = {t.pk: t for t in page_qs.filter(pk__in=ranked.ids).order_by()}
    return TaskSearchResult(
        [by_id[i] for i in ranked.ids if i in by_id], ranked.total, page, per_page
    )


def rank_task_ids(
    query: str,
    *,
    queryset: QuerySet[VolunteerTask],
    language: str | None,
    limit: int | None = None,
) -> list[int]:
    """Return the pks of the published tasks in ``queryset`` matching ``query``, best first.

    As ``rank_service_ids``: an empty query returns every one, newest first.
    """
    return _ranked_ids(
        parse_query(query, kind=TASKS, language=language),
        queryset.order_by("-created_at", "id"),
        lambda: task_scope(queryset),
        limit,
    )


__all__ = [
    "ACCESSIBILITY_FIELDS",
    "MAX_PER_PAGE",
    "TERM_FACETS",
    "NearbyIn",
    "ParsedQuery",
    "SearchFilters",
    "SearchResult",
    "TaskSearchResult",
    "compute_facets",
    "filter_conditions",
    "judge_service_ids",
    "parse_query",
    "rank_service_ids",
    "rank_task_ids",
    "search_services",
    "search_sql",
    "search_volunteer_tasks",
    "service_page_queryset",
    "stale_before",
]
