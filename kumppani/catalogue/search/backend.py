# Table names come from the constants below, never from input; every value is a parameter.
# ruff: noqa: S608
"""The SQL of the search index, per database: PostgreSQL tsvector + GIN, SQLite FTS5.

Only this module knows the table layout created by migration ``0003_search_index``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from kumppani.catalogue.search.documents import Document
from kumppani.catalogue.search.ranking import FIELD_WEIGHTS, PG_RANK_NORMALIZATION, PG_WEIGHTS

FIELDS = tuple(FIELD_WEIGHTS)


@dataclass(frozen=True)
class Kind:
    """One searchable kind: its document table and the column holding the owner's pk."""

    table: str
    column: str

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    @property
    def vocab(self) -> str:
        return f"{self.table}_vocab"


SERVICES = Kind("catalogue_search_service", "service_id")
# PostgreSQL services store their result card in each of these reader languages, as JSON text
# in the column card_<language> (migration 0006; listing.cards_by_language).
CARD_LANGUAGES = ("fi", "sv", "en")
TASKS = Kind("catalogue_search_task", "task_id")


def vendor() -> str:
    return connection.vendor


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- Writes -------------------------------------------------------------------------------


def upsert(kind: Kind, docs: Sequence[Document]) -> None:
    """Insert or replace documents (SQLite keeps FTS5 in step through triggers)."""
    if not docs:
        return
    _forget_searches()
    if is_postgres():
        _pg_upsert(kind, docs)
        return
    cols = ", ".join(FIELDS)
    marks = ", ".join(["%s"] * (len(FIELDS) + 2))
    updates = ", ".join(f"{c} = excluded.{c}" for c in ("langs", *FIELDS))
    sql = (
        f"INSERT INTO {kind.table} ({kind.column}, langs, {cols}) VALUES ({marks}) "
        f"ON CONFLICT ({kind.column}) DO UPDATE SET {updates}"
    )
    rows = [(d.pk, d.langs, d.name, d.summary, d.description, d.extra) for d in docs]
    with connection.cursor() as cur:
        cur.executemany(sql, rows)


# PostgreSQL keeps no text, only vectors (migration 0004): the full weighted vector to match
# and rank with, and name + summary for the title-first path of very broad queries.
TITLE_FIELDS = ("name", "summary")


def _weighted(fields: Sequence[str]) -> str:
    return " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, %s), '{FIELD_WEIGHTS[f].pg_label}')"
        for f in fields
    )


def _card_column(language: str) -> str:
    if language not in CARD_LANGUAGES:
        raise ValueError(f"no stored cards in {language!r}")
    return f"card_{language}"


def _pg_upsert(kind: Kind, docs: Sequence[Document]) -> None:
    # Services also store their result cards (migration 0006), written in the same statement.
    with_cards = kind == SERVICES
    columns = [_card_column(code) for code in CARD_LANGUAGES] if with_cards else []
    cards_col = "".join(f", {c}" for c in columns)
    cards_val = ", %s" * len(columns)
    cards_set = "".join(f", {c} = excluded.{c}" for c in columns)
    sql = (
        f"INSERT INTO {kind.table} ({kind.column}, langs, areas, verified_at, tsv, ab{cards_col}) "
        f"VALUES (%s, %s, %s, %s, {_weighted(FIELDS)}, {_weighted(TITLE_FIELDS)}{cards_val}) "
        f"ON CONFLICT ({kind.column}) DO UPDATE SET langs = excluded.langs, "
        "areas = excluded.areas, verified_at = excluded.verified_at, tsv = excluded.tsv, "
        f"ab = excluded.ab{cards_set}"
    )
    rows = [
        (
            d.pk,
            d.langs,
            list(d.areas),
            d.verified_at,
            *(getattr(d, f) for f in FIELDS),
            *(getattr(d, f) for f in TITLE_FIELDS),
            *(
                (
                    json.dumps(d.cards[code], separators=(",", ":")) if d.cards else None
                    for code in CARD_LANGUAGES
                )
                if with_cards
                else ()
            ),
        )
        for d in docs
    ]
    with connection.cursor() as cur:
        cur.executemany(sql, rows)


