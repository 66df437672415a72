# Table names come from constants, never from input; every value is a parameter.
# ruff: noqa: S608
"""The third step on SQLite: the ranked statement over FTS5 (``bm25()``), as SQL text.

The FTS5 table (catalogue migration 0001) holds the analysed terms of each document's four field
classes; the owner table (aliased ``o``) answers visibility and freshness, the document table
(``d``) the languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kumppani.catalogue.search.analysis import ParsedQuery
from kumppani.catalogue.search.backend import FIELDS, Kind
from kumppani.catalogue.search.factors import score_factors
from kumppani.catalogue.search.filters import Scope, text_ids_sql
from kumppani.catalogue.search.ranking import FIELD_WEIGHTS

Statement = tuple[str, list[Any]]


def _bm25_weights() -> str:
    return ", ".join(str(FIELD_WEIGHTS[f].bm25) for f in FIELDS)


def match_sql(kind: Kind, tiers: Sequence[tuple[float, str]], level: str) -> Statement:
    """Return SQL selecting ``id`` and ``score`` of the documents matching ``level``."""
    subqueries = []
    params: list[Any] = []
    for weight, match in tiers:
        subqueries.append(
            f"SELECT rowid AS r, -bm25({kind.fts}, {_bm25_weights()}) * %s AS s "
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


def ranked_sql(
    parsed: ParsedQuery, level: int, scope: Scope, *, limit: int | None, offset: int
) -> Statement:
    """Return SQL of (id, score, total) of the visible documents in ``scope`` matching the
    level, best first."""
    kind = scope.kind
    factors = score_factors(
        parsed, scope, verified="o.last_verified_at", holds="instr(d.langs, %s) > 0"
    )
    match, match_params = match_sql(kind, parsed.tiers, parsed.levels[level].match)
    score = " * ".join(["m.score", *(f for f, _p in factors)])
    sql = (
        f"SELECT m.id, {score} AS score, COUNT(*) OVER () AS total "
        f"FROM ({match}) m JOIN {kind.table} d ON d.{kind.column} = m.id "
        f"JOIN {scope.owner_table} o ON o.id = m.id WHERE {scope.visible_sql}"
    )
    params: list[Any] = [p for _f, ps in factors for p in ps]
    params += [*match_params, *scope.visible_params]
    if scope.filter_sql:
        sql += f" AND m.id IN ({scope.filter_sql})"
        params += scope.filter_params
    sql += " ORDER BY score DESC, m.id"
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    return sql, params


def count_sql(parsed: ParsedQuery, level: int, scope: Scope) -> Statement:
    """Return SQL counting the visible documents in ``scope`` matching the level."""
    sql, params = text_ids_sql(scope.kind, parsed.levels[level].match)
    count = (
        f"SELECT count(*) FROM {scope.owner_table} o WHERE o.id IN ({sql}) AND {scope.visible_sql}"
    )
    all_params = [*params, *scope.visible_params]
    if scope.filter_sql:
        count += f" AND o.id IN ({scope.filter_sql})"
        all_params += scope.filter_params
    return count, all_params
