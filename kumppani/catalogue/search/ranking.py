"""Turn analyzed query terms into SQLite FTS5 and PostgreSQL full-text queries.

Both backends index the same analyzed terms (``analyzer.analyze``), space-joined, one column or
tsvector weight class per field group (``FIELD_WEIGHTS``). A query is an OR of at most
``MAX_TERMS`` terms: everyday phrasings rarely contain every word of the service text, so
ranking, not the match, decides what is relevant.

Query terms carry weights (typed word > compound part > thesaurus synonym). A single FTS5
MATCH or tsquery cannot weight its operands, so ``weighted_tiers`` groups terms by weight and a
caller sums one rank per tier (``pg_rank_tiers``/``fts5_rank_tiers``); ``fts5_match`` and
``pg_tsquery`` give the plain OR of all terms for the index match.

Typo tolerance needs the index vocabulary: ``correct_terms`` adds, for each query word not in
the vocabulary, the vocabulary terms within one edit (plus a transposition), given a
``vocabulary`` container or lookup callable, e.g. the FTS5 ``fts5vocab`` table or a
PostgreSQL table of distinct terms maintained with the index.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Iterable, Sequence
from typing import NamedTuple

from kumppani.catalogue.search.analyzer import QueryTerm

__all__ = [
    "FIELD_WEIGHTS",
    "MAX_TERMS",
    "PG_RANK_NORMALIZATION",
    "PG_WEIGHTS",
    "FieldWeight",
    "bm25_idf",
    "correct_terms",
    "edits1",
    "fts5_match",
    "fts5_rank_tiers",
    "limit_terms",
    "pg_rank_tiers",
    "pg_tsquery",
    "weighted_tiers",
]


class FieldWeight(NamedTuple):
    """Weight class of one indexed field group in both backends."""

    pg_label: str  # setweight() label
    bm25: float  # FTS5 bm25() column weight


# Column order is the FTS5 column order. "extra" holds the taxonomy labels, the organisation
# name and description, and the service area names: useful for recall, weak for relevance.
FIELD_WEIGHTS: dict[str, FieldWeight] = {
    "name": FieldWeight("A", 10.0),
    "summary": FieldWeight("B", 5.0),
    "description": FieldWeight("C", 2.0),
    "extra": FieldWeight("D", 1.0),
}
# ts_rank weights array, ordered {D, C, B, A}, mirroring the bm25 ratios above.
PG_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
# ts_rank normalization: 1 divides by 1 + log(document length), the nearest to the length
# normalization of bm25 in SQLite FTS5 (0 = none favours long descriptions).
PG_RANK_NORMALIZATION = 1

# Bound the OR so that a long query cannot turn into an expensive index scan.
MAX_TERMS = 24
# Each tier costs one ts_rank call per matching row.
MAX_TIERS = 4
CORRECTION_WEIGHT = 0.8
# Words shorter than this are not corrected: short words have too many neighbours.
MIN_CORRECTABLE_LEN = 5
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

Vocabulary = Container[str] | Callable[[Iterable[str]], set[str]]


def _is_safe(term: str) -> bool:
    # The analyzer only emits [a-z0-9]+; this check makes the query builders safe even for
    # QueryTerm objects built by hand.
    return term.isascii() and term.isalnum() and term == term.lower()


def limit_terms(terms: Iterable[QueryTerm], max_terms: int = MAX_TERMS) -> list[QueryTerm]:
    """Return the ``max_terms`` heaviest distinct safe terms, keeping every query word's best.

    Each query word's heaviest term is kept first, so that thesaurus expansions of an early
    word cannot crowd out a later word of the query.
    """
    unique: dict[tuple[str, bool], QueryTerm] = {}
    for t in terms:
        if not _is_safe(t.term):
            continue
        key = (t.term, t.prefix)
        if key not in unique or unique[key].weight < t.weight:
            unique[key] = t
    ordered = sorted(unique.values(), key=lambda t: (-t.weight, t.source, t.term))
    chosen: dict[tuple[str, bool], QueryTerm] = {}
    seen_sources: set[int] = set()
    for t in ordered:
        if t.source not in seen_sources:
            seen_sources.add(t.source)
            chosen[(t.term, t.prefix)] = t
    for t in ordered:
        if len(chosen) >= max_terms:
            break
        chosen.setdefault((t.term, t.prefix), t)
    return sorted(chosen.values(), key=lambda t: (-t.weight, t.source, t.term))[:max_terms]


def edits1(word: str) -> set[str]:
    """Return every ASCII string one deletion, substitution, insertion or transposition away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | transposes | replaces | inserts


