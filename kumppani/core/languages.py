"""Content languages: which there are, how a text falls back, how names sort, and how
languages, dates and numbers are written for a reader.

Content (an organisation's name, an activity's description) is kept per language in
``<field>_fi``, ``<field>_sv`` and ``<field>_en`` columns. A reader sees their own language
and, where that is empty, the first language of the fallback order that has a text; pages
mark such a text with its language. Every app uses these functions rather than its own list
of language codes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_time as babel_format_time
from babel.dates import get_datetime_format
from babel.numbers import format_currency as babel_format_currency
from babel.numbers import format_decimal as babel_format_decimal
from django.conf import settings
from django.db.models import CharField, Expression, F, Func, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# How a language's texts are written in Finland (dates "3.12.2026", numbers "1 234,5").
_BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}

# "in Finnish": how a page says which language a fallback text is in.
_IN_LANGUAGE = {"fi": _("in Finnish"), "sv": _("in Swedish"), "en": _("in English")}
# Languages the CLDR data in babel does not name.
_OTHER_LANGUAGE_NAMES = {
    "fse": _("Finnish Sign Language"),
    "fss": _("Finland-Swedish Sign Language"),
}
_FALLBACK_NOTES = {
    "fi": _("This text is in Finnish."),
    "sv": _("This text is in Swedish."),
    "en": _("This text is in English."),
}


def content_languages() -> tuple[str, ...]:
    """The languages content is kept in, in the site's order (fi, sv, en)."""
    return tuple(code for code, _name in settings.LANGUAGES)


def current_language() -> str:
    """The reader's language: the active one if it is a content language, else the default."""
    language = (translation.get_language() or "")[:2]
    return language if language in content_languages() else settings.LANGUAGE_CODE


def fallback_order(language: str | None = None) -> tuple[str, ...]:
    """The reader's language first, then the site's fallback order (settings)."""
    language = language or current_language()
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get("default", ())
    order = [language, *fallbacks, *content_languages()]
    return tuple(dict.fromkeys(code for code in order if code in content_languages()))


@dataclass(frozen=True)
class Translated:
    """A text in the language it was found in; ``fell_back`` when that is not the reader's."""

    text: str
    language: str
    fell_back: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def note(self) -> str:
        """ "This text is in Finnish." in the reader's language, for a fallback text."""
        return str(_FALLBACK_NOTES.get(self.language, "")) if self.fell_back else ""


def translated(obj: Any, field: str, language: str | None = None) -> Translated:
    """The field of ``obj`` in the reader's language, or in the first fallback that has it."""
    order = fallback_order(language)
    for code in order:
        text = getattr(obj, f"{field}_{code}", None)
        if text:
            return Translated(str(text), code, code != order[0])
    return Translated("", order[0], False)


def texts_by_language(obj: Any, field: str) -> dict[str, str]:
    """Every language's text of the field, empty ones left out, in the site's order."""
    return {
        code: str(text)
        for code in content_languages()
        if (text := getattr(obj, f"{field}_{code}", None))
    }


def has_text(obj: Any, field: str) -> bool:
    """Whether the field has a text in at least one language."""
    return bool(texts_by_language(obj, field))


def translated_expression(field: str, language: str | None = None) -> Coalesce:
    """The database expression of the field in the reader's language with fallback."""
    return Coalesce(
        *(NullIf(F(f"{field}_{code}"), Value("")) for code in fallback_order(language)),
        Value(""),
        output_field=CharField(),
    )


def collation_name(vendor: str, language: str) -> str:
    """The collation that sorts the language's words on a database backend."""
    if vendor == "postgresql":
        return f"{language}-x-icu"  # ICU's collations, built into PostgreSQL
    return f"kumppani_{language}"  # ours, registered on each SQLite connection


class Collated(Func):
    """An expression sorted as the language sorts words (in Swedish å, ä, ö after z): the
    collation is chosen for the database the query runs on."""

    template = "%(expressions)s COLLATE %(collation)s"

    def __init__(self, expression: Expression | str, *, language: str | None = None) -> None:
        super().__init__(F(expression) if isinstance(expression, str) else expression)
        self.language = language or current_language()

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> Any:
        extra_context["collation"] = connection.ops.quote_name(
            collation_name(connection.vendor, self.language)
        )
        return super().as_sql(compiler, connection, **extra_context)