def pg_cards(
    kind: Kind, pks: Sequence[int], language: str, stale_before: Any
) -> dict[int, tuple[str | None, bool]]:
    """Return {pk: (stored card in ``language`` as JSON text, or None; verified before
    ``stale_before``)} of the indexed documents among ``pks``.

    ``language`` is one of ``CARD_LANGUAGES``.
    """
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {kind.column}, {_card_column(language)}, verified_at < %s "
            f"FROM {kind.table} WHERE {kind.column} = ANY(%s)",
            [stale_before, list(pks)],
        )
        return {pk: (card, stale) for pk, card, stale in cur.fetchall()}


def existing_terms(kind: Kind, pks: Sequence[int]) -> dict[int, set[str]]:
    """Return the indexed terms of the given documents (to keep the vocabulary exact)."""
    if not pks:
        return {}
    if is_postgres():
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT {kind.column}, tsvector_to_array(tsv) FROM {kind.table} "
                f"WHERE {kind.column} = ANY(%s)",
                [list(pks)],
            )
            return {row[0]: set(row[1]) for row in cur.fetchall()}
    marks = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {kind.column}, name, summary, description, extra FROM {kind.table} "
            f"WHERE {kind.column} IN ({marks})",
            list(pks),
        )
        return {row[0]: set(" ".join(row[1:]).split()) for row in cur.fetchall()}


def delete(kind: Kind, pks: Sequence[int]) -> None:
    if not pks:
        return
    _forget_searches()
    marks = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {kind.table} WHERE {kind.column} IN ({marks})", list(pks))


def clear(kind: Kind) -> None:
    _forget_searches()
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {kind.table}")
        if is_postgres():
            cur.execute(f"DELETE FROM {kind.vocab}")


def adjust_vocabulary(kind: Kind, added: Iterable[str], removed: Iterable[str]) -> None:
    """Keep the PostgreSQL vocabulary's document frequencies exact after a small change."""
    if not is_postgres():
        return  # fts5vocab is maintained by SQLite itself
    added, removed = sorted(set(added)), sorted(set(removed))
    with connection.cursor() as cur:
        if added:
            cur.execute(
                f"INSERT INTO {kind.vocab} (term, ndoc) SELECT t, 1 FROM unnest(%s::text[]) t "
                f"ON CONFLICT (term) DO UPDATE SET ndoc = {kind.vocab}.ndoc + 1",
                [added],
            )
        if removed:
            cur.execute(f"UPDATE {kind.vocab} SET ndoc = ndoc - 1 WHERE term = ANY(%s)", [removed])
            cur.execute(f"DELETE FROM {kind.vocab} WHERE ndoc <= 0")
    invalidate_stats(kind)


def refresh_vocabulary(kind: Kind) -> None:
    """Recount the PostgreSQL vocabulary from the index (after bulk indexing)."""
    if not is_postgres():
        return
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {kind.vocab}")
        cur.execute(
            f"INSERT INTO {kind.vocab} (term, ndoc) "
            f"SELECT word, ndoc FROM ts_stat('SELECT tsv FROM {kind.table}')"
        )
        cur.execute(f"ANALYZE {kind.table}")
        cur.execute(f"ANALYZE {kind.vocab}")
    invalidate_stats(kind)


# --- Vocabulary and statistics, cached per process ------------------------------------------

# Document frequencies change slowly; a few seconds of staleness only nudges the ranking.
STATS_TTL_SECONDS = 60.0
_MAX_CACHED_TERMS = 50_000


class _Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.n_docs: dict[str, tuple[float, int]] = {}
        self.df: dict[str, dict[str, tuple[float, int]]] = {}
        # (kind, query levels, filters, page) -> (monotonic time, level, capped count, sizes of
        # the title-first tiers the page passes)
        self.levels: dict[Any, tuple[float, int, int, tuple[int, ...]]] = {}
        # (kind, query text, language) -> (monotonic time, query.ParsedQuery)
        self.parsed: dict[Any, tuple[float, Any]] = {}


_stats = _Stats()


def _forget_searches() -> None:
    """Forget what was derived from the index as it was: analysed queries, levels, counts."""
    with _stats.lock:
        _stats.levels.clear()
        _stats.parsed.clear()


def invalidate_stats(kind: Kind | None = None) -> None:
    _forget_searches()
    with _stats.lock:
        if kind is None:
            _stats.n_docs.clear()
            _stats.df.clear()
        else:
            _stats.n_docs.pop(kind.table, None)
            _stats.df.pop(kind.table, None)


# A search's match level and capped count, kept for STATS_TTL_SECONDS: a repeated query skips
# the count and the narrower levels that matched too little. Never the page itself.
_MAX_CACHED_LEVELS = 20_000


