"""Analyze Finnish and Swedish text into search terms for the service catalogue.

One analyzer serves both sides:

* ``analyze`` turns a document text into index terms: the folded surface form of every word,
  its lemma (Finnish and/or Swedish), and the parts of compound words together with every
  contiguous run of parts ("vertaistukiryhmässä" -> vertaistukiryhma, vertais, tuki, ryhma,
  vertaistuki, tukiryhma).
* ``analyze_query`` turns a user query into weighted ``QueryTerm`` objects, drops stopwords and
  expands lay words with the domain thesaurus.

Every term is lowercase ASCII ``[a-z0-9]+`` (ä/å -> a, ö -> o), so queries typed without
diacritics still match, and so both the SQLite FTS5 ``unicode61`` tokenizer and PostgreSQL's
``simple`` text search configuration keep each term as exactly one token. Lemmatization runs
before folding because simplemma's dictionaries are keyed on the real spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import simplemma

from kumppani.catalogue.search.normalise import fold, is_stopword, tokenize
from kumppani.catalogue.search.thesaurus import expansions_for

__all__ = [
    "LANGS",
    "QueryTerm",
    "analyze",
    "analyze_query",
    "fold",
    "is_known_word",
    "is_stopword",
    "tokenize",
    "warm_up",
    "word_variants",
]

LANGS: tuple[str, ...] = ("fi", "sv")


MIN_PART_LEN = 3
# A known word is only split when every part is at least this long: known short words such as
# "kotona" must not be cut into dictionary noise ("koto" + "na").
MIN_PART_LEN_KNOWN_WORD = 4
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 12

# Finnish compound modifiers that are not dictionary words of their own. "-nen" adjectives and
# nouns take the stem "-s" in compounds (vertainen -> vertais-, omainen -> omais-); this list
# holds the frequent bound forms that the "-nen" rule cannot derive.
_FI_BOUND_MODIFIERS = frozenset(
    {"lähi", "etä", "esi", "itse", "yhteis", "kansain", "monikulttuuri", "mielenterveys"}
)
# Swedish compounds often join parts with a linking -s- (kamratstödsgrupp).
_SV_LINKERS = ("s",)


def _langs(lang: str | None) -> tuple[str, ...]:
    if lang in LANGS:
        return (lang,)
    return LANGS


@lru_cache(maxsize=200_000)
def _known(word: str, lang: str) -> bool:
    return simplemma.is_known(word, lang=lang)


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    return simplemma.lemmatize(word, lang=lang).lower()


def is_known_word(word: str, lang: str) -> bool:
    """True when ``word`` (lowercase, as typed) is a word of ``lang`` ("fi" or "sv") the
    lemmatizer's dictionary knows, in any inflected form."""
    return _known(word, lang)


def _is_modifier(part: str, lang: str) -> bool:
    """Return True when ``part`` can stand before another part of a compound word."""
    if len(part) < MIN_PART_LEN:
        return False
    if _known(part, lang):
        return True
    if lang == "fi":
        return part in _FI_BOUND_MODIFIERS or (
            part.endswith("s") and _known(part[:-1] + "nen", lang)
        )
    return False


def _is_head(part: str, lang: str) -> bool:
    """Return True when ``part`` can end a compound word (a known, possibly inflected, word)."""
    return len(part) >= MIN_PART_LEN and _known(part, lang)


def _part_lemma(part: str, lang: str) -> str:
    """Return the base form of a compound part ("omais" -> "omainen", "ryhmässä" -> "ryhmä")."""
    if lang == "fi" and part.endswith("s") and not _known(part, lang):
        nen = part[:-1] + "nen"
        if _known(nen, lang):
            return nen
    return _lemma(part, lang)


