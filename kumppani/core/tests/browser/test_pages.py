"""Every page passes axe (WCAG 2.1 A and AA) in Finnish and Swedish, and reflows at 320 px.

Each app keeps the table of its pages in ``<app>/tests/browser_pages.py``; this module
collects them (`kumppani.testing.pages`). `test_every_page_url_is_in_the_table` fails when a
GET page is added without a row, so no page escapes the check.

Rows that share a data setup run in one test on one database; the terminal summary prints
the result of every page × language (`fi@320`: Finnish at 320 px wide).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, Page

from kumppani.testing.pages import Fixtures, PageCase, collected_exemptions, collected_pages

from .harness import describe_violations, finish_axe, sign_in_context, start_axe

LANGUAGES = ["fi", "sv"]
NARROW_WIDTH = 320
# The narrow layout is checked with axe once, in Finnish (the longest words): scrolling
# regions and reflowed controls differ from the wide layout.
NARROW_AXE_LANGUAGE = "fi"

PAGES: list[PageCase] = collected_pages()
EXEMPT_URL_NAMES: dict[str, str] = collected_exemptions()

# Results of the axe runs, printed at the end of the session by conftest.py.
AXE_RESULTS: list[tuple[str, str, int]] = []

# Cases that share a data setup run in one test, on one database: a transactional test
# with serialized rollback costs about a second to set up and tear down.
SETUPS: list[Callable[[Fixtures], None]] = list(dict.fromkeys(case.setup for case in PAGES))


def check_page(case: PageCase, fixtures: Fixtures, browser: Browser, site_url: str) -> list[str]:
    """Load the page in each language in its own context and return what is wrong with it.

    Each language gets its own browser context, and so its own renderer process: axe runs
    for both languages at the same time.
    """
    problems: list[str] = []
    loaded: list[tuple[str, str, BrowserContext, Page]] = []
    for language in LANGUAGES:
        context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 800})
        if case.persona:
            sign_in_context(context, getattr(fixtures, case.persona), site_url)
        page = context.new_page()
        with translation.override(language):
            url = case.url(fixtures)
        response = page.goto(url)
        if response is None or response.status != case.status:
            status = response.status if response is not None else "no response"
            problems.append(f"{url}: HTTP {status}, expected {case.status}")
            AXE_RESULTS.append((case.id, language, -1))
            context.close()
            continue
        if case.then is not None:
            case.then(page)
        if page.locator("html").get_attribute("lang") != language:
            problems.append(f"{url}: <html lang> is not {language!r}")
        headings = page.locator("h1").count()
        if headings != 1:
            problems.append(f"{url}: {headings} h1 elements, expected exactly one")
        start_axe(page)
        loaded.append((language, url, context, page))
    for language, url, context, page in loaded:
        violations = finish_axe(page)
        AXE_RESULTS.append((case.id, language, len(violations)))
        if violations:
            problems.append(f"{url}: axe found\n{describe_violations(violations)}")
        page.set_viewport_size({"width": NARROW_WIDTH, "height": 640})
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > NARROW_WIDTH:
            problems.append(
                f"{url}: scrolls sideways at {NARROW_WIDTH} px (scrollWidth {scroll_width})"
            )
        if language == NARROW_AXE_LANGUAGE:
            start_axe(page)
            narrow = finish_axe(page)
            AXE_RESULTS.append((case.id, f"{language}@{NARROW_WIDTH}", len(narrow)))
            if narrow:
                problems.append(
                    f"{url} at {NARROW_WIDTH} px: axe found\n{describe_violations(narrow)}"
                )
        context.close()
    return [f"[{case.id}] {problem}" for problem in problems]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("setup", SETUPS, ids=[setup.__name__ for setup in SETUPS])
def test_pages_pass_axe_in_finnish_and_swedish_and_reflow_at_320px(
    setup: Callable[[Fixtures], None],
    browser: Browser,
    site_url: str,
    request: pytest.FixtureRequest,
) -> None:
    fixtures = Fixtures(request)
    setup(fixtures)
    problems: list[str] = []
    for case in PAGES:
        if case.setup is setup:
            problems += check_page(case, fixtures, browser, site_url)
    assert not problems, "\n".join(problems)


def _page_url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _page_url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def i18n_page_url_names() -> set[str]:
    """Name every URL under the language-prefixed patterns, leaving out the admin site."""
    names: set[str] = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            names |= _page_url_names(entry.url_patterns)
    return {name for name in names if not name.startswith("admin:")}


def test_every_page_url_is_in_the_table() -> None:
    covered = {case.url_name for case in PAGES}
    missing = i18n_page_url_names() - covered - set(EXEMPT_URL_NAMES)
    assert not missing, (
        f"Add these pages to PAGES in their app's tests/browser_pages.py (or, if not a GET "
        f"page, to its EXEMPT_URL_NAMES with the reason): {sorted(missing)}"
    )


def test_page_table_names_only_urls_that_exist() -> None:
    existing = i18n_page_url_names()
    stale = ({case.url_name for case in PAGES} | set(EXEMPT_URL_NAMES)) - existing
    assert not stale, f"Remove these from PAGES or EXEMPT_URL_NAMES: {sorted(stale)}"
