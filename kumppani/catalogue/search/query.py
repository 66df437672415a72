"""Search the catalogue: one ranked SQL query for a page of ids, one prefetch, a few facets.

The text query is analyzed in Python (``analyzer``), corrected against the index vocabulary
and turned into weight tiers (``ranking``); the database matches and ranks, joined with the
filters as a sub-select. The rank is multiplied by a freshness factor (stale services sink)
and a language factor (the language the query is written in, or asks for).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from kumppani.catalogue.models import (
    STALE_AFTER,
    PublicationStatus,
    Service,
    ServiceLanguage,
    VolunteerTask,
)
from kumppani.catalogue.search import backend
from kumppani.catalogue.search.analyzer import QueryTerm, analyze_query
from kumppani.catalogue.search.backend import SERVICES, TASKS, Kind
from kumppani.catalogue.search.documents import NATIONWIDE, county_marker
from kumppani.catalogue.search.language import detect
from kumppani.catalogue.search.ranking import (
    bm25_idf,
    correct_terms,
    estimate_matches,
    fts5_level_match,
    fts5_rank_tiers,
    limit_terms,
    match_levels,
    pg_level_query,
    pg_rank_tiers,
    pg_tsquery,
)

# A stale service (not confirmed within STALE_AFTER) keeps its place among equals only when
# it is clearly more relevant.
STALE_FACTOR = 0.8
# The activity is held in the language the query is written in (fi/sv): only a tie-breaker,
# as an exact service in the other language is still useful.
QUERY_LANGUAGE_FACTOR = 1.05
# The query asks for a language ("ruotsinkielinen", "på svenska"): a strong preference.
REQUESTED_LANGUAGE_FACTOR = 4.0
MAX_PER_PAGE = 100
# Lemmatize the query with the detected language only (else with both fi and sv).
ANALYZE_IN_QUERY_LANGUAGE = True

ACCESSIBILITY_FIELDS: tuple[str, ...] = (
    "step_free_access",
    "accessible_toilet",
    "induction_loop",
    "sign_language",
    "easy_to_read",
    "remote_participation",
)
TERM_FACETS: dict[str, str] = {
    "activity_type": "activity-types",
    "theme": "themes",
    "target_group": "ptv-target-groups",
}


@dataclass(frozen=True)
class SearchFilters:
    """Validated filters; every set filter must hold (within one filter, any value)."""

    municipality: str | None = None
    county: str | None = None
    online: bool | None = None
    activity_type: tuple[int, ...] = ()  # TaxonomyTerm pks
    theme: tuple[int, ...] = ()
    target_group: tuple[int, ...] = ()
    language: str | None = None
    cost: str | None = None  # "free" or "fee"
    how_to_join: str | None = None
    accessibility: tuple[str, ...] = ()


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
    cards: dict[int, tuple[str | None, bool]] | None = None


@dataclass(frozen=True)
class MatchLevel:
    """One match condition of a query (see ``ranking.match_levels``), in backend syntax."""

    match: str  # tsquery text (PostgreSQL) or FTS5 MATCH expression (SQLite)
    title: str  # PostgreSQL: any term of the level, for the title-first path
    estimate: int  # upper bound of the documents it matches, from document frequencies
    at_least: int = 0  # lower bound (the most frequent term of a one-word level), unfiltered
    words: int = 1  # how many query words must match (1: any term of the level is a match)


@dataclass(frozen=True)
class ParsedQuery:
    terms: list[QueryTerm]
    tiers: list[tuple[float, str]]
    written_in: str | None
    requested: str | None
    levels: tuple[MatchLevel, ...] = ()

    @property
    def has_text(self) -> bool:
        """The query has words to match (even when none of them is in the index)."""
        return bool(self.terms)

    @property
    def matches_nothing(self) -> bool:
        return bool(self.terms) and not (self.tiers and self.levels)


# --- Query analysis -------------------------------------------------------------------------


def parse_query(q: str, *, kind: Kind = SERVICES, language: str | None = None) -> ParsedQuery:
    """Analyze ``q``: language request, terms, spelling corrections, rank tiers.

    The analysis is kept per process as long as the vocabulary statistics it used
    (``backend.cached_parse``).
    """
    key = (kind.table, q, language)
    parsed: ParsedQuery | None = backend.cached_parse(key)
    if parsed is None:
        parsed = _parse_query(q, kind=kind, language=language)
        backend.remember_parse(key, parsed)
    return parsed


def _parse_query(q: str, *, kind: Kind, language: str | None) -> ParsedQuery:
    lang = detect(q or "", default=language)
    terms = analyze_query(lang.text, lang.written_in if ANALYZE_IN_QUERY_LANGUAGE else None)
    if not terms:
        return ParsedQuery([], [], lang.written_in, lang.requested)

    def vocabulary(candidates: Any) -> set[str]:
        return set(backend.document_frequencies(kind, candidates))

    terms = limit_terms(correct_terms(terms, vocabulary), max_terms=48)
    n_docs = max(1, backend.document_count(kind))
    df = backend.document_frequencies(kind, [t.term for t in terms if not t.prefix])
    postgres = backend.is_postgres()

    def frequency(t: QueryTerm) -> int | None:
        if t.prefix:
            return min(n_docs, backend.prefix_frequency(kind, t.term)) if postgres else n_docs
        return df.get(t.term)

    if postgres:

        def idf(t: QueryTerm) -> float:
            n = frequency(t)
            return bm25_idf(n, n_docs) if n else 0.0

        # Terms missing from the index cannot match; leaving them out keeps the query small.
        tiers = pg_rank_tiers([t for t in terms if t.prefix or t.term in df], idf)
    else:
        tiers = fts5_rank_tiers(terms)
    levels = tuple(
        MatchLevel(
            pg_level_query(level) if postgres else fts5_level_match(level),
            pg_tsquery([t for group in level for t in group]) if postgres else "",
            estimate_matches(level, frequency, n_docs),
            max((df.get(t.term, 0) for t in level[0] if not t.prefix), default=0)
            if len(level) == 1
            else 0,
            len(level),
        )
        for level in match_levels(terms, frequency, n_docs)
    )
    return ParsedQuery(terms, tiers, lang.written_in, lang.requested, levels)


# --- Filters --------------------------------------------------------------------------------


def _through(name: str) -> Any:
    return getattr(Service, name).through.objects


def filter_conditions(filters: SearchFilters, *, areas: bool = True) -> dict[str, Q]:
    """Return one Q per active filter dimension (facets leave their own dimension out).

    With ``areas=False`` the municipality and county filters are left out (a ranked
    PostgreSQL search answers them from the document row: see ``_service_scope``).
    """
    out: dict[str, Q] = {}
    if not areas:
        filters = replace(filters, municipality=None, county=None)
    # A UNION of id lists rather than an OR over joins: the database can estimate it and start
    # from the few services of one municipality.
    nationwide: Any = None
    if filters.municipality or filters.county:
        nationwide = Service.objects.filter(is_nationwide=True).order_by().values_list("id")
    if filters.municipality:
        code = filters.municipality
        out["municipality"] = Q(
            id__in=_through("municipalities")
            .filter(municipality__code=code)
            .order_by()
            .values_list("service_id")
            .union(
                _through("counties")
                .filter(county__municipalities__code=code)
                .order_by()
                .values_list("service_id"),
                nationwide,
            )
        )
    if filters.county:
        code = filters.county
        out["county"] = Q(
            id__in=_through("municipalities")
            .filter(municipality__county__code=code)
            .order_by()
            .values_list("service_id")
            .union(
                _through("counties").filter(county__code=code).order_by().values_list("service_id"),
                nationwide,
            )
        )
    if filters.online is not None:
        out["online"] = Q(is_online=filters.online)
    for dim in TERM_FACETS:
        pks = getattr(filters, dim)
        if pks:
            out[dim] = Q(
                id__in=_through("terms").filter(taxonomyterm_id__in=pks).values("service_id")
            )
    if filters.language:
        out["language"] = Q(
            id__in=ServiceLanguage.objects.filter(code=filters.language).values("service_id")
        )
    if filters.cost:
        out["cost"] = Q(is_free=filters.cost == "free")
    if filters.how_to_join:
        out["how_to_join"] = Q(how_to_join=filters.how_to_join)
    if filters.accessibility:
        out["accessibility"] = Q(**dict.fromkeys(filters.accessibility, True))
    return out


def _filtered(conditions: dict[str, Q], without: str | None = None) -> QuerySet[Service]:
    qs = Service.objects.published()
    for dim, cond in conditions.items():
        if dim != without:
            qs = qs.filter(cond)
    return qs


# --- Ranked SQL -----------------------------------------------------------------------------

# A level matching fewer documents than this falls back to the next, broader one.
MIN_LEVEL_MATCHES = 20
# Counting stops here ("1,000+"); past it, the PostgreSQL rank is computed only for the
# documents with a query word in their name or summary (the title-first path).
COUNT_CAP = 1000


@dataclass
class Ranked:
    """The best rows of a search: ``sql``/``params`` is the ranked query that gave them."""

    ids: list[int]
    total: int
    total_exact: bool
    level: int  # index into ParsedQuery.levels; -1 when nothing matched
    sql: str = ""
    params: list[Any] = field(default_factory=list)
    # PostgreSQL, when the search asked for them (``Scope.cards``): {id: (stored card as JSON
    # text or None, is stale)}, read by the ranked statement itself. None: not read.
    cards: dict[int, tuple[str | None, bool]] | None = None


@dataclass(frozen=True)
class Scope:
    """What restricts a ranked search besides the text: areas and other filters."""

    kind: Kind
    filter_qs: QuerySet[Any] | None = None  # the other filters, as a queryset of candidates
    areas: tuple[str, ...] = ()  # PostgreSQL: any of these area markers
    areas_all: tuple[str, ...] = ()  # PostgreSQL: and any of these
    freshness: bool = False  # services: stale ones sink
    owner_table: str = ""  # SQLite: the owner table, for visibility and freshness
    visible_sql: str = ""
    visible_params: tuple[Any, ...] = ()
    cards: str | None = None  # PostgreSQL services: read the stored cards in this language


def _factors(
    parsed: ParsedQuery, language: str | None, scope: Scope, *, langs: str, verified: str
) -> list[tuple[str, list[Any]]]:
    factors: list[tuple[str, list[Any]]] = []
    if scope.freshness:
        factors.append(
            (
                f"CASE WHEN {verified} < %s THEN %s ELSE 1.0 END",
                [timezone.now() - STALE_AFTER, STALE_FACTOR],
            )
        )
    lang_boost = _language_boost(parsed, language)
    if lang_boost:
        code, factor = lang_boost
        factors.append(
            (
                f"CASE WHEN {backend.langs_contains_sql(langs)} THEN %s ELSE 1.0 END",
                [f"|{code}|", factor],
            )
        )
    return factors


def _filter_sql(scope: Scope) -> tuple[str, list[Any]]:
    if scope.filter_qs is None:
        return "", []
    sql, params = scope.filter_qs.order_by().values("id").query.sql_with_params()
    return sql, list(params)


def _pg_where(
    scope: Scope, match: str | None, title: str | None = None, not_title: str | None = None
) -> backend.Where:
    filter_sql, filter_params = _filter_sql(scope)
    return backend.Where(
        match=match,
        title=title,
        not_title=not_title,
        areas=scope.areas,
        areas_all=scope.areas_all,
        filter_sql=filter_sql,
        filter_params=filter_params,
    )


def _pg_ranked(
    parsed: ParsedQuery,
    scope: Scope,
    *,
    language: str | None,
    limit: int | None,
    offset: int,
) -> Ranked:
    """Rank on PostgreSQL: the narrowest level that matches enough, title-first when broad.

    A level whose document-frequency estimate is below ``COUNT_CAP`` is ranked at once (the
    window count tells whether it matched enough). A broader one is first counted up to the
    cap: below it, it is ranked in full. Above it, its documents come in three tiers, so that
    the rank is computed only for as many as a page needs: (1) those with every query word in
    their name or summary, ranked on the small name/summary vector; (2) the others with any
    query word there, ranked the same way; (3) the rest of the level, ranked on the full
    vector. A page takes its rows from the tiers in turn; the sizes of the tiers it passes are
    counted once and kept with the level, so every page of a search follows the same order
    and a repeated page is one statement.
    """
    kind = scope.kind
    factors = _factors(parsed, language, scope, langs="x.langs", verified="x.verified_at")
    last = len(parsed.levels) - 1

    def ranked_sql(
        where: backend.Where,
        *,
        title_rank: bool = False,
        with_total: bool = False,
        limit: int | None = limit,
        offset: int = offset,
    ) -> tuple[str, list[Any]]:
        return backend.pg_ranked_sql(
            kind,
            where,
            parsed.tiers,
            factors=factors,
            title_rank=title_rank,
            limit=limit,
            offset=offset,
            with_total=with_total,
        )

    def run(sql: str, params: list[Any], *, tiered: bool = False) -> list[tuple[Any, ...]]:
        if scope.cards is None:
            return _execute(sql, params)
        # The page's stored cards are read by the same statement (one round trip).
        rows = _execute(
            *backend.pg_with_cards(kind, (sql, params), scope.cards, stale_before(), tiered=tiered)
        )
        cards.update((r[0], (r[-2], r[-1])) for r in rows)
        return [r[:-2] for r in rows]

    def ranked(where: backend.Where, *, with_total: bool = False) -> Any:
        sql, params = ranked_sql(where, with_total=with_total)
        return sql, params, run(sql, params)

    cards: dict[int, tuple[str | None, bool]] = {}

    def result(
        ids: list[int], total: int, exact: bool, i: int, sql: str, params: list[Any]
    ) -> Ranked:
        return Ranked(
            ids, total, exact, i, sql, params, cards if scope.cards is not None and cards else None
        )

    def title_tiers(i: int) -> list[tuple[backend.Where, bool]]:
        """The tiers of a broad level (see the docstring): (condition, ranked by title)."""
        level = parsed.levels[i]
        tiers = [(_pg_where(scope, None, level.match), True)]
        if level.words > 1:  # with one word, any term in the title is the whole level's
            tiers.append((_pg_where(scope, level.match, level.title, not_title=level.match), True))
        tiers.append((_pg_where(scope, level.match, not_title=level.title), False))
        return tiers

    def title_first(i: int, known_sizes: tuple[int, ...] | None) -> Ranked:
        # Broad: the page's rows come from the tiers in turn. ``known_sizes``: the sizes of
        # the tiers this page passes, from a previous identical search.
        assert limit is not None
        tiers = title_tiers(i)
        if known_sizes is not None:
            parts: list[tuple[str, list[Any]]] = []
            start = 0
            for t, (where, by_title) in enumerate(tiers):
                size = known_sizes[t] if t < len(known_sizes) else None
                first = max(offset, start)
                end = offset + limit if size is None else min(offset + limit, start + size)
                if end > first:
                    parts.append(
                        ranked_sql(
                            where, title_rank=by_title, limit=end - first, offset=first - start
                        )
                    )
                if size is None:
                    break
                start += size
            if not parts:  # past the last result
                return result([], COUNT_CAP, False, i, "", [])
            if len(parts) == 1:
                sql, params = parts[0]
                rows = run(sql, params)
            else:
                sql, params = backend.pg_tiered_sql(parts)
                rows = run(sql, params, tiered=True)
            return result([r[0] for r in rows], COUNT_CAP, False, i, sql, params)
        rows = []
        sizes: list[int] = []
        skip = offset
        sql, params = "", []
        for where, by_title in tiers:
            part_sql, part_params = ranked_sql(
                where, title_rank=by_title, limit=limit - len(rows), offset=skip
            )
            part = run(part_sql, part_params)
            if part:
                sql, params = part_sql, part_params
            rows += part
            if len(rows) >= limit:
                break
            # This tier is exhausted: its size tells how much of the offset it took.
            if part or not skip:
                size = skip + len(part)
            else:
                size = _scalar(*backend.pg_count_sql(kind, where, skip))
            sizes.append(size)
            skip = max(0, skip - size)
        remember(i, COUNT_CAP + 1, tuple(sizes))
        return result([r[0] for r in rows], COUNT_CAP, False, i, sql, params)

    filter_sql, filter_params = _filter_sql(scope)
    key = (
        kind.table,
        tuple(level.match for level in parsed.levels),
        scope.areas,
        scope.areas_all,
        filter_sql,
        repr(filter_params),
        limit,
        offset,
    )

    def remember(i: int, count: int, sizes: tuple[int, ...] = ()) -> None:
        if limit is not None:
            backend.remember_level(key, i, count, sizes)

    known = backend.cached_level(key) if limit is not None else None
    if known is not None:
        # The same search ran moments ago: its level and count are known.
        i, known_count, sizes = known
        if known_count > COUNT_CAP:
            return title_first(i, sizes)
        sql, params, rows = ranked(_pg_where(scope, parsed.levels[i].match))
        return result([r[0] for r in rows], known_count, True, i, sql, params)

    for i, level in enumerate(parsed.levels):
        where = _pg_where(scope, level.match)
        count: int | None = None
        unfiltered = not (scope.areas or scope.areas_all or scope.filter_qs is not None)
        if unfiltered and level.at_least > COUNT_CAP and limit is not None:
            count = COUNT_CAP + 1  # known from the vocabulary: no need to count
        elif limit is None:
            count = _scalar(*backend.pg_count_sql(kind, where, COUNT_CAP + 1))
            if count < MIN_LEVEL_MATCHES and i < last:
                continue
        elif level.estimate >= COUNT_CAP:
            # The capped count and, when it is in range, the full ranking in one statement.
            plain = backend.pg_ranked_sql(
                kind, where, parsed.tiers, factors=factors, limit=limit, offset=offset
            )
            at_least = MIN_LEVEL_MATCHES if i < last else 0
            both = _execute(
                *backend.pg_counted_ranked_sql(kind, where, plain, cap=COUNT_CAP, at_least=at_least)
            )
            count = next(int(r[2]) for r in both if r[0] is None)
            if count < at_least:
                continue
            if count <= COUNT_CAP:
                # Rows in the ranked query's order (score DESC, id), whatever the UNION did.
                rows = sorted((r for r in both if r[0] is not None), key=lambda r: (-r[1], r[0]))
                remember(i, count)
                return Ranked([r[0] for r in rows], count, True, i, *plain)
        if count is None or count <= COUNT_CAP or limit is None:
            sql, params, rows = ranked(where, with_total=count is None)
            if count is None:
                if rows:
                    count = int(rows[0][2])
                else:
                    count = (
                        _scalar(*backend.pg_count_sql(kind, where, COUNT_CAP + 1)) if offset else 0
                    )
                if count < MIN_LEVEL_MATCHES and i < last:
                    continue
            exact = count <= COUNT_CAP
            remember(i, count)
            return result([r[0] for r in rows], min(count, COUNT_CAP), exact, i, sql, params)
        return title_first(i, None)
    return Ranked([], 0, True, -1)


def _sqlite_ranked(
    parsed: ParsedQuery,
    scope: Scope,
    *,
    language: str | None,
    limit: int | None,
    offset: int,
) -> Ranked:
    """Rank on SQLite (FTS5 bm25): the narrowest level that matches enough documents."""
    kind = scope.kind
    factors = _factors(parsed, language, scope, langs="d.langs", verified="o.last_verified_at")
    filter_sql, filter_params = _filter_sql(scope)
    last = len(parsed.levels) - 1
    for i, level in enumerate(parsed.levels):
        match, match_params = backend.match_sql(kind, parsed.tiers, level.match)
        score = " * ".join(["m.score", *(f for f, _p in factors)])
        # Only constant SQL fragments are formatted in; every value is a parameter.
        sql = (
            f"SELECT m.id, {score} AS score, COUNT(*) OVER () AS total "  # noqa: S608
            f"FROM ({match}) m JOIN {kind.table} d ON d.{kind.column} = m.id "
            f"JOIN {scope.owner_table} o ON o.id = m.id WHERE {scope.visible_sql}"
        )
        params: list[Any] = [p for _f, ps in factors for p in ps]
        params += [*match_params, *scope.visible_params]
        if filter_sql:
            sql += f" AND m.id IN ({filter_sql})"
            params += filter_params
        sql += " ORDER BY score DESC, m.id"
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [limit, offset]
        rows = _execute(sql, params)
        total = int(rows[0][2]) if rows else None
        if total is None:
            total = _count_level(parsed, i, scope) if offset else 0
        if total < MIN_LEVEL_MATCHES and i < last:
            continue
        return Ranked([r[0] for r in rows], total, True, i, sql, params)
    return Ranked([], 0, True, -1)


def _count_level(parsed: ParsedQuery, level: int, scope: Scope) -> int:
    sql, params = backend.match_ids_sql(scope.kind, parsed.levels[level].match)
    filter_sql, filter_params = _filter_sql(scope)
    owner = scope.owner_table
    count_sql = (
        f"SELECT count(*) FROM {owner} o WHERE o.id IN ({sql}) "  # noqa: S608
        f"AND {scope.visible_sql}"
    )
    all_params = [*params, *scope.visible_params]
    if filter_sql:
        count_sql += f" AND o.id IN ({filter_sql})"
        all_params += filter_params
    return _scalar(count_sql, all_params)


def _rank(
    parsed: ParsedQuery,
    scope: Scope,
    *,
    language: str | None,
    limit: int | None,
    offset: int = 0,
) -> Ranked:
    if backend.is_postgres():
        return _pg_ranked(parsed, scope, language=language, limit=limit, offset=offset)
    return _sqlite_ranked(parsed, scope, language=language, limit=limit, offset=offset)


def _language_boost(parsed: ParsedQuery, language: str | None) -> tuple[str, float] | None:
    if parsed.requested:
        return parsed.requested, REQUESTED_LANGUAGE_FACTOR
    if parsed.written_in:
        return parsed.written_in, QUERY_LANGUAGE_FACTOR
    return None


_SERVICE_VISIBLE = "o.status = %s AND o.hidden_at IS NULL"
# Filters the PostgreSQL document row answers itself (documents.Document.areas).
_AREA_DIMENSIONS = ("municipality", "county")


def _service_scope(
    filters: SearchFilters | None,
    conditions: dict[str, Q],
    queryset: QuerySet[Service] | None = None,
    cards: str | None = None,
) -> Scope:
    areas: tuple[str, ...] = ()
    areas_all: tuple[str, ...] = ()
    rest = dict(conditions)
    if backend.is_postgres() and filters is not None:
        for dim in _AREA_DIMENSIONS:
            rest.pop(dim, None)
        if filters.municipality:
            areas = (filters.municipality, NATIONWIDE)
        if filters.county:
            marker = (county_marker(filters.county), NATIONWIDE)
            areas, areas_all = (areas, marker) if areas else (marker, ())
    filter_qs: QuerySet[Any] | None = queryset
    if rest:
        filter_qs = (filter_qs if filter_qs is not None else Service.objects.all()).filter(
            *rest.values()
        )
    return Scope(
        kind=SERVICES,
        filter_qs=filter_qs,
        areas=areas,
        areas_all=areas_all,
        freshness=True,
        owner_table=Service._meta.db_table,
        visible_sql=_SERVICE_VISIBLE,
        visible_params=(PublicationStatus.PUBLISHED,),
        cards=cards if backend.is_postgres() else None,
    )


def search_sql(
    *, q: str, filters: SearchFilters, language: str | None, limit: int
) -> tuple[str, list[Any]]:
    """Return the SQL and params that fetch the ``limit`` best service ids for a query.

    The "raw SQL floor" of the benchmark: exactly the ranked query ``search_services`` runs
    for its page when the search is repeated (the first run may choose the match level with a
    capped count, or count title-first tiers, first). Without text the ids come in
    freshness/name order.
    """
    parsed = parse_query(q, language=language)
    conditions = filter_conditions(filters)
    if parsed.matches_nothing:
        return "SELECT id FROM catalogue_service WHERE 1 = 0", []
    if not parsed.has_text:
        qs = _unranked(_filtered(conditions), language).values("id")[:limit]
        sql, params = qs.query.sql_with_params()
        return sql, list(params)
    scope = _service_scope(filters, conditions)
    ranked = _rank(parsed, scope, language=language, limit=limit)
    # Again, as a repeated search runs it (the first run may have chosen the level or
    # counted title-first tiers in statements of their own).
    ranked = _rank(parsed, scope, language=language, limit=limit)
    if not ranked.sql:
        return "SELECT id FROM catalogue_service WHERE 1 = 0", []
    return ranked.sql, ranked.params


def _name_expression(language: str | None) -> Any:
    order = [language] if language in ("fi", "sv", "en") else []
    order += [c for c in ("fi", "sv", "en") if c not in order]
    return Coalesce(
        *[NullIf(F(f"name_{c}"), Value(""), output_field=CharField()) for c in order],
        Value(""),
        output_field=CharField(),
    )


def _unranked(qs: QuerySet[Service], language: str | None) -> QuerySet[Service]:
    stale = Case(
        When(last_verified_at__lt=timezone.now() - STALE_AFTER, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return qs.annotate(_stale=stale, _name=_name_expression(language)).order_by(
        "_stale", "_name", "id"
    )


def _execute(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return list(cur.fetchall())


def _scalar(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    return int(row[0]) if row else 0


def service_page_queryset() -> QuerySet[Service]:
    """Services with what a result list shows, prefetched."""
    return Service.objects.select_related("organisation").prefetch_related(
        "municipalities", "counties", "languages", "terms__taxonomy"
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
    offset = (page - 1) * per_page
    parsed = parse_query(q, language=language)
    # A ranked PostgreSQL page needs no ORM conditions for the areas (facets and the
    # unranked list do).
    conditions = filter_conditions(
        filters, areas=with_facets or not parsed.has_text or not backend.is_postgres()
    )
    items: list[Service] = []
    ids: list[int] = []
    stored_cards: dict[int, tuple[str | None, bool]] | None = None
    exact = True
    level: int | None = None
    if parsed.matches_nothing:
        total = 0
    elif parsed.has_text:
        ranked = _rank(
            parsed,
            _service_scope(filters, conditions, cards=cards),
            language=language,
            limit=per_page,
            offset=offset,
        )
        total, exact, level, ids = ranked.total, ranked.total_exact, ranked.level, ranked.ids
        stored_cards = ranked.cards
        if load_items:
            # Visibility is checked again: the index may lag behind a change made without it.
            page_qs = service_page_queryset().filter(
                pk__in=ids, status=PublicationStatus.PUBLISHED, hidden_at__isnull=True
            )
            by_id = {s.pk: s for s in page_qs.order_by()}
            items = [by_id[i] for i in ids if i in by_id]
    else:
        base = _filtered(conditions)
        total = base.count()
        ids = list(
            _unranked(base, language).values_list("id", flat=True)[offset : offset + per_page]
        )
        if load_items:
            by_id = {s.pk: s for s in service_page_queryset().filter(pk__in=ids).order_by()}
            items = [by_id[i] for i in ids if i in by_id]
    facets = compute_facets(parsed, conditions, level=level) if with_facets else {}
    return SearchResult(
        items=items,
        total=total,
        facets=facets,
        page=page,
        per_page=per_page,
        query_language=parsed.written_in,
        requested_language=parsed.requested,
        total_exact=exact,
        ids=ids,
        cards=stored_cards,
    )


def _text_condition(parsed: ParsedQuery, level: int | None, kind: Kind = SERVICES) -> Q:
    if not parsed.has_text:
        return Q()
    if parsed.matches_nothing or level is None or level < 0:
        return Q(pk__in=[])
    sql, params = backend.match_ids_sql(kind, parsed.levels[level].match)
    return Q(id__in=RawSQL(sql, params))  # noqa: S611 - the query is built from [a-z0-9] terms


def choose_level(parsed: ParsedQuery, conditions: dict[str, Q]) -> int | None:
    """Return the match level a search with these filters uses (as ``_rank`` chooses it)."""
    if not parsed.has_text or parsed.matches_nothing:
        return None
    last = len(parsed.levels) - 1
    for i in range(len(parsed.levels)):
        matching = _filtered(conditions).filter(_text_condition(parsed, i)).order_by()
        if i == last or matching[:MIN_LEVEL_MATCHES].count() >= MIN_LEVEL_MATCHES:
            return i
    return None


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
    parsed = parse_query(query, language=language)
    if parsed.matches_nothing:
        return []
    if not parsed.has_text:
        ids = _unranked(queryset, language).values_list("id", flat=True)
        return list(ids[:limit] if limit is not None else ids)
    scope = _service_scope(None, {}, queryset=queryset.order_by())
    return _rank(parsed, scope, language=language, limit=limit).ids


# --- Facets ---------------------------------------------------------------------------------


def _label(row: dict[str, Any], prefix: str, language: str | None) -> str:
    order = [language] if language in ("fi", "sv", "en") else []
    order += [c for c in ("fi", "sv", "en") if c not in order]
    for code in order:
        value = row.get(f"{prefix}_{code}")
        if value:
            return str(value)
    return str(row.get(prefix) or "")


def compute_facets(
    parsed: ParsedQuery,
    conditions: dict[str, Q],
    language: str | None = None,
    *,
    level: int | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Count results per facet value over the text query and the OTHER filters.

    ``level`` is the match level of the search (``Ranked.level``); by default it is chosen
    as the search would. A bounded number of GROUP BY queries: at most 11 whatever the
    filters.
    """
    from django.db.models import Count
    from django.utils.translation import get_language

    language = language or get_language()
    if level is None:
        level = choose_level(parsed, conditions)
    text = _text_condition(parsed, level)

    def base(without: str | None) -> QuerySet[Service]:
        return _filtered(conditions, without).filter(text)

    facets: dict[str, list[dict[str, Any]]] = {}
    names = ["name", "name_fi", "name_sv", "name_en"]
    mun_ids = base("municipality").values("id")
    rows = (
        _through("municipalities")
        .filter(service_id__in=mun_ids)
        .values("municipality__code", *[f"municipality__{n}" for n in names])
        .annotate(n=Count("service_id"))
        .order_by("municipality__code")
    )
    facets["municipality"] = [
        {
            "value": r["municipality__code"],
            "label": _label(r, "municipality__name", language),
            "count": r["n"],
        }
        for r in rows
    ]
    rows = (
        _through("counties")
        .filter(service_id__in=mun_ids)
        .values("county__code", *[f"county__{n}" for n in names])
        .annotate(n=Count("service_id"))
        .order_by("county__code")
    )
    facets["whole_county"] = [
        {"value": r["county__code"], "label": _label(r, "county__name", language), "count": r["n"]}
        for r in rows
    ]
    active_terms = [d for d in TERM_FACETS if d in conditions]
    term_groups: list[tuple[str | None, list[str]]] = []
    if not active_terms:
        term_groups.append((None, list(TERM_FACETS)))
    else:
        term_groups += [(d, [d]) for d in active_terms]
        rest = [d for d in TERM_FACETS if d not in active_terms]
        if rest:
            term_groups.append((None, rest))
    taxonomy_dim = {v: k for k, v in TERM_FACETS.items()}
    for dim in TERM_FACETS:
        facets[dim] = []
    for without, dims in term_groups:
        rows = (
            _through("terms")
            .filter(
                service_id__in=base(without).values("id"),
                taxonomyterm__taxonomy__code__in=[TERM_FACETS[d] for d in dims],
            )
            .values(
                "taxonomyterm__public_id",
                "taxonomyterm__code",
                "taxonomyterm__taxonomy__code",
                *[f"taxonomyterm__{n}" for n in names],
            )
            .annotate(n=Count("service_id"))
            .order_by("-n", "taxonomyterm__code")
        )
        for r in rows:
            facets[taxonomy_dim[r["taxonomyterm__taxonomy__code"]]].append(
                {
                    "value": r["taxonomyterm__code"],
                    "id": str(r["taxonomyterm__public_id"]),
                    "label": _label(r, "taxonomyterm__name", language),
                    "count": r["n"],
                }
            )
    rows = (
        ServiceLanguage.objects.filter(service_id__in=base("language").values("id"))
        .values("code")
        .annotate(n=Count("service_id"))
        .order_by("-n", "code")
    )
    facets["language"] = [{"value": r["code"], "label": r["code"], "count": r["n"]} for r in rows]
    facets.update(_scalar_facets(conditions, base))
    return facets


