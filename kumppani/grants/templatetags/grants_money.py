"""Template filters for the grants' money pages."""

from __future__ import annotations

from django import template

from ..banking import format_iban

register = template.Library()


@register.filter
def iban(value: str) -> str:
    """An IBAN in groups of four: {{ application.iban|iban }}."""
    return format_iban(str(value or ""))
