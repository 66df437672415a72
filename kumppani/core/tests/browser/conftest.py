"""Browser fixtures: one Chromium per test session, one fresh context per test.

Playwright's sync API keeps an event loop running in the test thread, and Django refuses ORM
calls from a thread with a running loop; the tests here never run concurrently with the ORM
in that thread, so the guard is switched off for them.

Every browser test needs
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`: live_server needs a
transactional database, which is flushed after each test, and the serialized rollback puts
the reference data (counties, municipalities) back for the tests that follow.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from kumppani.accounts.models import User

from .harness import sign_in_context

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The live server speaks plain HTTP; production settings would redirect it to HTTPS and
# mark cookies Secure. These overrides must be in place before the server builds its
# middleware, so they are enabled in the session fixture that starts it.
PLAIN_HTTP_SETTINGS = {
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
}


class _Chromium:
    """One Chromium for the browser tests, stopped as soon as the last of them has run.

    While Playwright runs, its event loop counts as running in the test thread, and Django
    then refuses ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set. The variable is set only
    while Chromium runs, so it leaks neither into later tests nor into their subprocesses
    (`manage.py check --deploy` rejects it).
    """

    def __init__(self) -> None:
        self.playwright: Playwright | None = None
        self.browser: Browser | None = None

    def get(self) -> Browser:
        if self.browser is None:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
        return self.browser

    def stop(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.browser = None
        if self.playwright is not None:
            self.playwright.stop()
            self.playwright = None
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


_chromium = _Chromium()


@pytest.fixture
def browser() -> Browser:
    """Debian's Chromium, shared by all browser tests; skip without it, fail on CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return _chromium.get()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """Stop Chromium after the test's own teardown when no browser test comes next."""
    result = yield
    if nextitem is None or "browser" not in getattr(nextitem, "fixturenames", ()):
        _chromium.stop()
    return result


@pytest.fixture(scope="session")
def plain_http_settings() -> Iterator[None]:
    overrides = override_settings(**PLAIN_HTTP_SETTINGS)
    overrides.enable()
    yield
    overrides.disable()


@pytest.fixture(scope="session")
def site_url(plain_http_settings: None, live_server: Any) -> str:
    """The live server's base URL; the server runs with the plain-HTTP settings."""
    return str(live_server.url)


@contextmanager
def _new_context(browser: Browser, site_url: str, **options: Any) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=site_url, locale="fi-FI", **options)
    context.set_default_timeout(10_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A fresh browser context (own cookies) at 1280 × 800, JavaScript on."""
    with _new_context(browser, site_url, viewport={"width": 1280, "height": 800}) as ctx:
        yield ctx


@pytest.fixture
def nojs_context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A context with JavaScript disabled: whatever htmx enhances must work without it."""
    with _new_context(
        browser, site_url, viewport={"width": 1280, "height": 800}, java_script_enabled=False
    ) as ctx:
        yield ctx


@pytest.fixture
def narrow_context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A context 320 CSS pixels wide (WCAG 1.4.10 reflow)."""
    with _new_context(browser, site_url, viewport={"width": 320, "height": 640}) as ctx:
        yield ctx


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def nojs_page(nojs_context: BrowserContext) -> Page:
    return nojs_context.new_page()


@pytest.fixture
def sign_in(site_url: str) -> Callable[[BrowserContext, User], None]:
    """Sign a persona in to a browser context without typing a password (axes is on)."""

    def sign(context: BrowserContext, user: User) -> None:
        sign_in_context(context, user, site_url)

    return sign


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the axe results table: page × language × violations (-1: page did not load)."""
    from .test_pages import AXE_RESULTS

    if not AXE_RESULTS:
        return
    terminalreporter.section("axe (WCAG 2.1 A/AA): page × language × violations")
    for page_id, language, count in AXE_RESULTS:
        terminalreporter.write_line(f"{page_id:40} {language}  {count}")


@pytest.fixture(autouse=True)
def reference_data(request: pytest.FixtureRequest) -> None:
    """Make sure the counties and municipalities are there for a browser test.

    Serialized rollback restores them, but in some whole-suite runs a browser test started
    with the tables empty; loading them again when missing keeps the tests independent.
    """
    if request.node.get_closest_marker("browser") is None:
        return
    from kumppani.core.models import County, Municipality
    from kumppani.core.reference_data import load_reference_data

    if not County.objects.exists():
        load_reference_data(County, Municipality)