_SCALAR_DIMS = ("online", "cost", "how_to_join", "accessibility")


def _scalar_aggregates(dim: str) -> dict[str, Any]:
    from django.db.models import Count

    from kumppani.catalogue.models import HowToJoin

    if dim == "online":
        return {"online:true": Count("id", filter=Q(is_online=True))}
    if dim == "cost":
        return {
            "cost:free": Count("id", filter=Q(is_free=True)),
            "cost:fee": Count("id", filter=Q(is_free=False)),
        }
    if dim == "how_to_join":
        return {f"how_to_join:{c}": Count("id", filter=Q(how_to_join=c)) for c in HowToJoin.values}
    return {f"accessibility:{f}": Count("id", filter=Q(**{f: True})) for f in ACCESSIBILITY_FIELDS}


def _scalar_facets(conditions: dict[str, Q], base: Any) -> dict[str, list[dict[str, Any]]]:
    groups: list[tuple[str | None, list[str]]] = [(d, [d]) for d in _SCALAR_DIMS if d in conditions]
    rest = [d for d in _SCALAR_DIMS if d not in conditions]
    if rest:
        groups.append((None, rest))
    counts: dict[str, int] = {}
    for without, dims in groups:
        aggregates: dict[str, Any] = {}
        for d in dims:
            aggregates.update(_scalar_aggregates(d))
        counts.update(base(without).aggregate(**aggregates))
    out: dict[str, list[dict[str, Any]]] = {d: [] for d in _SCALAR_DIMS}
    for key, n in counts.items():
        dim, value = key.split(":", 1)
        out[dim].append({"value": value, "label": value, "count": int(n or 0)})
    return out


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
    qs = VolunteerTask.objects.filter(status=PublicationStatus.PUBLISHED, hidden_at__isnull=True)
    qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate()))
    if municipality:
        qs = qs.filter(Q(municipality__code=municipality) | Q(is_remote=True))
    if remote is not None:
        qs = qs.filter(is_remote=remote)
    parsed = parse_query(q, kind=TASKS, language=language)
    if parsed.matches_nothing:
        return TaskSearchResult([], 0, page, per_page)
    page_qs = VolunteerTask.objects.select_related("organisation", "municipality")
    if not parsed.has_text:
        total = qs.count()
        items = list(
            page_qs.filter(pk__in=qs.values("id")).order_by("-created_at", "id")[
                offset : offset + per_page
            ]
        )
        return TaskSearchResult(items, total, page, per_page)
    ranked = _rank(parsed, _task_scope(qs), language=language, limit=per_page, offset=offset)
    by_id = {t.pk: t for t in page_qs.filter(pk__in=ranked.ids).order_by()}
    return TaskSearchResult(
        [by_id[i] for i in ranked.ids if i in by_id], ranked.total, page, per_page
    )


def _task_scope(queryset: QuerySet[VolunteerTask]) -> Scope:
    return Scope(
        kind=TASKS,
        filter_qs=queryset.order_by(),
        owner_table=VolunteerTask._meta.db_table,
        visible_sql=_SERVICE_VISIBLE,
        visible_params=(PublicationStatus.PUBLISHED,),
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
    parsed = parse_query(query, kind=TASKS, language=language)
    if parsed.matches_nothing:
        return []
    if not parsed.has_text:
        ids = queryset.order_by("-created_at", "id").values_list("id", flat=True)
        return list(ids[:limit] if limit is not None else ids)
    return _rank(parsed, _task_scope(queryset), language=language, limit=limit).ids


def stale_before(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - STALE_AFTER


__all__ = [
    "ACCESSIBILITY_FIELDS",
    "ParsedQuery",
    "SearchFilters",
    "SearchResult",
    "TaskSearchResult",
    "compute_facets",
    "parse_query",
    "rank_service_ids",
    "rank_task_ids",
    "search_services",
    "search_sql",
    "search_volunteer_tasks",
]