def _lookup(vocabulary: Vocabulary) -> Callable[[Iterable[str]], set[str]]:
    """Return a batch lookup: candidate terms in, the subset present in the index out."""
    if callable(vocabulary):
        return vocabulary
    return lambda candidates: {c for c in candidates if c in vocabulary}


def correct_terms(
    terms: Sequence[QueryTerm], vocabulary: Vocabulary, max_per_word: int = 3
) -> list[QueryTerm]:
    """Add spelling corrections for query words whose terms are all missing from the index.

    A query word whose surface form and lemmas are all unknown to ``vocabulary`` gets up to
    ``max_per_word`` vocabulary terms one edit away (ä/ö typed as a/o is already handled by
    folding). Terms that do occur are never replaced: a rare real word beats a correction.
    ``vocabulary`` is a set of indexed terms or a batch lookup callable (e.g. one
    ``SELECT term FROM search_vocabulary WHERE term = ANY(%s)``); it is called at most twice.
    """
    lookup = _lookup(vocabulary)
    words: dict[int, list[QueryTerm]] = {}
    for t in terms:
        if t.kind == "word" and not t.prefix:
            words.setdefault(t.source, []).append(t)
    if not words:
        return list(terms)
    present = lookup({t.term for ws in words.values() for t in ws})
    candidates: dict[int, list[str]] = {}
    for source, word_terms in words.items():
        if any(t.term in present for t in word_terms):
            continue
        cands: set[str] = set()
        for t in word_terms:
            if len(t.term) >= MIN_CORRECTABLE_LEN and t.term.isalpha():
                cands |= edits1(t.term)
        candidates[source] = sorted(cands)
    if not candidates:
        return list(terms)
    found = lookup({c for cs in candidates.values() for c in cs})
    extra = [
        QueryTerm(c, CORRECTION_WEIGHT, "correction", source)
        for source, cs in candidates.items()
        for c in [c for c in cs if c in found][:max_per_word]
    ]
    return [*terms, *extra]