@lru_cache(maxsize=100_000)
def _split(word: str, lang: str, min_len: int) -> tuple[str, ...]:
    """Split ``word`` into the fewest known parts (each at least ``min_len`` long).

    Return an empty tuple when no split into two or more parts exists. Fewest parts wins, and
    among equals the split with the longest head, so "lähisuhdeväkivalta" becomes
    lähisuhde + väkivalta, not lähi + suhde + väki + valta.
    """
    n = len(word)
    if n < 2 * min_len:
        return ()
    # best[i] = the best split of word[i:] into parts ending with a head, as a tuple of parts.
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    for i in range(n - min_len, -1, -1):
        candidates: list[tuple[str, ...]] = []
        tail = word[i:]
        if i > 0 and _is_head(tail, lang):
            candidates.append((tail,))
        for j in range(i + min_len, n - min_len + 1):
            rest = best[j]
            if rest is None:
                continue
            part = word[i:j]
            if _is_modifier(part, lang):
                candidates.append((part, *rest))
            elif (
                lang == "sv"
                and part.endswith(_SV_LINKERS)
                and len(part) > min_len
                and _is_modifier(part[:-1], lang)
            ):
                candidates.append((part[:-1], *rest))
        if candidates:
            best[i] = min(candidates, key=lambda c: (len(c), -len(c[-1])))
    result = best[0]
    if result is None or len(result) < 2:
        return ()
    # A part may itself be a dictionary compound ("tukiryhmässä"): split it too, so that
    # every simple word of the compound becomes a term. Parts are shorter, so this ends.
    flat: list[str] = []
    for part in result:
        flat.extend(_split(part, lang, MIN_PART_LEN_KNOWN_WORD) or (part,))
    return tuple(flat)


@lru_cache(maxsize=200_000)
def word_variants(word: str, lang: str | None = None) -> tuple[str, ...]:
    """Return the folded index terms of one lowercase word, most specific first.

    The terms are the surface form, the lemma in each candidate language, the parts of a
    compound (each part also lemmatized) and every contiguous run of two or more parts whose
    last part is lemmatized (so "vertaistuki" matches "vertaistukiryhmässä").
    """
    out: dict[str, None] = {}

    def add(term: str) -> None:
        folded = fold(term)
        if folded.isalnum() and folded.isascii():
            out[folded] = None

    add(word)
    if word.isdigit():
        return tuple(out)
    for code in _langs(lang):
        lemma = _lemma(word, code)
        known = _known(word, code)
        if known or lemma != word:
            add(lemma)
        # A guessed (unknown) lemma is often a wrong cut; split only the word or a known lemma.
        bases = (word, lemma) if _known(lemma, code) else (word,)
        for base in dict.fromkeys(bases):
            min_len = MIN_PART_LEN_KNOWN_WORD if _known(base, code) else MIN_PART_LEN
            parts = _split(base, code, min_len)
            if not parts:
                continue
            lemmas = [_part_lemma(p, code) for p in parts]
            for p, lem in zip(parts, lemmas, strict=True):
                add(p)
                add(lem)
            # Contiguous runs of parts: modifier surface forms + lemmatized head.
            for i in range(len(parts)):
                for j in range(i + 2, len(parts) + 1):
                    add("".join(parts[i : j - 1]) + lemmas[j - 1])
    return tuple(out)


def analyze(text: str, lang: str | None = None) -> list[str]:
    """Return the index terms of ``text``: per word its surface form, lemmas and compound parts.

    ``lang`` is "fi" or "sv" when the language of the text is known; otherwise both
    lemmatizers are tried. Stopwords are kept out of the index as they never match a query.
    """
    terms: list[str] = []
    for word in tokenize(text):
        terms.extend(_index_terms(word, lang))
    return terms


