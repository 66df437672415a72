# Table names come from constants, never from input; every value is a parameter.
# ruff: noqa: S608
"""The third step on PostgreSQL: the ranked statement and its companions, as SQL text.

Only building, no running (``execution`` runs them). One table, no join: the document row
(the migration) holds the weighted vector ``tsv``, the small name + summary vector ``ab``,
the area markers, the languages and the confirmation date; the filters are conditions on it
(``filters.Where``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kumppani.catalogue.search.analysis import ParsedQuery
from kumppani.catalogue.search.backend import Kind, card_column
from kumppani.catalogue.search.factors import Factor, score_factors
from kumppani.catalogue.search.filters import Scope, Where
from kumppani.catalogue.search.ranking import PG_RANK_NORMALIZATION, PG_WEIGHTS

Statement = tuple[str, list[Any]]


def factors(parsed: ParsedQuery, scope: Scope) -> list[Factor]:
    """The rank's factors over the ranked sub-select's row ``x``."""
    return score_factors(parsed, scope, verified="x.verified_at", holds="strpos(x.langs, %s) > 0")


def count_sql(kind: Kind, where: Where, cap: int) -> Statement:
    """Return SQL counting the matching documents, up to ``cap`` (the rest is not visited)."""
    cond, params = where.sql(kind)
    return (
        f"SELECT count(*) FROM (SELECT 1 FROM {kind.table} d WHERE {cond} LIMIT %s) c",
        [*params, cap],
    )


def ranked_sql(
    kind: Kind,
    where: Where,
    tiers: Sequence[tuple[float, str]],
    *,
    factors: Sequence[Factor] = (),
    title_rank: bool = False,
    limit: int | None,
    offset: int = 0,
    with_total: bool = False,
) -> Statement:
    """Return SQL of (id, score[, total]) of the matching documents, best first.

    The rank is one ``ts_rank`` per weight tier, on the full vector, or with ``title_rank``
    on the small name/summary vector (for thousands of candidates, when the title decides).
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


def tiered_sql(parts: Sequence[Statement]) -> Statement:
    """Return one statement of (id, score, tier): the rows of each ranked part (``ranked_sql``
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


def with_cards_sql(
    kind: Kind, ranked: Statement, language: str, stale_before: Any, *, tiered: bool = False
) -> Statement:
    """Return ``ranked`` (rows id, score[, total or tier]) with two more columns per row: the
    stored card in ``language`` as JSON text (``listing.card_texts``) and whether it was
    verified before ``stale_before``. ``tiered``: ``ranked`` is a ``tiered_sql``.

    The cards of a page are read by primary key after the ranking has chosen it.
    """
    sql, params = ranked
    order = "r.tier, r.score DESC, r.id" if tiered else "r.score DESC, r.id"
    return (
        f"SELECT r.*, c.{card_column(language)}, c.verified_at < %s FROM ({sql}) r "
        f"JOIN {kind.table} c ON c.{kind.column} = r.id ORDER BY {order}",
        [stale_before, *params],
    )


def counted_ranked_sql(
    kind: Kind, where: Where, ranked: Statement, *, cap: int, at_least: int
) -> Statement:
    """Return one statement: the capped count of ``where``, then ``ranked`` only if it is due.

    One row is ``(NULL, NULL, count)`` with the count up to ``cap + 1``; the rows of
    the ranked query ``ranked`` (id, score) follow only when ``at_least <= count <= cap``
    (a one-time filter: otherwise PostgreSQL does not even scan for them). This saves the
    separate count query's round trip when the match level is chosen.
    """
    count, count_params = count_sql(kind, where, cap + 1)
    sql, params = ranked
    return (
        f"WITH c AS MATERIALIZED ({count}) "
        "SELECT NULL::integer AS id, NULL::float8 AS score, c.count AS total FROM c "
        f"UNION ALL SELECT r.id, r.score, NULL::bigint FROM ({sql}) r "
        "WHERE (SELECT c.count FROM c) BETWEEN %s AND %s",
        [*count_params, *params, at_least, cap],
    )
