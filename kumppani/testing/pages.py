"""The page table every app keeps for the browser tests (axe in Finnish and Swedish, reflow
at 320 px): each app lists its pages in ``<app>/tests/browser_pages.py`` as ``PAGES`` (and,
for URLs that are not HTML pages, ``EXEMPT_URL_NAMES`` with the reason);
``core/tests/browser/test_pages.py`` collects the tables of every installed app and checks
that no page escapes them."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from playwright.sync_api import Page


class Fixtures:
    """Lazy access to pytest fixtures by attribute: `f.org_x` requests the org_x fixture.

    A setup function may also keep objects it makes for the URL builders: `f.service = ...`.
    """

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def __getattr__(self, name: str) -> Any:
        return self._request.getfixturevalue(name)


def nothing(f: Fixtures) -> None:
    """Only what the persona and organisation fixtures that a row asks for create."""


@dataclass(frozen=True)
class PageCase:
    id: str
    url_name: str
    url: Callable[[Fixtures], str]
    persona: str | None = None
    setup: Callable[[Fixtures], None] = field(default=nothing)
    status: int = 200
    # What to do on the page before checking it, such as submitting a form to show errors.
    then: Callable[[Page], None] | None = None


def submit_main_form_empty(page: Page) -> None:
    """Clear the POST form in main and submit it, to check the page with its errors."""
    form = page.locator("main form[method=post]").last
    for field_ in form.locator("input[type=text], input[type=email], input[type=password]").all():
        field_.fill("")
    with page.expect_navigation():
        form.locator("button[type=submit], button:not([type])").last.click()


def detail(name: str, attribute: str) -> Callable[[Fixtures], str]:
    """A URL builder for a page of one object: ``detail("organisations:detail", "org_x")``."""
    return lambda f: reverse(name, args=[getattr(f, attribute).public_id])


def page_at(id: str, url_name: str, query: str = "", **options: Any) -> PageCase:
    """A row for a page whose URL takes no arguments: ``page_at("organisations:list", "?page=2",
    persona="alice")`` checks the list's second page as alice sees it."""
    return PageCase(id, url_name, lambda f: reverse(url_name) + query, **options)


def page_of(id: str, url_name: str, attribute: str, **options: Any) -> PageCase:
    """A row for the page of one object: ``page_of("org-edit", "organisations:edit", "org_x",
    persona="bob")`` checks org_x's edit page as bob sees it."""
    return PageCase(id, url_name, detail(url_name, attribute), **options)


def and_with_errors(case: PageCase, errors_id: str = "") -> list[PageCase]:
    """The row, and a row for the same page after its main form was sent empty (the id
    ``<id>-with-errors`` unless given)."""
    variant = replace(case, id=errors_id or f"{case.id}-with-errors", then=submit_main_form_empty)
    return [case, variant]


def page_table_modules() -> list[ModuleType]:
    """Every installed app's ``tests.browser_pages`` module, in the apps' order."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kumppani."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.tests.browser_pages"))
        except ModuleNotFoundError as error:
            if error.name not in (f"{config.name}.tests", f"{config.name}.tests.browser_pages"):
                raise
    return modules


def collected_pages() -> list[PageCase]:
    return [case for module in page_table_modules() for case in module.PAGES]


def collected_exemptions() -> dict[str, str]:
    exempt: dict[str, str] = {}
    for module in page_table_modules():
        exempt.update(getattr(module, "EXEMPT_URL_NAMES", {}))
    return exempt