@lru_cache(maxsize=200_000)
def _index_terms(word: str, lang: str | None) -> tuple[str, ...]:
    # Per word, cached: indexing analyzes the same few thousand words again and again.
    return () if is_stopword(word) else word_variants(word, lang)


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One term of an analyzed query.

    ``weight`` orders terms by how much they say about the user's intent: the word as typed
    and its lemma (1.0) > compound parts (0.6) > thesaurus expansions (0.5). ``source`` is the
    index of the query word the term came from, so a caller can require or count words.
    ``kind`` is one of "word", "part", "synonym", "correction". ``prefix`` asks the backend for
    a prefix match (used for long words the lemmatizer does not know).
    """

    term: str
    weight: float = 1.0
    kind: str = "word"
    source: int = 0
    prefix: bool = False


WEIGHT_WORD = 1.0
WEIGHT_PART = 0.6
WEIGHT_SYNONYM = 0.5
# Long unknown words get a prefix of this many characters: enough to stay specific, short
# enough to bridge an inflection ending the lemmatizer does not know.
PREFIX_MIN_WORD_LEN = 8
PREFIX_LEN = 7


def _query_word_terms(word: str, lang: str | None, source: int) -> list[QueryTerm]:
    variants = word_variants(word, lang)
    surface = fold(word)
    langs = _langs(lang)
    lemmas = {fold(_lemma(word, code)) for code in langs}
    full = {surface} | lemmas
    terms: list[QueryTerm] = []
    for v in variants:
        kind = "word" if v in full else "part"
        weight = WEIGHT_WORD if kind == "word" else WEIGHT_PART
        terms.append(QueryTerm(v, weight, kind, source))
    unknown = not any(_known(word, code) for code in langs) and lemmas <= {surface}
    if unknown and len(surface) >= PREFIX_MIN_WORD_LEN and surface.isalpha():
        terms.append(QueryTerm(surface[:PREFIX_LEN], WEIGHT_PART, "part", source, True))
    return terms


def content_words(q: str) -> tuple[str, ...]:
    """The words of a query that count, numbered as its terms' ``source``."""
    words = tokenize(q[:MAX_QUERY_CHARS])
    return tuple([w for w in words if not is_stopword(w)][:MAX_QUERY_WORDS])


def analyze_query(q: str, lang: str | None = None) -> list[QueryTerm]:
    """Return the weighted terms of a user query, deduplicated, highest weight first.

    Stopwords are dropped (unless the query has nothing else), each word contributes its
    surface form, lemmas and compound parts, and the thesaurus adds lay-word and
    cross-language synonyms at a lower weight. An empty list means "no text condition".
    """
    words = content_words(q)
    best: dict[tuple[str, bool], QueryTerm] = {}

    def keep(t: QueryTerm) -> None:
        key = (t.term, t.prefix)
        if key not in best or best[key].weight < t.weight:
            best[key] = t

    keys_per_word: list[set[str]] = []
    for i, word in enumerate(words):
        terms = _query_word_terms(word, lang, i)
        for t in terms:
            keep(t)
        keys_per_word.append({t.term for t in terms if not t.prefix})
    for i, keys in enumerate(keys_per_word):
        nxt = keys_per_word[i + 1] if i + 1 < len(keys_per_word) else set()
        for syn in expansions_for(keys, nxt):
            for v in _synonym_terms(syn, lang):
                keep(QueryTerm(v, WEIGHT_SYNONYM, "synonym", i))
    return sorted(best.values(), key=lambda t: (-t.weight, t.source, t.term))


@lru_cache(maxsize=10_000)
def _synonym_terms(phrase: str, lang: str | None) -> tuple[str, ...]:
    """Return the index terms of a thesaurus entry (a word or a short phrase)."""
    out: dict[str, None] = {}
    for word in tokenize(phrase):
        if is_stopword(word):
            continue
        # The entry is already a base form; its lemma in the other language would add noise.
        out[fold(word)] = None
    return tuple(out)


def warm_up() -> None:
    """Load the Finnish and Swedish lemmatizer dictionaries now (they take seconds to load).

    Call once per worker process at start-up so that the first search is not slow.
    """
    for code in LANGS:
        _known("vertaistukiryhmä", code)
        _lemma("ryhmässä", code)


def synonym_terms(phrase: str, lang: str | None = None) -> tuple[str, ...]:
    """Return the index terms of a thesaurus entry, as a query expanded with it holds them."""
    return _synonym_terms(phrase, lang)
