""" "Did you mean": the query again with its unknown words replaced by their corrections.

The analysis (``ranking.correct_terms``) adds, for a query word none of whose own forms is in
the index, the indexed terms one edit away; they rank. Whether to *offer* a corrected query is
decided here, word by word. A word is known, and kept as the user wrote it, when

* it is a word of the query's language (the lemmatizer's dictionary knows it),
* the thesaurus knows it, or
* its compound parts found in the index cover all of it ("stödgrupp": stöd + grupp).

Only unknown words with a correction are replaced; when there is none, nothing is offered.
The rest of the query (other words, function words, ä/ö/å, capitals) stays as typed. Index
terms are folded (ä -> a), so a correction is shown in a spelling seen in the indexed texts:
the word as one of the documents holding the term writes it ("stodgrupp" -> "stödgrupp").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kumppani.catalogue.models import Service
from kumppani.catalogue.search import backend, normalise, thesaurus
from kumppani.catalogue.search.analysis import ParsedQuery
from kumppani.catalogue.search.analyzer import LANGS, is_known_word
from kumppani.catalogue.search.backend import Kind
from kumppani.core.languages import content_languages

# How many documents holding a correction are read for its spelling.
SPELLING_SAMPLE = 5
# A folded letter and the letters it may stand for in a text.
_UNFOLD = {"a": "aäåáà", "o": "oöó", "u": "uü", "e": "eéè", "i": "ií"}
_TEXT_FIELDS = ("name", "summary", "description")


def suggestion(parsed: ParsedQuery, kind: Kind) -> str:
    """The query with each unknown word replaced by its best correction, or ""."""
    corrections: dict[int, list[str]] = {}
    for t in parsed.terms:
        if t.kind == "correction" and t.source < len(parsed.words):
            corrections.setdefault(t.source, []).append(t.term)
    if not corrections:
        return ""
    df = backend.document_frequencies(kind, [c for cs in corrections.values() for c in cs])
    replacements: dict[int, str] = {}
    for source, terms in corrections.items():
        if _is_known(parsed, source, kind):
            continue
        best = max(terms, key=lambda term: (df.get(term, 0), -len(term), term))
        replacements[source] = surface_form(kind, best)
    if not replacements:
        return ""
    return rewrite(parsed.text or " ".join(parsed.words), parsed.words, replacements)


def _is_known(parsed: ParsedQuery, source: int, kind: Kind) -> bool:
    word = parsed.words[source]
    langs = (parsed.written_in,) if parsed.written_in in LANGS else LANGS
    if any(is_known_word(word, lang) for lang in langs):
        return True
    own = [t for t in parsed.terms if t.source == source and not t.prefix]
    forms = {t.term for t in own if t.kind == "word"}
    if thesaurus.expansions_for(forms):
        return True
    parts = [t.term for t in own if t.kind == "part"]
    present = backend.document_frequencies(kind, parts)
    found = [p for p in parts if p in present]
    return bool(found) and any(_covers(form, found) for form in forms | {normalise.fold(word)})


def _covers(form: str, parts: Iterable[str]) -> bool:
    """True when the ``parts`` cover every letter of ``form``."""
    covered = [False] * len(form)
    for part in parts:
        at = form.find(part)
        while at >= 0:
            covered[at : at + len(part)] = [True] * len(part)
            at = form.find(part, at + 1)
    return bool(form) and all(covered)


def _pattern(term: str) -> re.Pattern[str]:
    letters = "".join(f"[{_UNFOLD[c]}]" if c in _UNFOLD else re.escape(c) for c in term)
    return re.compile(letters, re.IGNORECASE)


def surface_form(kind: Kind, term: str) -> str:
    """``term`` (folded) as the indexed texts write it: the commonest word of a few documents
    holding it that folds to it, else the commonest such start of a word (a lemma or a
    compound's first part), else such a part inside a word, else ``term``."""
    if kind != backend.SERVICES:
        return term
    pks = backend.holding(kind, term, SPELLING_SAMPLE)
    if not pks:
        return term
    fields = [f"{name}_{code}" for name in _TEXT_FIELDS for code in content_languages()]
    texts = [
        text
        for row in Service.objects.filter(pk__in=pks).values_list(*fields)
        for text in row
        if text
    ]
    pattern = _pattern(term)
    whole: Counter[str] = Counter()
    starts: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for text in texts:
        for word in normalise.tokenize(text):
            if normalise.fold(word) == term:
                whole[word] += 1
            elif (match := pattern.search(word)) is not None:
                (inside if match.start() else starts)[match.group(0)] += 1
    for seen in (whole, starts, inside):
        if seen:
            return seen.most_common(1)[0][0]
    return term


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def rewrite(text: str, words: tuple[str, ...], replacements: dict[int, str]) -> str:
    """``text`` with its ``words`` (its content words, in order) numbered as in ``words``
    replaced by ``replacements``; everything else stays as written."""
    out: list[str] = []
    end = 0
    i = 0
    for match in _WORD.finditer(text):
        if i >= len(words):
            break
        if match.group(0).lower() != words[i]:
            continue
        if i in replacements:
            out.append(text[end : match.start()])
            out.append(replacements[i])
            end = match.end()
        i += 1
    out.append(text[end:])
    return " ".join("".join(out).split())
