"""The fourth step of a search: run the ranked statements, choosing the match level.

A query's match levels (``analysis.MatchLevel``) are tried narrowest first; the first that
matches at least ``Limits.min_matches`` documents (or the last) gives the page. On PostgreSQL
a ranked statement can also read the page's stored result cards (``Scope.cards``), so that a
repeated search API request is one statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from kumppani.catalogue.search import backend, pg_statements, sqlite_statements
from kumppani.catalogue.search.analysis import ParsedQuery
from kumppani.catalogue.search.factors import stale_before
from kumppani.catalogue.search.filters import Scope, Where

Cards = dict[int, tuple[str | None, bool]]  # {id: (stored card as JSON text or None, stale)}
Rows = list[tuple[Any, ...]]


@dataclass(frozen=True)
class Limits:
    """How far a search counts and when a match level is too narrow."""

    count_cap: int  # counting stops past this ("1,000+"); past it, title-first on PostgreSQL
    min_matches: int  # a level matching fewer documents falls back to the next one


@dataclass
class Ranked:
    """The best rows of a search: ``sql``/``params`` is the ranked query that gave them."""

    ids: list[int]
    total: int
    total_exact: bool
    level: int  # index into ParsedQuery.levels; -1 when nothing matched
    sql: str = ""
    params: list[Any] = field(default_factory=list)
    # PostgreSQL, when the search asked for them (``Scope.cards``), read by the ranked
    # statement itself. None: not read.
    cards: Cards | None = None
    # The rank of each of ``ids`` (comparable within one statement; ``relevance`` reads it).
    scores: list[float] = field(default_factory=list)


def execute(sql: str, params: list[Any]) -> Rows:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return list(cur.fetchall())


def scalar(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    return int(row[0]) if row else 0


def rank(
    parsed: ParsedQuery, scope: Scope, limits: Limits, *, limit: int | None, offset: int = 0
) -> Ranked:
    """Return the page (``limit`` rows from ``offset``; all with None) of a ranked search."""
    if backend.is_postgres():
        return _PgRanking(parsed, scope, limits, limit=limit, offset=offset).rank()
    return _sqlite_rank(parsed, scope, limits, limit=limit, offset=offset)


def _sqlite_rank(
    parsed: ParsedQuery, scope: Scope, limits: Limits, *, limit: int | None, offset: int
) -> Ranked:
    """Rank on SQLite (FTS5 bm25): the narrowest level that matches enough documents."""
    last = len(parsed.levels) - 1
    for i in range(len(parsed.levels)):
        sql, params = sqlite_statements.ranked_sql(parsed, i, scope, limit=limit, offset=offset)
        rows = execute(sql, params)
        if rows:
            total = int(rows[0][2])
        else:
            total = scalar(*sqlite_statements.count_sql(parsed, i, scope)) if offset else 0
        if total < limits.min_matches and i < last:
            continue
        scores = [float(r[1] or 0.0) for r in rows]
        return Ranked([r[0] for r in rows], total, True, i, sql, params, scores=scores)
    return Ranked([], 0, True, -1)


class _PgRanking:
    """Rank on PostgreSQL: the narrowest level that matches enough, title-first when broad.

    A level whose document-frequency estimate is below the count cap is ranked at once (the
    window count tells whether it matched enough). A broader one is first counted up to the
    cap: below it, it is ranked in full. Above it, its documents come in three tiers, so that
    the rank is computed only for as many as a page needs: (1) those with every query word in
    their name or summary, ranked on the small name/summary vector; (2) the others with any
    query word there, ranked the same way; (3) the rest of the level, ranked on the full
    vector. A page takes its rows from the tiers in turn; the sizes of the tiers it passes are
    counted once and kept with the level, so every page of a search follows the same order
    and a repeated page is one statement.
    """

    def __init__(
        self,
        parsed: ParsedQuery,
        scope: Scope,
        limits: Limits,
        *,
        limit: int | None,
        offset: int,
    ) -> None:
        self.parsed, self.scope, self.limit, self.offset = parsed, scope, limit, offset
        self.kind = scope.kind
        self.cap, self.min_matches = limits.count_cap, limits.min_matches
        self.factors = pg_statements.factors(parsed, scope)
        self.cards: Cards = {}
        self.key = (
            self.kind.table,
            tuple(level.match for level in parsed.levels),
            *scope.cache_key(),
            limit,
            offset,
        )

    # --- Statements -----------------------------------------------------------------------

    def statement(
        self,
        where: Where,
        *,
        title_rank: bool = False,
        with_total: bool = False,
        limit: int | None = None,
        offset: int | None = None,
    ) -> pg_statements.Statement:
        return pg_statements.ranked_sql(
            self.kind,
            where,
            self.parsed.tiers,
            factors=self.factors,
            title_rank=title_rank,
            limit=self.limit if limit is None else limit,
            offset=self.offset if offset is None else offset,
            with_total=with_total,
        )

    def run(self, sql: str, params: list[Any], *, tiered: bool = False) -> Rows:
        if self.scope.cards is None:
            return execute(sql, params)
        # The page's stored cards are read by the same statement (one round trip).
        rows = execute(
            *pg_statements.with_cards_sql(
                self.kind, (sql, params), self.scope.cards, stale_before(), tiered=tiered
            )
        )
        self.cards.update((r[0], (r[-2], r[-1])) for r in rows)
        return [r[:-2] for r in rows]

    def count(self, where: Where) -> int:
        return scalar(*pg_statements.count_sql(self.kind, where, self.cap + 1))

    def result(
        self, rows: Rows, total: int, exact: bool, level: int, sql: str, params: list[Any]
    ) -> Ranked:
        cards = self.cards if self.scope.cards is not None and self.cards else None
        scores = [float(r[1] or 0.0) for r in rows]
        return Ranked([r[0] for r in rows], total, exact, level, sql, params, cards, scores)

    def remember(self, level: int, count: int, sizes: tuple[int, ...] = ()) -> None:
        if self.limit is not None:
            backend.remember_level(self.key, level, count, sizes)

    # --- Choosing the level ---------------------------------------------------------------

    def rank(self) -> Ranked:
        known = backend.cached_level(self.key) if self.limit is not None else None
        if known is not None:
            # The same search ran moments ago: its level and count are known.
            i, known_count, sizes = known
            if known_count > self.cap:
                return self.title_first_again(i, sizes)
            sql, params = self.statement(self.scope.where(self.parsed.levels[i].match))
            return self.result(self.run(sql, params), known_count, True, i, sql, params)
        for i in range(len(self.parsed.levels)):
            ranked = self.rank_level(i)
            if ranked is not None:
                return ranked
        return Ranked([], 0, True, -1)

    def rank_level(self, i: int) -> Ranked | None:
        """Return the page from level ``i``, or None when it matches too few documents."""
        level = self.parsed.levels[i]
        where = self.scope.where(level.match)
        enough = self.min_matches if i < len(self.parsed.levels) - 1 else 0
        count: int | None = None
        if not self.scope.filtered and level.at_least > self.cap and self.limit is not None:
            count = self.cap + 1  # known from the vocabulary: no need to count
        elif self.limit is None:
            count = self.count(where)
            if count < enough:
                return None
        elif level.estimate >= self.cap:
            count, ranked = self.count_and_rank(i, where, enough)
            if count < enough or ranked is not None:
                return ranked
        if count is not None and count > self.cap and self.limit is not None:
            return self.title_first(i)
        sql, params = self.statement(where, with_total=count is None)
        rows = self.run(sql, params)
        if count is None:
            # The window count, or past the last row a count (no rows at all: no match).
            count = int(rows[0][2]) if rows else (self.count(where) if self.offset else 0)
            if count < enough:
                return None
        self.remember(i, count)
        return self.result(rows, min(count, self.cap), count <= self.cap, i, sql, params)

    def count_and_rank(self, i: int, where: Where, enough: int) -> tuple[int, Ranked | None]:
        """The capped count and, when it is in range, the full ranking in one statement."""
        plain = self.statement(where)
        both = execute(
            *pg_statements.counted_ranked_sql(
                self.kind, where, plain, cap=self.cap, at_least=enough
            )
        )
        count = next(int(r[2]) for r in both if r[0] is None)
        if count < enough or count > self.cap:
            return count, None
        # Rows in the ranked query's order (score DESC, id), whatever the UNION did.
        rows = sorted((r for r in both if r[0] is not None), key=lambda r: (-r[1], r[0]))
        self.remember(i, count)
        scores = [float(r[1] or 0.0) for r in rows]
        return count, Ranked([r[0] for r in rows], count, True, i, *plain, scores=scores)

    # --- Title first ----------------------------------------------------------------------

    def title_tiers(self, i: int) -> list[tuple[Where, bool]]:
        """The tiers of a broad level (see the class): (condition, ranked by title)."""
        level = self.parsed.levels[i]
        tiers = [(self.scope.where(None, level.match), True)]
        if level.words > 1:  # with one word, any term in the title is the whole level's
            tiers.append((self.scope.where(level.match, level.title, not_title=level.match), True))
        tiers.append((self.scope.where(level.match, not_title=level.title), False))
        return tiers

    def title_first(self, i: int) -> Ranked:
        """The page's rows from the tiers in turn, counting the sizes of those it passes."""
        assert self.limit is not None
        rows: Rows = []
        sizes: list[int] = []
        skip = self.offset
        sql, params = "", []
        for where, by_title in self.title_tiers(i):
            part_sql, part_params = self.statement(
                where, title_rank=by_title, limit=self.limit - len(rows), offset=skip
            )
            part = self.run(part_sql, part_params)
            if part:
                sql, params = part_sql, part_params
            rows += part
            if len(rows) >= self.limit:
                break
            # This tier is exhausted: its size tells how much of the offset it took.
            if part or not skip:
                size = skip + len(part)
            else:
                size = scalar(*pg_statements.count_sql(self.kind, where, skip))
            sizes.append(size)
            skip = max(0, skip - size)
        self.remember(i, self.cap + 1, tuple(sizes))
        return self.result(rows, self.cap, False, i, sql, params)

    def title_first_again(self, i: int, known_sizes: tuple[int, ...]) -> Ranked:
        """The page of a title-first search seen moments ago: one statement, as the tier
        sizes it passes are known."""
        assert self.limit is not None
        parts: list[pg_statements.Statement] = []
        start = 0
        end_of_page = self.offset + self.limit
        for t, (where, by_title) in enumerate(self.title_tiers(i)):
            size = known_sizes[t] if t < len(known_sizes) else None
            first = max(self.offset, start)
            end = end_of_page if size is None else min(end_of_page, start + size)
            if end > first:
                parts.append(
                    self.statement(
                        where, title_rank=by_title, limit=end - first, offset=first - start
                    )
                )
            if size is None:
                break
            start += size
        if not parts:  # past the last result
            return self.result([], self.cap, False, i, "", [])
        if len(parts) == 1:
            sql, params = parts[0]
            rows = self.run(sql, params)
        else:
            sql, params = pg_statements.tiered_sql(parts)
            rows = self.run(sql, params, tiered=True)
        return self.result(rows, self.cap, False, i, sql, params)
