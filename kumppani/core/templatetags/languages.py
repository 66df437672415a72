"""Content in the reader's language, and languages, dates and numbers as the reader writes
them: ``{% load languages %}``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template

from kumppani.core import languages

register = template.Library()


@register.simple_tag
def translated(obj: Any, field: str) -> languages.Translated:
    """``{% translated service "name" as name %}``: the text, its language and whether it
    fell back (mark it with ``lang="{{ name.language }}"`` and ``name.note``)."""
    return languages.translated(obj, field)


@register.filter
def language_name(code: str) -> str:
    """``{{ "fi"|language_name }}`` → suomi / finska / Finnish."""
    return languages.language_name(str(code))


@register.filter
def in_language(code: str) -> str:
    """``{{ "fi"|in_language }}`` → suomeksi / på finska / in Finnish."""
    return languages.in_language(str(code))


@register.filter
def local_date(value: date | datetime | None, style: str = "short") -> str:
    """``{{ value|local_date }}`` → 3.12.2026; ``{{ value|local_date:"long" }}`` → 3 december
    2026."""
    return languages.format_date(value, style)


@register.filter
def local_datetime(value: datetime | None, style: str = "short") -> str:
    """``{{ event.occurred_at|local_datetime }}`` → 3.12.2026 14.05."""
    return languages.format_datetime(value, style)


@register.filter
def local_time(value: datetime | None) -> str:
    """``{{ call.deadline|local_time }}`` → 23.59."""
    return languages.format_time(value)


@register.filter
def number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """``{{ value|number }}`` → 1 234,5."""
    return languages.format_number(value, decimals)


@register.filter
def euros(value: int | float | Decimal | None) -> str:
    """``{{ value|euros }}`` → 1 234,50 €."""
    return languages.format_euros(value)