def bm25_idf(df: int, n_docs: int) -> float:
    """Return the BM25 inverse document frequency of a term found in ``df`` of ``n_docs``."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def weighted_tiers(
    terms: Iterable[QueryTerm],
    idf: Callable[[QueryTerm], float] | None = None,
    max_tiers: int = MAX_TIERS,
) -> list[tuple[float, list[QueryTerm]]]:
    """Group terms into at most ``max_tiers`` weight classes, heaviest first.

    A term's weight is its query weight, times ``idf(term)`` when given. ts_rank has no notion
    of term rarity, so the PostgreSQL backend passes an idf from the vocabulary table and sums
    one ``ts_rank`` per tier; FTS5's bm25 already weighs by rarity and needs no ``idf``.
    Tiers are merged in log space until at most ``max_tiers`` remain, so the rank costs a
    bounded number of ts_rank calls per matching row.
    """
    weighted = [(t.weight * (idf(t) if idf else 1.0), t) for t in limit_terms(terms)]
    weighted = [(w, t) for w, t in weighted if w > 0]
    if not weighted:
        return []
    # Start from one tier per distinct weight, then merge the two closest neighbours.
    by_weight: dict[float, list[QueryTerm]] = {}
    for w, t in weighted:
        by_weight.setdefault(round(w, 6), []).append(t)
    tiers = [(w, ts) for w, ts in sorted(by_weight.items(), reverse=True)]
    while len(tiers) > max(1, max_tiers):
        gaps = [math.log(tiers[i][0] / tiers[i + 1][0]) for i in range(len(tiers) - 1)]
        i = gaps.index(min(gaps))
        (w1, t1), (w2, t2) = tiers[i], tiers[i + 1]
        merged = (w1 * len(t1) + w2 * len(t2)) / (len(t1) + len(t2))
        tiers[i : i + 2] = [(merged, t1 + t2)]
    return tiers


def pg_rank_tiers(
    terms: Iterable[QueryTerm], idf: Callable[[QueryTerm], float] | None = None
) -> list[tuple[float, str]]:
    """Return (multiplier, tsquery) pairs whose ``multiplier * ts_rank(...)`` sum is the rank.

    ``ts_rank`` divides an OR query's score by its number of terms; the multiplier undoes that,
    so a tier of many synonyms is not diluted relative to a tier of one word (as in bm25,
    where per-term scores add up).
    """
    out = []
    for weight, tier in weighted_tiers(terms, idf):
        query = pg_tsquery(tier)
        if query:
            out.append((weight * len(tier), query))
    return out


def fts5_rank_tiers(terms: Iterable[QueryTerm]) -> list[tuple[float, str]]:
    """Return (multiplier, MATCH expression) pairs; the rank is the sum of multiplier * -bm25."""
    out = []
    for weight, tier in weighted_tiers(terms):
        match = fts5_match(tier)
        if match:
            out.append((weight, match))
    return out


def fts5_match(terms: Iterable[QueryTerm]) -> str:
    """Return an FTS5 MATCH expression OR'ing the terms; "" means no text condition.

    Every term is a double-quoted string ("abc" or "abc"* for a prefix), so no user input can
    reach the FTS5 query syntax.
    """
    parts = []
    for t in limit_terms(terms):
        parts.append(f'"{t.term}"*' if t.prefix else f'"{t.term}"')
    return " OR ".join(parts)


def pg_tsquery(terms: Iterable[QueryTerm]) -> str:
    """Return a string for ``to_tsquery('simple', ...)`` OR'ing the terms; "" means no filter.

    Terms are quoted lexemes ('abc' or 'abc':* for a prefix) built from [a-z0-9] only.
    """
    parts = []
    for t in limit_terms(terms):
        parts.append(f"'{t.term}':*" if t.prefix else f"'{t.term}'")
    return " | ".join(parts)


# --- Match levels: which documents are ranked at all --------------------------------------

# A term found in more than this share of the documents says little: it is ranked, but it
# never widens (nor, on its own, narrows) the set of matching documents.
COMMON_TERM_FRACTION = 0.10
# Only a catalogue this large has "common" terms: in a small one every term is worth matching.
COMMON_TERM_MIN_DOCS = 1000

Group = tuple[QueryTerm, ...]  # any of these terms (the variants of one query word)
Level = tuple[Group, ...]  # every group must match


def match_levels(
    terms: Sequence[QueryTerm], df: Callable[[QueryTerm], int | None], n_docs: int
) -> list[Level]:
    """Return the match conditions to try in turn, narrowest first (one or two).

    1. every query word, each by any of its terms (surface form, lemma, compound parts,
       thesaurus synonyms, corrections, prefix): an AND of ORs;
    2. any term of any word: the plain OR ("ranking, not the match, decides"), for when the
       AND matches too few documents (everyday phrasings rarely contain every word).

    ``df(term)`` is the term's document frequency, None when the index does not have it
    (such terms cannot match and are left out). Common terms (in more than
    ``COMMON_TERM_FRACTION`` of a large catalogue) are left out of both levels unless nothing
    else is left: they only rank. A word whose terms are all common or unknown drops out of
    the AND. The caller takes the first level that matches enough documents.

    Requiring only the word's own forms (no parts or synonyms) was tried and rejected: on
    the dev set, forced, it cut recall@10 to 0.67 (AND of all variants: 0.77; see
    docs/decisions/0006-search.md).
    """
    limit = COMMON_TERM_FRACTION * n_docs if n_docs >= COMMON_TERM_MIN_DOCS else float("inf")
    usable = [t for t in limit_terms(terms) if t.prefix or df(t) is not None]
    if not usable:
        return []
    rare = [t for t in usable if t.prefix or (df(t) or 0) <= limit]
    base = rare or usable
    by_word: dict[int, list[QueryTerm]] = {}
    for t in base:
        by_word.setdefault(t.source, []).append(t)
    every_word: Level = tuple(tuple(ts) for _s, ts in sorted(by_word.items()))
    any_word: Level = (tuple(base),)
    return [every_word] if every_word == any_word else [every_word, any_word]


def estimate_matches(level: Level, df: Callable[[QueryTerm], int | None], n_docs: int) -> int:
    """Return an upper bound of the documents a level matches (from document frequencies)."""
    bound = n_docs
    for group in level:
        bound = min(bound, sum((n_docs if t.prefix else (df(t) or 0)) for t in group))
    return bound


def pg_level_query(level: Level) -> str:
    """Return a ``to_tsquery('simple', ...)`` string: an AND of ORs."""
    return " & ".join(f"({pg_tsquery(g)})" for g in level)


def fts5_level_match(level: Level) -> str:
    """Return an FTS5 MATCH expression: an AND of ORs."""
    return " AND ".join(f"({fts5_match(g)})" for g in level)
