"""The error summary at the top of a form: ``{% load form_helpers %}``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms, template

from kumppani.core.forms import error_summary_items

register = template.Library()


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_: Any) -> dict[str, Any]:
    """``{% error_summary form %}``, or ``{% error_summary chooser editor.forms.values %}``
    for a page of several forms: one box listing every error, each linked to its field."""
    flat: list[forms.BaseForm] = []
    for item in forms_:
        if isinstance(item, forms.BaseForm):
            flat.append(item)
        elif isinstance(item, Iterable) and not isinstance(item, str):
            flat.extend(form for form in item if isinstance(form, forms.BaseForm))
    return {"items": error_summary_items(flat)}


@register.filter
def label(field: forms.BoundField) -> str:
    """``{{ field|label }}``: the field's label element, without a colon after the text."""
    return field.label_tag(label_suffix="")
