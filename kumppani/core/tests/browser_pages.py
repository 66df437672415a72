"""The core app's pages in the browser tests' table."""

from __future__ import annotations

from kumppani.testing.pages import PageCase, page_at

PAGES: list[PageCase] = [
    page_at("front", "core:front"),
]
