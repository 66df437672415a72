"""Words and their plain forms, shared by the analyzer and the thesaurus.

Text is split into words of letters and digits, folded to lowercase ASCII (ä -> a, ö -> o,
å -> a) and checked against the Finnish and Swedish stopwords.
"""

from __future__ import annotations

import re
import unicodedata

# Words are runs of letters and digits; hyphens and apostrophes split words so that
# "ruoka-apu" yields "ruoka" and "apu" on both the index and the query side.
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Longer tokens are almost certainly not words (hashes, URLs glued together); skip them so a
# pathological input cannot make the compound splitter quadratic on a huge string.
MAX_WORD_LEN = 40

_FOLD_TABLE = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ð": "d", "þ": "th"})

# Function words and very generic query words of Finnish and Swedish. They are compared with
# both the folded surface form and the folded lemma of a query word.
_STOPWORDS_FI = """
ja tai sekä mutta vaan kun jos että koska kuin niin myös vain vielä jo ei eikä en et emme
ette eivät olla olen olet on olemme olette ovat oli olivat ollut ole ollaan
minä sinä hän me te he se ne tämä tuo nämä nuo joka jotka mikä mitkä kuka ketkä
mitä missä mistä mihin milloin miten miksi kenelle keneltä kenen kenet mikä
minun sinun hänen meidän teidän heidän sen niiden tämän tuon oma omat itse
minulle sinulle hänelle meille teille heille minua sinua häntä meitä teitä heitä
minulla sinulla hänellä meillä teillä heillä
kanssa ilman ennen jälkeen aikana varten kautta luona luo mukaan yli alle ali
kohti vastaan ympäri välillä keskellä takia vuoksi lisäksi
voi voida voisi pitää pitäisi täytyy tarvita tarvitsee tarvitsen haluta haluan haluaisin
etsiä etsin etsitään löytää löytyy löytyykö saada saisi saako onko onkos mistä
apu apua avun jotain joku jokin jossain mitään kaikki kaikille muu muut paljon vähän
hyvä hyvin erittäin todella aina usein joskus nyt tänään kyllä
"""
_STOPWORDS_SV = """
och eller men utan om att som än så också bara ännu redan inte ej icke
vara är var varit blir bli blev har hade haft ha kan kunna kunde ska skall skulle vill
ville måste bör får få fick behöver behöva behov
jag du han hon vi ni de den det denna detta dessa vem vad var vart när hur varför vilken
vilka vilket mig dig honom henne oss er dem sig min mitt mina din ditt dina sin sitt sina
hans hennes vår vårt våra deras
i på av för till från med hos vid efter före under över mellan genom mot utan kring runt
enligt åt om bland
en ett någon något några ingen inget inga all alla allt annan annat andra mycket lite
hjälp hjälpa söker söka hitta finns finnas
bra väl mycket alltid ofta nu idag ja
"""
_STOPWORDS = frozenset(w.translate(_FOLD_TABLE) for w in (_STOPWORDS_FI + _STOPWORDS_SV).split())


def fold(text: str) -> str:
    """Return ``text`` lowercased with diacritics removed (ä -> a, ö -> o, å -> a)."""
    text = text.lower().translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLDED_STOPWORDS = frozenset(fold(w) for w in _STOPWORDS)


def is_stopword(word: str) -> bool:
    """Return True when ``word`` (any case, with or without diacritics) is a stopword."""
    return fold(word) in _FOLDED_STOPWORDS


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lowercase words (letters and digits), keeping diacritics."""
    return [w for w in _WORD_RE.findall(text.lower()) if len(w) <= MAX_WORD_LEN]
