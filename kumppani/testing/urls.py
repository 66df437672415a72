"""URL helpers for tests: a page's address in a given language."""

from typing import Any

from django.urls import reverse
from django.utils import translation


def reverse_en(viewname: str, *args: Any, **kwargs: Any) -> str:
    """Reverse a language-prefixed URL under /en/, whatever language is active."""
    with translation.override("en"):
        return reverse(viewname, *args, **kwargs)


def url_in(language: str, name: str, *args: Any) -> str:
    """Reverse a URL name, with its positional ``args``, under the language's prefix."""
    with translation.override(language):
        return reverse(name, args=args)
