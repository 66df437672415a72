"""The first step of a search: parse and analyse the query text.

The text is analysed in Python (``analyzer``): its language, the words' terms, spelling
corrections against the index vocabulary, the weight tiers that rank and the match levels to
try (``ranking``), in the syntax of the database in use. Nothing here depends on the filters,
so an analysis is kept per process as long as the vocabulary statistics it used
(``backend.cached_parse``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from kumppani.catalogue.search import backend
from kumppani.catalogue.search.analyzer import QueryTerm, analyze_query, content_words
from kumppani.catalogue.search.backend import SERVICES, Kind
from kumppani.catalogue.search.language import detect
from kumppani.catalogue.search.ranking import (
    Level,
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

# Lemmatize the query with the detected language only (else with both fi and sv).
ANALYZE_IN_QUERY_LANGUAGE = True
MAX_QUERY_TERMS = 48
# The activity is held in the language the query is written in (fi/sv): only a tie-breaker,
# as an exact service in the other language is still useful.
QUERY_LANGUAGE_FACTOR = 1.05
# The query asks for a language ("ruotsinkielinen", "på svenska"): a strong preference.
REQUESTED_LANGUAGE_FACTOR = 4.0


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
    # The query's content words as typed, numbered as the terms' ``source``.
    words: tuple[str, ...] = ()
    # The query text as the user typed it.
    text: str = ""

    @property
    def has_text(self) -> bool:
        """The query has words to match (even when none of them is in the index)."""
        return bool(self.terms)

    @property
    def matches_nothing(self) -> bool:
        return bool(self.terms) and not (self.tiers and self.levels)

    def language_boost(self) -> tuple[str, float] | None:
        """The language whose activities rank higher, and by what factor (or None)."""
        if self.requested:
            return self.requested, REQUESTED_LANGUAGE_FACTOR
        if self.written_in:
            return self.written_in, QUERY_LANGUAGE_FACTOR
        return None


def parse_query(q: str, *, kind: Kind = SERVICES, language: str | None = None) -> ParsedQuery:
    """Analyze ``q``: language request, terms, spelling corrections, rank tiers, levels.

    The analysis is kept per process as long as the vocabulary statistics it used
    (``backend.cached_parse``).
    """
    key = (kind.table, q, language)
    parsed: ParsedQuery | None = backend.cached_parse(key)
    if parsed is None:
        parsed = _parse_query(q, kind=kind, language=language)
        backend.remember_parse(key, parsed)
    return parsed


def _vocabulary(kind: Kind, candidates: Iterable[str]) -> set[str]:
    return set(backend.document_frequencies(kind, candidates))


class _Frequencies:
    """Document frequencies of the query's terms, from the index vocabulary."""

    def __init__(self, kind: Kind, terms: list[QueryTerm]) -> None:
        self.kind = kind
        self.postgres = backend.is_postgres()
        self.n_docs = max(1, backend.document_count(kind))
        self.df = backend.document_frequencies(kind, [t.term for t in terms if not t.prefix])

    def of(self, t: QueryTerm) -> int | None:
        if t.prefix:
            if not self.postgres:
                return self.n_docs
            return min(self.n_docs, backend.prefix_frequency(self.kind, t.term))
        return self.df.get(t.term)

    def idf(self, t: QueryTerm) -> float:
        n = self.of(t)
        return bm25_idf(n, self.n_docs) if n else 0.0

    def most_frequent(self, level: Level) -> int:
        """A lower bound of a one-word level's matches: its most frequent term's count."""
        if len(level) != 1:
            return 0
        return max((self.df.get(t.term, 0) for t in level[0] if not t.prefix), default=0)


def _parse_query(q: str, *, kind: Kind, language: str | None) -> ParsedQuery:
    lang = detect(q or "", default=language)
    terms = analyze_query(lang.text, lang.written_in if ANALYZE_IN_QUERY_LANGUAGE else None)
    if not terms:
        return ParsedQuery([], [], lang.written_in, lang.requested)
    terms = limit_terms(correct_terms(terms, partial(_vocabulary, kind)), MAX_QUERY_TERMS)
    freq = _Frequencies(kind, terms)
    if freq.postgres:
        # Terms missing from the index cannot match; leaving them out keeps the query small.
        tiers = pg_rank_tiers([t for t in terms if t.prefix or t.term in freq.df], freq.idf)
    else:
        tiers = fts5_rank_tiers(terms)
    levels = tuple(_match_level(level, freq) for level in match_levels(terms, freq.of, freq.n_docs))
    return ParsedQuery(
        terms, tiers, lang.written_in, lang.requested, levels, content_words(lang.text), q
    )


def _match_level(level: Level, freq: _Frequencies) -> MatchLevel:
    if freq.postgres:
        match, title = pg_level_query(level), pg_tsquery([t for group in level for t in group])
    else:
        match, title = fts5_level_match(level), ""
    return MatchLevel(
        match,
        title,
        estimate_matches(level, freq.of, freq.n_docs),
        freq.most_frequent(level),
        len(level),
    )
