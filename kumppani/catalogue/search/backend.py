# Table names come from the constants below, never from input; every value is a parameter.
# ruff: noqa: S608
"""The search index's tables, per database (PostgreSQL tsvector + GIN, SQLite FTS5): what is
written to them, and the vocabulary statistics and short-lived caches read from them.

The tables are created by migrations ``0003``-``0006``. The statements that search them are
built by ``pg_statements`` and ``sqlite_statements``.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from kumppani.catalogue.search.documents import Document
from kumppani.catalogue.search.ranking import FIELD_WEIGHTS
from kumppani.core.languages import content_languages

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
TASKS = Kind("catalogue_search_task", "task_id")


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


# PostgreSQL keeps no text, only vectors (the migration): the full weighted vector to match
# and rank with, and name + summary for the title-first path of very broad queries.
TITLE_FIELDS = ("name", "summary")


def _weighted(fields: Sequence[str]) -> str:
    return " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, %s), '{FIELD_WEIGHTS[f].pg_label}')"
        for f in fields
    )


def card_column(language: str) -> str:
    """The column of a PostgreSQL service's stored result card in a reader language (JSON
    text; catalogue migration 0001, ``listing.cards_by_language``): one per content language."""
    if language not in content_languages():
        raise ValueError(f"no stored cards in {language!r}")
    return f"card_{language}"


def _pg_upsert(kind: Kind, docs: Sequence[Document]) -> None:
    # Services also store their result cards (the migration), written in the same statement.
    with_cards = kind == SERVICES
    languages = content_languages()
    columns = [card_column(code) for code in languages] if with_cards else []
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
                    for code in languages
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

    ``language`` is a content language.
    """
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {kind.column}, {card_column(language)}, verified_at < %s "
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
        # (kind, query levels, filters) -> (monotonic time, judged window: ``query``'s)
        self.judged: dict[Any, tuple[float, Any]] = {}


_stats = _Stats()


def _forget_searches() -> None:
    """Forget what was derived from the index as it was: analysed queries, levels, counts."""
    with _stats.lock:
        _stats.levels.clear()
        _stats.parsed.clear()
        _stats.judged.clear()


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


# What the relevance judging of a search's best documents found (``query._judged_page``),
# kept as long: a repeated search whose ranked statement gives the same documents does not
# read their field terms again. Read only after the ranked statement ran (never the page
# itself), except to know that a page lies past the last match.
_MAX_CACHED_JUDGEMENTS = 1_000


def cached_judgement(key: Any) -> Any | None:
    """Return the judged window of a search seen moments ago, else None."""
    hit = _stats.judged.get(key)
    if hit and time.monotonic() - hit[0] < STATS_TTL_SECONDS:
        return hit[1]
    return None


def remember_judgement(key: Any, judged: Any) -> None:
    with _stats.lock:
        if len(_stats.judged) > _MAX_CACHED_JUDGEMENTS:
            _stats.judged.clear()
        _stats.judged[key] = (time.monotonic(), judged)


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


def holding(kind: Kind, term: str, limit: int) -> list[int]:
    """Return the pks of at most ``limit`` documents holding the index term ``term``."""
    if not (term.isascii() and term.isalnum()):
        return []
    with connection.cursor() as cur:
        if is_postgres():
            cur.execute(
                f"SELECT {kind.column} FROM {kind.table} "
                "WHERE tsv @@ to_tsquery('simple', %s) LIMIT %s",
                [term, limit],
            )
        else:
            cur.execute(
                f"SELECT rowid FROM {kind.fts} WHERE {kind.fts} MATCH %s LIMIT %s",
                [f'"{term}"', limit],
            )
        return [int(row[0]) for row in cur.fetchall()]


_PG_LEXEME = re.compile(r"'([^']*)':([0-9A-D,]+)")
_PG_FIELD = {label.pg_label: i for i, label in enumerate(FIELD_WEIGHTS.values())}


class _TsvTerms(Mapping[str, int]):
    """A document's terms from its tsvector text, each mapped to the first field holding it.

    The field is worked out only for the terms looked up (a result holds a hundred or more
    terms; relevance asks about a few), and remembered.
    """

    __slots__ = ("_fields", "_positions")

    def __init__(self, text: str) -> None:
        self._positions = dict(_PG_LEXEME.findall(text))
        self._fields: dict[str, int] = {}

    def __getitem__(self, term: str) -> int:
        found = self._fields.get(term)
        if found is None:
            positions = self._positions[term]
            labels = {p[-1] if p[-1] in _PG_FIELD else "D" for p in positions.split(",")}
            found = self._fields[term] = min(_PG_FIELD[label] for label in labels)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


def field_terms(kind: Kind, pks: Sequence[int]) -> dict[int, Mapping[str, int]]:
    """Return {pk: {term: index in ``FIELDS`` of the first field holding it}} of the given
    documents (``relevance`` reads which query words a result holds, and where)."""
    if not pks:
        return {}
    out: dict[int, Mapping[str, int]] = {}
    with connection.cursor() as cur:
        if is_postgres():
            cur.execute(
                f"SELECT {kind.column}, tsv::text FROM {kind.table} WHERE {kind.column} = ANY(%s)",
                [list(pks)],
            )
            for pk, text in cur.fetchall():
                out[pk] = _TsvTerms(text or "")
            return out
        marks = ", ".join(["%s"] * len(pks))
        cur.execute(
            f"SELECT {kind.column}, {', '.join(FIELDS)} FROM {kind.table} "
            f"WHERE {kind.column} IN ({marks})",
            list(pks),
        )
        for pk, *texts in cur.fetchall():
            terms = {}
            for i, text in reversed(list(enumerate(texts))):
                terms.update(dict.fromkeys((text or "").split(), i))
            out[pk] = terms
    return out