def cached_level(key: Any) -> tuple[int, int, tuple[int, ...]] | None:
    """Return (level, capped count, tier sizes) of a search seen moments ago, else None."""
    hit = _stats.levels.get(key)
    if hit and time.monotonic() - hit[0] < STATS_TTL_SECONDS:
        return hit[1], hit[2], hit[3]
    return None


def remember_level(key: Any, level: int, count: int, sizes: tuple[int, ...] = ()) -> None:
    with _stats.lock:
        if len(_stats.levels) > _MAX_CACHED_LEVELS:
            _stats.levels.clear()
        _stats.levels[key] = (time.monotonic(), level, count, sizes)


# A query's analysis (terms, spelling corrections, rank tiers, match levels) depends on the
# vocabulary statistics above and is kept as long: a repeated query (another page, another
# filter, the next keystroke of the same words) is not analysed again. An analysis takes
# 10-30 KB: at most this many are kept (the whole cache is emptied past it).
_MAX_CACHED_QUERIES = 1_000


def cached_parse(key: Any) -> Any | None:
    """Return the analysis of a query seen moments ago (``query.parse_query``), else None."""
    hit = _stats.parsed.get(key)
    if hit and time.monotonic() - hit[0] < STATS_TTL_SECONDS:
        return hit[1]
    return None


def remember_parse(key: Any, parsed: Any) -> None:
    with _stats.lock:
        if len(_stats.parsed) > _MAX_CACHED_QUERIES:
            _stats.parsed.clear()
        _stats.parsed[key] = (time.monotonic(), parsed)


def document_count(kind: Kind) -> int:
    now = time.monotonic()
    cached = _stats.n_docs.get(kind.table)
    if cached and now - cached[0] < STATS_TTL_SECONDS:
        return cached[1]
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {kind.table}")
        n = int(cur.fetchone()[0])
    with _stats.lock:
        _stats.n_docs[kind.table] = (now, n)
    return n


def document_frequencies(kind: Kind, terms: Iterable[str]) -> dict[str, int]:
    """Return {term: number of documents} for the terms present in the index."""
    now = time.monotonic()
    wanted = set(terms)
    cache = _stats.df.setdefault(kind.table, {})
    out: dict[str, int] = {}
    missing: list[str] = []
    for t in wanted:
        hit = cache.get(t)
        if hit and now - hit[0] < STATS_TTL_SECONDS:
            if hit[1]:
                out[t] = hit[1]
        else:
            missing.append(t)
    if missing:
        found = _lookup_df(kind, sorted(missing))
        with _stats.lock:
            if len(cache) > _MAX_CACHED_TERMS:
                cache.clear()
            for t in missing:
                cache[t] = (now, found.get(t, 0))
        out.update(found)
    return out


