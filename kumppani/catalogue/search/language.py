"""Which language a query is written in, and which language it asks the service to be held in.

General rules only: a word such as "ruotsinkielinen", "ruotsiksi", "svenskspråkig",
"på svenska" or "in English" is a request for the language, not a topic, so it is taken out of
the text query and turned into a ranking boost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kumppani.catalogue.search.analyzer import _known, fold, is_stopword, tokenize

# Language names as they start a Finnish "-nkielinen"/"-ksi"/"-lla" word, a Swedish
# "-språkig"/"-a" word or an English adjective; folded (no diacritics).
_FI_STEMS = {
    "ruotsi": "sv",
    "suome": "fi",
    "suomi": "fi",
    "englanti": "en",
    "englanni": "en",
    "arabia": "ar",
    "venaja": "ru",
    "viro": "et",
    "somali": "so",
    "ukraina": "uk",
    "persia": "fa",
    "kurdi": "ku",
    "saame": "se",
    "ranska": "fr",
    "saksa": "de",
    "espanja": "es",
    "turki": "tr",
    "thai": "th",
    "kiina": "zh",
    "dari": "fa",
}
_SV_STEMS = {
    "svensk": "sv",
    "finsk": "fi",
    "engelsk": "en",
    "arabisk": "ar",
    "rysk": "ru",
    "estnisk": "et",
    "somalisk": "so",
    "ukrainsk": "uk",
    "persisk": "fa",
    "kurdisk": "ku",
    "samisk": "se",
    "fransk": "fr",
    "tysk": "de",
    "spansk": "es",
    "turkisk": "tr",
}
_EN_WORDS = {
    "swedish": "sv",
    "finnish": "fi",
    "english": "en",
    "arabic": "ar",
    "russian": "ru",
    "estonian": "et",
    "somali": "so",
    "ukrainian": "uk",
    "persian": "fa",
    "kurdish": "ku",
    "sami": "se",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "turkish": "tr",
}
_FI_RE = re.compile(
    r"^(" + "|".join(sorted(_FI_STEMS, key=len, reverse=True)) + r")n?(n?kiel\w*|ksi|lla)$"
)
_SV_RE = re.compile(
    r"^(" + "|".join(sorted(_SV_STEMS, key=len, reverse=True)) + r")(sprakig\w*|a)$"
)


@dataclass(frozen=True, slots=True)
class QueryLanguage:
    text: str  # the query without the words that request a language
    written_in: str | None  # "fi", "sv" or None when unclear
    requested: str | None  # a language code the query asks the activity to be held in


def requested_language(word: str, previous: str = "") -> str | None:
    """Return the language code a folded word asks for ("ruotsinkielinen" -> "sv")."""
    m = _FI_RE.match(word)
    if m:
        return _FI_STEMS[m.group(1)]
    m = _SV_RE.match(word)
    if m and (m.group(2) != "a" or previous == "pa"):
        return _SV_STEMS[m.group(1)]
    if m and m.group(2) != "a":
        return _SV_STEMS[m.group(1)]
    if word in _EN_WORDS and previous in ("in", "", "speaking"):
        return _EN_WORDS[word]
    return None


def detect(q: str, default: str | None = None) -> QueryLanguage:
    """Split language requests off ``q`` and guess the language it is written in."""
    words = tokenize(q[:500])
    kept: list[str] = []
    requested: str | None = None
    previous = ""
    for word in words:
        folded = fold(word)
        code = requested_language(folded, previous)
        if code and requested is None:
            requested = code
            if previous in ("pa", "in") and kept:
                kept.pop()  # the preposition belongs to the request
        else:
            kept.append(word)
        previous = folded
    fi = sv = 0
    for word in kept:
        if is_stopword(word) and not word.isalpha():
            continue
        known_fi, known_sv = _known(word, "fi"), _known(word, "sv")
        if known_fi and not known_sv:
            fi += 1
        elif known_sv and not known_fi:
            sv += 1
        elif is_stopword(word):
            # Function words tell the language apart well ("för", "efter", "ja", "kanssa").
            fi += word in _FI_HINTS
            sv += word in _SV_HINTS
    if fi > sv:
        written: str | None = "fi"
    elif sv > fi:
        written = "sv"
    else:
        written = default if default in ("fi", "sv") else None
    return QueryLanguage(" ".join(kept), written, requested)


_FI_HINTS = frozenset(["ja", "tai", "kanssa", "ilman", "varten", "jälkeen", "ennen", "on", "ei"])
_SV_HINTS = frozenset(
    ["och", "eller", "med", "utan", "för", "efter", "före", "är", "inte", "på", "av", "till"]
)
