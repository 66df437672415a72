"""Show catalogue texts in the reader's language, saying so when another one stands in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

register = template.Library()

LANGUAGE_ORDER = ("fi", "sv", "en")
# "This text is in Finnish", in the reader's language, for each fallback language.
FALLBACK_NOTES = {
    "fi": _("This text is in Finnish."),
    "sv": _("This text is in Swedish."),
    "en": _("This text is in English."),
}


@dataclass(frozen=True)
class TranslatedText:
    text: str
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    @property
    def note(self) -> str:
        return str(FALLBACK_NOTES.get(self.lang, "")) if self.is_fallback else ""


def pick(obj: Any, field: str, language: str | None = None) -> TranslatedText:
    """The field in the language, else the first of fi, sv, en that has text."""
    language = (language or translation.get_language() or "fi")[:2]
    order = [language] + [code for code in LANGUAGE_ORDER if code != language]
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return TranslatedText(str(value), code, code != language)
    return TranslatedText("", language, False)


@register.simple_tag
def translated(obj: Any, field: str) -> TranslatedText:
    return pick(obj, field)


@register.filter
def map_url(location: Any) -> str:
    """A plain link to OpenStreetMap at the location's coordinates."""
    if location.latitude is None or location.longitude is None:
        return ""
    lat, lon = location.latitude, location.longitude
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