def translated_ordering(field: str, *, language: str | None = None) -> Collated:
    """Order by the field in the reader's language, with fallback and that language's
    collation: ``queryset.order_by(translated_ordering("name"), "id")``."""
    language = language or current_language()
    return Collated(translated_expression(field, language), language=language)


# --- SQLite collations ---------------------------------------------------------------------

# Letters that Finnish and Swedish sort after z (å, ä, ö), and their Danish and Norwegian
# twins, which sort with them; ü sorts as y. English folds them to their base letters.
_NORDIC = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}
_ENGLISH = {"æ": "ae", "ø": "o"}


def sort_key(text: str, language: str) -> tuple[str, str]:
    """A sort key close to the Unicode CLDR collation of the language (fi, sv or en):
    case and other accents ignored at first, then compared to break ties."""
    folded = unicodedata.normalize("NFC", text.casefold())
    special = _NORDIC if language in ("fi", "sv") else _ENGLISH
    primary = []
    for char in folded:
        if char in special:
            primary.append(special[char])
            continue
        base = unicodedata.normalize("NFD", char)[0]
        primary.append(base)
    return "".join(primary), folded + "\x00" + text


def _compare(language: str) -> Any:
    def compare(first: str | None, second: str | None) -> int:
        a, b = sort_key(first or "", language), sort_key(second or "", language)
        return (a > b) - (a < b)

    return compare


def register_sqlite_collations(connection: Any) -> None:
    """Give an SQLite connection a ``kumppani_<language>`` collation per content language
    (PostgreSQL has ICU's collations built in)."""
    for language in content_languages():
        connection.create_collation(collation_name("sqlite", language), _compare(language))


# --- Writing languages, dates and numbers -------------------------------------------------


def _locale(language: str | None = None) -> str:
    return _BABEL_LOCALES.get(language or current_language(), "fi_FI")


def language_name(code: str, language: str | None = None) -> str:
    """A language's name in the reader's language, as written in running text ("suomi",
    "finska", "Finnish"); an unknown code is returned as it is."""
    if code in _OTHER_LANGUAGE_NAMES:
        return str(_OTHER_LANGUAGE_NAMES[code])
    try:
        name = Locale.parse(_locale(language)).languages.get(code.split("-")[0].lower())
    except (ValueError, UnknownLocaleError):
        name = None
    return name or code


def language_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, name) choices for a form, names capitalised as in a list ("Suomi")."""
    return [(code, capfirst(language_name(code))) for code in codes]


def in_language(code: str) -> str:
    """ "in Finnish" in the reader's language ("suomeksi", "på finska"), for saying which
    language a fallback text is in; other languages by name."""
    if code in _IN_LANGUAGE:
        return str(_IN_LANGUAGE[code])
    return language_name(code)


def format_date(value: date | datetime | None, style: str = "short") -> str:
    """A date as the reader writes it: ``short`` 3.12.2026, ``long`` 3 december 2026."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return babel_format_date(value, style, locale=_locale())


def format_datetime(value: datetime | None, style: str = "short") -> str:
    """A moment in the site's time zone as the reader writes it: ``short`` 3.12.2026 14.05."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    if style == "short":
        return babel_format_datetime(value, style, locale=_locale())
    # Longer styles write the date in that style and the time to the minute: babel's own
    # would add seconds, and a time zone name for a time it takes to be UTC.
    locale = _locale()
    length: Literal["full", "long", "medium"] = (
        "full" if style == "full" else "long" if style == "long" else "medium"
    )
    return (
        str(get_datetime_format(length, locale=locale))
        .replace("'", "")
        .replace("{0}", babel_format_time(value, "short", locale=locale))
        .replace("{1}", babel_format_date(value, length, locale=locale))
    )


def format_time(value: datetime | None) -> str:
    """The time of a moment in the site's time zone as the reader writes it: 23.59."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    return babel_format_time(value, "short", locale=_locale())


def format_number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """A number as the reader writes it (1 234,5)."""
    if value is None:
        return ""
    pattern = None if decimals is None else "#,##0." + "0" * decimals if decimals else "#,##0"
    return babel_format_decimal(value, format=pattern, locale=_locale())


def format_euros(value: int | float | Decimal | None) -> str:
    """An amount of money in euros as the reader writes it (1 234,50 €)."""
    if value is None:
        return ""
    return babel_format_currency(value, "EUR", locale=_locale())