def _lookup_df(kind: Kind, terms: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    with connection.cursor() as cur:
        for i in range(0, len(terms), 900):
            chunk = terms[i : i + 900]
            if is_postgres():
                cur.execute(f"SELECT term, ndoc FROM {kind.vocab} WHERE term = ANY(%s)", [chunk])
            else:
                marks = ", ".join(["%s"] * len(chunk))
                cur.execute(f"SELECT term, doc FROM {kind.vocab} WHERE term IN ({marks})", chunk)
            found.update({row[0]: int(row[1]) for row in cur.fetchall()})
    return found


def prefix_frequency(kind: Kind, prefix: str) -> int:
    """Return an upper bound of the documents matching a prefix (sum of its terms' counts)."""
    key = prefix + "*"
    now = time.monotonic()
    cache = _stats.df.setdefault(kind.table, {})
    hit = cache.get(key)
    if hit and now - hit[0] < STATS_TTL_SECONDS:
        return hit[1]
    # The analyzer emits [a-z0-9] only, so the pattern needs no escaping.
    column = "ndoc" if is_postgres() else "doc"
    with connection.cursor() as cur:
        if is_postgres():
            cur.execute(
                f"SELECT coalesce(sum(ndoc), 0) FROM {kind.vocab} WHERE term LIKE %s",
                [prefix + "%"],
            )
        else:
            cur.execute(
                f"SELECT coalesce(sum({column}), 0) FROM {kind.vocab} "
                f"WHERE term >= %s AND term < %s",
                [prefix, prefix + "{"],
            )
        n = int(cur.fetchone()[0])
    with _stats.lock:
        cache[key] = (now, n)
    return n


# --- Queries ----------------------------------------------------------------------------


def bm25_weights() -> str:
    return ", ".join(str(FIELD_WEIGHTS[f].bm25) for f in FIELDS)


@dataclass(frozen=True)
class Where:
    """The conditions of one PostgreSQL search: the text match and what restricts it."""

    match: str | None  # to_tsquery('simple', ...) text over every field (the full vector)
    title: str | None = None  # ... over the name and summary only (the small title vector)
    not_title: str | None = None  # ... and NOT this one over the name and summary
    areas: Sequence[str] = ()  # any of these area markers (documents.Document.areas)
    areas_all: Sequence[str] = ()  # and any of these (a county filter next to a municipality)
    filter_sql: str = ""  # "id IN (...)": the other filters, as a sub-select of ids
    filter_params: Sequence[Any] = ()

    def sql(self, kind: Kind) -> tuple[str, list[Any]]:
        # The tsquery is an InitPlan "(SELECT to_tsquery(...))": its value is unknown when the
        # statement is planned, so PostgreSQL always drives the match through the GIN index.
        # With the literal, a query word found in a fifth of the documents makes it pick a
        # sequential scan that decompresses every document's vector (20-50 times slower).
        conds: list[str] = []
        params: list[Any] = []
        if self.match is not None:
            conds.append("d.tsv @@ (SELECT to_tsquery('simple', %s))")
            params.append(self.match)
        if self.title is not None:
            conds.append("d.ab @@ (SELECT to_tsquery('simple', %s))")
            params.append(self.title)
        if self.not_title is not None:
            conds.append("NOT d.ab @@ (SELECT to_tsquery('simple', %s))")
            params.append(self.not_title)
        for areas in (self.areas, self.areas_all):
            if areas:
                conds.append("d.areas && %s::text[]")
                params.append(list(areas))
        if self.filter_sql:
            conds.append(f"d.{kind.column} IN ({self.filter_sql})")
            params.extend(self.filter_params)
        return " AND ".join(conds or ["TRUE"]), params


def pg_count_sql(kind: Kind, where: Where, cap: int) -> tuple[str, list[Any]]:
    """Return SQL counting the matching documents, up to ``cap`` (the rest is not visited)."""
    cond, params = where.sql(kind)
    return (
        f"SELECT count(*) FROM (SELECT 1 FROM {kind.table} d WHERE {cond} LIMIT %s) c",
        [*params, cap],
    )


def pg_ranked_sql(
    kind: Kind,
    where: Where,
    tiers: Sequence[tuple[float, str]],
    *,
    factors: Sequence[tuple[str, list[Any]]] = (),
    title_rank: bool = False,
    limit: int | None,
    offset: int = 0,
    with_total: bool = False,
) -> tuple[str, list[Any]]:
    """Return SQL of (id, score[, total]) of the matching documents, best first.

    One table, no join: the filters are conditions on the document row. The rank is one
    ``ts_rank`` per weight tier, on the full vector, or with ``title_rank`` on the small
    name/summary vector (for thousands of candidates, when the title decides).
    ``factors`` are SQL expressions over ``x.langs`` and ``x.verified_at`` multiplying it.
    """
    vector = "d.ab" if title_rank else "d.tsv || ''::tsvector"
    rank = " + ".join(
        f"%s * ts_rank('{PG_WEIGHTS}', x.v, to_tsquery('simple', %s), {int(PG_RANK_NORMALIZATION)})"
        for _ in tiers
    )
    score = " * ".join([f"({rank})", *(f for f, _p in factors)])
    cond, where_params = where.sql(kind)
    total = ", COUNT(*) OVER () AS total" if with_total else ""
    params: list[Any] = [x for w, q in tiers for x in (w, q)]
    for _f, p in factors:
        params.extend(p)
    params.extend(where_params)
    # "tsv || ''" detoasts the vector once per row instead of once per ts_rank call;
    # OFFSET 0 keeps the sub-select from being flattened into the ranking.
    sql = (
        f"SELECT x.id, {score} AS score{total} FROM ("
        f"SELECT d.{kind.column} AS id, d.langs, d.verified_at, {vector} AS v "
        f"FROM {kind.table} d WHERE {cond} OFFSET 0) x ORDER BY score DESC, x.id"
    )
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    return sql, params


def pg_tiered_sql(parts: Sequence[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    """Return one statement of (id, score, tier): the rows of each ranked part (``pg_ranked_sql``
    with its own LIMIT and OFFSET) in turn, tier 1 first."""
    selects = [
        f"SELECT p{n}.id, p{n}.score, {n} AS tier FROM ({sql}) p{n}"
        for n, (sql, _params) in enumerate(parts, start=1)
    ]
    return (
        f"SELECT u.id, u.score, u.tier FROM ({' UNION ALL '.join(selects)}) u "
        "ORDER BY u.tier, u.score DESC, u.id",
        [p for _sql, params in parts for p in params],
    )


def pg_with_cards(
    kind: Kind,
    ranked: tuple[str, list[Any]],
    language: str,
    stale_before: Any,
    *,
    tiered: bool = False,
) -> tuple[str, list[Any]]:
    """Return ``ranked`` (rows id, score[, total or tier]) with two more columns per row: the
    stored card in ``language`` as JSON text (``listing.card_texts``) and whether it was
    verified before ``stale_before``. ``tiered``: ``ranked`` is a ``pg_tiered_sql``.

    The cards of a page are read by primary key after the ranking has chosen it.
    """
    sql, params = ranked
    order = "r.tier, r.score DESC, r.id" if tiered else "r.score DESC, r.id"
    return (
        f"SELECT r.*, c.{_card_column(language)}, c.verified_at < %s FROM ({sql}) r "
        f"JOIN {kind.table} c ON c.{kind.column} = r.id ORDER BY {order}",
        [stale_before, *params],
    )


def pg_counted_ranked_sql(
    kind: Kind,
    where: Where,
    ranked: tuple[str, list[Any]],
    *,
    cap: int,
    at_least: int,
) -> tuple[str, list[Any]]:
    """Return one statement: the capped count of ``where``, then ``ranked`` only if it is due.

    One row is ``(NULL, NULL, count)`` with the count up to ``cap + 1``; the rows of
    the ranked query ``ranked`` (id, score) follow only when ``at_least <= count <= cap``
    (a one-time filter: otherwise PostgreSQL does not even scan for them). This saves the
    separate count query's round trip when the match level is chosen.
    """
    count_sql, count_params = pg_count_sql(kind, where, cap + 1)
    ranked_sql, ranked_params = ranked
    sql = (
        f"WITH c AS MATERIALIZED ({count_sql}) "
        "SELECT NULL::integer AS id, NULL::float8 AS score, c.count AS total FROM c "
        f"UNION ALL SELECT r.id, r.score, NULL::bigint FROM ({ranked_sql}) r "
        "WHERE (SELECT c.count FROM c) BETWEEN %s AND %s"
    )
    return sql, [*count_params, *ranked_params, at_least, cap]


def match_sql(kind: Kind, tiers: Sequence[tuple[float, str]], level: str) -> tuple[str, list[Any]]:
    """Return SQLite SQL selecting ``id`` and ``score`` of the documents matching ``level``."""
    subqueries = []
    params: list[Any] = []
    for weight, match in tiers:
        subqueries.append(
            f"SELECT rowid AS r, -bm25({kind.fts}, {bm25_weights()}) * %s AS s "
            f"FROM {kind.fts} WHERE {kind.fts} MATCH %s"
        )
        params.extend([weight, match])
    params.append(level)
    # Materialized first: flattened into the outer joins, bm25() would lose its MATCH context.
    return (
        f"WITH hits AS MATERIALIZED ({' UNION ALL '.join(subqueries)}) "
        f"SELECT r AS id, SUM(s) AS score FROM hits "
        f"WHERE r IN (SELECT rowid FROM {kind.fts} WHERE {kind.fts} MATCH %s) GROUP BY r",
        params,
    )


def match_ids_sql(kind: Kind, level: str) -> tuple[str, list[Any]]:
    """Return SQL selecting only the ids of matching documents (for filters and facets)."""
    if is_postgres():
        return (
            f"SELECT {kind.column} FROM {kind.table} WHERE tsv @@ to_tsquery('simple', %s)",
            [level],
        )
    return (f"SELECT rowid FROM {kind.fts} WHERE {kind.fts} MATCH %s", [level])


def langs_contains_sql(column: str) -> str:
    """SQL true when the ``|fi|sv|`` string in ``column`` holds the parameter ``|xx|``."""
    if is_postgres():
        return f"strpos({column}, %s) > 0"
    return f"instr({column}, %s) > 0"
