"""The last step of a ranked search: which results match the query, and which are only related.

The match levels (``ranking.match_levels``) fall back to any word of the query, so in a small
catalogue, or for a query whose words are rarely together, one shared word (a compound part, a
thesaurus neighbour, the organisation's name) makes a document a result. Here the best
``WINDOW`` ranked documents are judged by how much of the query each holds:

* each query word is a concept, weighed by its rarity (idf) in the index;
* a document holds a concept by the word itself (its lemma), a spelling correction, a
  thesaurus synonym (slightly less), or its compound parts (by the share of the word's letters
  they cover, as typed or in its base form), counted fully in the name, summary and
  description and less in the incidental fields (organisation, classification, areas);
* its coverage is the idf-weighted share of the concepts it holds.

A document is a *match* when its coverage is at least ``MIN_COVERAGE`` and its rank is at least
``MIN_RELATIVE_SCORE`` of the best such document's (or, ranked close to that best one, when it
holds at least ``NEAR_COVERAGE``). The other judged documents are only *related* ("other
activities you might be interested in"), best first by their share of the query and, less, by
their rank (``RELATED_RANK_FACTOR``): by rank alone, one that repeats a frequent word of the
query comes before one holding more of it. A thesaurus synonym much more common than the
word it stands for counts less (``SYNONYM_SPECIFICITY_POWER``). When no document holds
``MIN_COVERAGE`` of the query, nothing matches: the search says so and shows the related ones
apart. The corrected query ("did you mean") comes from ``spelling``. Nothing here knows any
word of any query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from kumppani.catalogue.search import backend, normalise, spelling, thesaurus
from kumppani.catalogue.search.analysis import ParsedQuery
from kumppani.catalogue.search.analyzer import QueryTerm, synonym_terms
from kumppani.catalogue.search.backend import Kind
from kumppani.catalogue.search.ranking import bm25_idf

# How many of the best ranked documents are judged; past them, the ranking's order stands.
WINDOW = 100
MIN_COVERAGE = 0.65
MIN_RELATIVE_SCORE = 0.15
# ... or, ranked close to the best, a smaller share of the query.
NEAR_COVERAGE = 0.35
NEAR_RELATIVE_SCORE = 0.35
# Related documents shown apart, at most; ordered by their share of the query plus this
# factor times their rank relative to the best match.
MAX_RELATED = 10
RELATED_RANK_FACTOR = 0.5
# How much a concept held in a field counts (name, summary, description, incidental fields).
FIELD_FACTORS = (1.0, 1.0, 0.95, 0.7)
# How much a concept held by another term than the word itself counts.
KIND_FACTORS = {"word": 1.0, "correction": 0.95, "synonym": 0.85}
# A concept held only by a synonym of one of its compound parts.
PART_SYNONYM_FACTOR = 0.4
# A concept held only by compound parts: the squared share of the word's letters, times this.
PART_FACTOR = 0.9
# A synonym much more common than the word it stands for ("tuki" for "kela") says less about
# it: its credit is scaled by (its idf / the word's idf) to this power, at most 1.
SYNONYM_SPECIFICITY_POWER = 0.5


@dataclass
class Judged:
    """The judged results of a ranked search."""

    matches: list[int] = field(default_factory=list)
    related: list[int] = field(default_factory=list)
    # True when nothing matched well: ``matches`` is empty and ``related`` is not.
    weak_only: bool = False
    # The query with corrected words ("did you mean"), or "" when nothing was corrected.
    did_you_mean: str = ""
    # {id: (share of the query held, rank relative to the best match)} of the judged ones.
    evidence: dict[int, tuple[float, float]] = field(default_factory=dict)


def match_quality(has_matches: bool, has_related: bool) -> str:
    """How a text search went, as the APIs say it: "matches", "related_only" or "none"."""
    if has_matches:
        return "matches"
    return "related_only" if has_related else "none"


def _holds(doc: Mapping[str, int], t: QueryTerm) -> int | None:
    """The first field of ``doc`` holding ``t`` (an index into ``FIELD_FACTORS``), or None."""
    if not t.prefix:
        return doc.get(t.term)
    found = [doc[term] for term in doc if term.startswith(t.term)]
    return min(found) if found else None


def _letters(surface: str, parts: Sequence[str]) -> float:
    """The share of ``surface``'s letters covered by the ``parts`` found in it."""
    if not surface:
        return 0.0
    covered = [False] * len(surface)
    for part in parts:
        at = surface.find(part)
        if at < 0 and len(part) > 4:
            at = surface.find(part[:-1])
            part = part[:-1]
        if at >= 0:
            for i in range(at, at + len(part)):
                covered[i] = True
    return sum(covered) / len(surface)


