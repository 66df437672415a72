"""The core app's pages in the browser tests' table."""

from __future__ import annotations

from django.urls import reverse

from kumppani.testing.pages import PageCase

PAGES: list[PageCase] = [
    PageCase("front", "core:front", lambda f: reverse("core:front")),
]
