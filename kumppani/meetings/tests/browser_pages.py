"""The meetings pages in the browser tests' table."""

from __future__ import annotations

from kumppani.testing.pages import PageCase

PAGES: list[PageCase] = []
EXEMPT_URL_NAMES: dict[str, str] = {}
