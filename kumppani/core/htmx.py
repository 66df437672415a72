"""Pages that htmx updates in part: the whole page, or only the fragment it asks for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

# The same URL answers with a page or a fragment: caches must tell the two apart. A history
# restore (htmx reloading a page it has no copy of) also sends HX-Request, and wants the page.
VARY_HEADERS = ("HX-Request", "HX-History-Restore-Request")


def wants_fragment(request: HttpRequest) -> bool:
    """Whether htmx asks for a part of the page (not the whole page to restore history)."""
    htmx = getattr(request, "htmx", None)  # set by django-htmx's middleware
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """Mark a response that depends on whether htmx asked for it."""
    patch_vary_headers(response, VARY_HEADERS)
    return response


def render_fragment_or_page(
    request: HttpRequest,
    page_template: str,
    fragment_template: str,
    context: Mapping[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """Render the fragment for an htmx request, else the whole page (which includes the
    fragment); either way with ``Vary: HX-Request``."""
    template = fragment_template if wants_fragment(request) else page_template
    return vary_on_htmx(render(request, template, dict(context), status=status))
