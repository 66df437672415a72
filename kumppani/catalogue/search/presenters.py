"""Show a service in the reader's language, falling back to another one (and saying which)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from kumppani.core.languages import fallback_order


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    language: str  # the language the text is in
    is_fallback: bool  # not in the reader's language


def in_language(obj: object, field: str, language: str | None = None) -> Text:
    """Return ``field`` of ``obj`` in ``language`` or the first other language that has it."""
    language = language or get_language() or "fi"
    language = language.split("-")[0]
    for code in fallback_order(language):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return Text(str(value), code, code != language)
    return Text(str(getattr(obj, field, "") or ""), language, False)
