"""URL helpers for tests that compare a page with its English source text."""

from typing import Any

from django.urls import reverse
from django.utils import translation


def reverse_en(viewname: str, *args: Any, **kwargs: Any) -> str:
    """Reverse a language-prefixed URL under /en/, whatever language is active."""
    with translation.override("en"):
        return reverse(viewname, *args, **kwargs)