class _Concept:
    """One query word: its terms and its weight.

    A thesaurus synonym of the whole word (``whole``) counts as the word, slightly less; one
    of a compound part only as that part.
    """

    def __init__(
        self,
        surface: str,
        terms: list[QueryTerm],
        weight: float,
        whole: set[str],
        specificity: dict[str, float] | None = None,
    ) -> None:
        self.surface = surface
        # The word's own forms (its lemmas), as index terms.
        self.forms = sorted(
            {t.term for t in terms if t.kind == "word" and not t.prefix} - {surface}
        )
        self.terms = [
            t if t.kind != "synonym" or t.term in whole else replace(t, kind="part_synonym")
            for t in terms
        ]
        self.weight = weight
        # {synonym term: how specific it is, 0..1} (see ``SYNONYM_FULL_IDF``).
        self.specificity = specificity or {}

    def held(self, doc: Mapping[str, int]) -> float:
        best = 0.0
        parts: dict[str, float] = {}
        for t in self.terms:
            where = _holds(doc, t)
            if where is None:
                continue
            factor = FIELD_FACTORS[where]
            if t.kind == "part":
                parts[t.term] = max(parts.get(t.term, 0.0), factor)
            elif t.kind == "part_synonym":
                best = max(best, PART_SYNONYM_FACTOR * factor)
            elif t.kind == "synonym":
                specific = self.specificity.get(t.term, 1.0)
                best = max(best, KIND_FACTORS["synonym"] * factor * specific)
            else:
                best = max(best, KIND_FACTORS.get(t.kind, 1.0) * factor)
        if parts and self.surface:
            # Over the word as typed or its base form, whichever the parts cover better: an
            # inflected compound ("vauvaperheille") is not penalised for its case ending.
            share = max(_letters(form, list(parts)) for form in (self.surface, *self.forms))
            # Squared: half of a compound (often its generic head, "-grupp") says little.
            best = max(best, PART_FACTOR * share * share * min(parts.values()))
        return best


def _concepts(parsed: ParsedQuery, words: list[str], kind: Kind) -> list[_Concept]:
    n_docs = max(1, backend.document_count(kind))
    df = backend.document_frequencies(kind, [t.term for t in parsed.terms if not t.prefix])
    by_source: dict[int, list[QueryTerm]] = {}
    for t in parsed.terms:
        by_source.setdefault(t.source, []).append(t)
    own_forms = {
        source: {t.term for t in terms if t.kind in ("word", "correction") and not t.prefix}
        for source, terms in by_source.items()
    }
    concepts = []
    for source, terms in sorted(by_source.items()):
        known = [t for t in terms if t.prefix or t.term in df]
        if not known:
            continue  # a word the index does not hold cannot tell results apart
        own = [df[t.term] for t in known if not t.prefix and t.kind in ("word", "correction")]
        frequency = min(own) if own else min(df.get(t.term, n_docs) for t in known)
        weight = max(0.1, bm25_idf(frequency, n_docs))
        surface = normalise.fold(words[source]) if source < len(words) else ""
        entries = thesaurus.expansions_for(own_forms[source], own_forms.get(source + 1, ()))
        whole = {term for entry in entries for term in synonym_terms(entry, parsed.written_in)}
        specificity = {
            t.term: min(1.0, bm25_idf(df[t.term], n_docs) / weight) ** SYNONYM_SPECIFICITY_POWER
            for t in known
            if t.kind == "synonym" and not t.prefix
        }
        concepts.append(_Concept(surface, terms, weight, whole, specificity))
    return concepts


def _related(ids: list[int], evidence: dict[int, tuple[float, float]]) -> list[int]:
    """The best ``MAX_RELATED`` of the documents that did not match, by how much of the query
    each holds and, less, by its rank: the rank alone favours a document that repeats one
    frequent word of the query over one holding more of it."""
    order = {pk: i for i, pk in enumerate(ids)}

    def worth(pk: int) -> tuple[float, int]:
        share, relative = evidence[pk]
        return (share + RELATED_RANK_FACTOR * min(1.0, relative), -order[pk])

    return sorted(ids, key=worth, reverse=True)[:MAX_RELATED]


def judge(parsed: ParsedQuery, kind: Kind, ids: Sequence[int], scores: Sequence[float]) -> Judged:
    """Split ranked ``ids`` (best first, with their ``scores``) into matches and related."""
    words = list(parsed.words)
    suggestion = spelling.suggestion(parsed, kind)
    if not ids:
        return Judged(did_you_mean=suggestion)
    judged_ids = list(ids[:WINDOW])
    concepts = _concepts(parsed, words, kind)
    total_weight = sum(c.weight for c in concepts)
    if not concepts or total_weight <= 0:
        return Judged(matches=list(ids), did_you_mean=suggestion)
    docs = backend.field_terms(kind, judged_ids)
    coverage = {
        pk: sum(c.weight * c.held(docs.get(pk, {})) for c in concepts) / total_weight
        for pk in judged_ids
    }
    score = dict(zip(judged_ids, scores, strict=False))
    # Without one document holding most of the query, nothing matches: all are related.
    best = max(
        (score.get(pk, 0.0) for pk in judged_ids if coverage[pk] >= MIN_COVERAGE), default=0.0
    )
    covered = [pk for pk in judged_ids if coverage[pk] >= min(MIN_COVERAGE, NEAR_COVERAGE)]

    def matches_query(pk: int) -> bool:
        share, relative = coverage[pk], score.get(pk, 0.0) / best if best > 0 else 0.0
        return (share >= MIN_COVERAGE and relative >= MIN_RELATIVE_SCORE) or (
            share >= NEAR_COVERAGE and relative >= NEAR_RELATIVE_SCORE
        )

    matches = [pk for pk in covered if matches_query(pk)]
    chosen = set(matches)
    top = best or max(score.values(), default=0.0) or 1.0
    evidence = {pk: (coverage[pk], score.get(pk, 0.0) / top) for pk in judged_ids}
    related = _related([pk for pk in judged_ids if pk not in chosen], evidence)
    if len(ids) > WINDOW and judged_ids[-1] in chosen:
        matches += list(ids[WINDOW:])  # every judged one matched: the rest follow the ranking
    return Judged(matches, related, not matches and bool(related), suggestion, evidence)
