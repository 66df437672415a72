"""The search page in Chromium: the filter counts follow what is typed and ticked.

The browser fixtures live in core/tests/browser/conftest.py, whose hooks stop the shared
Chromium only after the tests in that folder; these tests start and stop a Chromium of their
own with the same options, and use that conftest's live-server fixtures.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, expect, sync_playwright

from kumppani.catalogue.models import Service
from kumppani.core.tests.browser.conftest import (  # noqa: F401 - fixtures these tests use
    CHROMIUM,
    CHROMIUM_ARGS,
    plain_http_settings,
    reference_data,
    site_url,
)
from kumppani.core.tests.browser.harness import axe_violations, describe_violations

Opener = Callable[..., Page]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Named here, the live server is one of each test's fixtures and allows its host name.
    pytest.mark.usefixtures("site_url"),
]


@pytest.fixture
def open_page(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Opener]:
    """Open pages of the live server in Debian's Chromium; skipped without it, except on CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    base_url = request.getfixturevalue("site_url")
    # Playwright's event loop runs in this thread while the test makes its data.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        def open_(path: str, *, javascript: bool = True, width: int = 1280) -> Page:
            context = browser.new_context(
                base_url=base_url,
                locale="fi-FI",
                viewport={"width": width, "height": 800},
                java_script_enabled=javascript,
            )
            context.set_default_timeout(10_000)
            page = context.new_page()
            page.goto(path)
            return page

        yield open_
        browser.close()


def record_console_errors(page: Page) -> list[str]:
    """Collect the errors the page logs (htmx's and the CSP's among them), a favicon's aside."""
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            errors.append(message.text)

    page.on("console", record)
    return errors


@pytest.fixture
def choirs_and_a_club(make_service: Callable[..., Service]) -> None:
    """Two choirs in Seinäjoki (743), one of them also a club; a club in Alajärvi (005)."""
    make_service(name_fi="Kuoro", municipalities=["743"], terms=("peer-support",))
    make_service(
        name_fi="Kuoro ja kerho", municipalities=["743"], terms=("peer-support", "groups-and-clubs")
    )
    make_service(name_fi="Kerho", municipalities=["005"], terms=("groups-and-clubs",))


def test_counts_follow_typing_and_ticking_while_focus_stays_put(
    open_page: Opener, choirs_and_a_club: None
) -> None:
    page = open_page(reverse("catalogue:search"))
    page.evaluate("window.notReloaded = true")
    console_errors = record_console_errors(page)
    clubs = page.locator("#count-activity_type-groups-and-clubs")
    alajarvi = page.locator("#id_municipality option[value='005']")
    seinajoki = page.locator("#id_municipality option[value='743']")
    expect(clubs).to_have_text("(2)")
    expect(alajarvi).to_have_text("Alajärvi (1)")

    # When: typing a word
    page.locator("#id_q").press_sequentially("kuoro")

    # Then: the counts are those of the choirs; the text field keeps the focus.
    expect(clubs).to_have_text("(1)")
    expect(alajarvi).to_have_text("Alajärvi")
    expect(seinajoki).to_have_text("Seinäjoki (2)")
    assert page.evaluate("document.activeElement.id") == "id_q"

    # When: choosing Seinäjoki, then ticking "groups and clubs" from the keyboard
    page.locator("#id_municipality").select_option("743")
    page.wait_for_url("**municipality=743**")
    checkbox = page.locator("#id_activity_type input[value='groups-and-clubs']")
    checkbox.focus()
    page.keyboard.press("Space")

    # Then: the chosen option's count changes in place, and the checkbox keeps the focus.
    expect(seinajoki).to_have_text("Seinäjoki (1)")
    expect(page.locator("#id_municipality")).to_have_value("743")
    expect(checkbox).to_be_focused()
    expect(checkbox).to_be_checked()
    assert page.evaluate("window.notReloaded") is True, "the page was loaded again"
    assert "counted_" not in page.url
    assert not console_errors, "every count sent has its place on the page"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_without_javascript_the_form_loads_a_page_with_its_counts(
    open_page: Opener, choirs_and_a_club: None
) -> None:
    page = open_page(reverse("catalogue:search"), javascript=False)

    page.locator("#id_q").fill("kuoro")
    with page.expect_navigation():
        page.get_by_role("button", name="Hae", exact=True).click()

    assert "q=kuoro" in page.url and "counted_" not in page.url
    expect(page.locator("#count-activity_type-groups-and-clubs")).to_have_text("(1)")
    expect(page.locator("#id_municipality option[value='743']")).to_have_text("Seinäjoki (2)")


def test_on_a_phone_the_results_come_first_and_the_filters_open_from_a_button(
    open_page: Opener, choirs_and_a_club: None
) -> None:
    page = open_page(reverse("catalogue:search") + "?q=kuoro", width=390)
    filters = page.locator("details.search-filters")
    municipality = page.locator("#id_municipality")
    first_result = page.locator(".service-results h3 a").first

    # The first result is near the top (it was 2,270 px down), six Tab presses from the search box.
    expect(municipality).to_be_hidden()
    assert first_result.bounding_box()["y"] < 1000  # type: ignore[index]
    page.locator("#id_q").focus()
    presses = 0
    while presses < 20 and not first_result.evaluate("link => link === document.activeElement"):
        page.keyboard.press("Tab")
        presses += 1
    # The search button, the skip link, the filters' button, the map view and the client's
    # list come between.
    assert presses == 6

    # The button opens the filters from the keyboard; each group has its legend.
    page.locator("details.search-filters > summary").focus()
    page.keyboard.press("Enter")
    expect(municipality).to_be_visible()
    expect(filters.locator("fieldset > legend", has_text="Missä")).to_be_visible()
    municipality.select_option("743")
    page.wait_for_url("**municipality=743**")
    expect(page.locator(".service-results h3")).to_have_count(2)


def test_on_a_wide_screen_the_filters_stand_open_beside_the_results(
    open_page: Opener, choirs_and_a_club: None
) -> None:
    page = open_page(reverse("catalogue:search"))

    expect(page.locator("details.search-filters")).to_have_attribute("open", "")
    expect(page.locator("#id_municipality")).to_be_visible()
    expect(page.get_by_role("link", name="Siirry hakuehtojen ohi tuloksiin")).to_be_visible()
