"""In Chromium: a professional gathers a client's list from two searches, downloads it as a
PDF and opens the page to print.

Like the search page's browser tests, these start a Chromium of their own with the options
of core/tests/browser/conftest.py and use that conftest's live-server fixtures.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect, sync_playwright

from kumppani.accounts.models import User
from kumppani.catalogue.search.index import index_service
from kumppani.core.tests.browser.conftest import (  # noqa: F401 - fixtures these tests use
    CHROMIUM,
    CHROMIUM_ARGS,
    plain_http_settings,
    reference_data,
    site_url,
)
from kumppani.core.tests.browser.harness import (
    axe_violations,
    describe_violations,
    sign_in_context,
)

from .factories import ServiceFactory, weekly_from_tomorrow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("site_url"),
]


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # Playwright's event loop runs in this thread while the test makes its data.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


PDFTOTEXT = Path("/usr/bin/pdftotext")  # Debian's poppler-utils


def _professionals_page(browser: Browser, base_url: str, user: User) -> Page:
    context = browser.new_context(
        base_url=base_url, locale="fi-FI", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    sign_in_context(context, user, base_url)
    return context.new_page()


def _search(page: Page, words: str) -> None:
    page.goto(reverse("catalogue:search"))
    page.locator("#id_q").fill(words)
    page.locator("#id_q").press("Enter")
    page.wait_for_url(lambda url: "q=" in url)


def _add(page: Page, name: str) -> None:
    row = page.locator(".service-results > li").filter(has_text=name)
    row.get_by_role("button", name=re.compile(f"^Lisää asiakkaan listalle ?: {name}$")).click()
    expect(page.locator(".messages")).to_contain_text("Toiminta on asiakkaan listalla.")
    remove = row.get_by_role("button", name=re.compile(f"^Poista asiakkaan listalta ?: {name}$"))
    expect(remove).to_be_visible()


def _check_axe(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_a_professional_lists_three_activities_from_two_searches_and_prints_them(
    browser: Browser, request: pytest.FixtureRequest, paula: User, org_x, tmp_path: Path
) -> None:
    if not PDFTOTEXT.exists():
        pytest.skip(f"{PDFTOTEXT} is missing: install Debian's poppler-utils package")
    names = ("Muistikahvila", "Omaishoitajien kahvila", "Kävelyryhmä ikäihmisille")
    for name in names:  # three activities in Seinäjoki, weekly from tomorrow
        service = ServiceFactory.create(organisation=org_x, name_fi=name, municipalities=["743"])
        weekly_from_tomorrow(service, address="Kalevankatu 5", city="Seinäjoki")
        index_service(service)
    page = _professionals_page(browser, request.getfixturevalue("site_url"), paula)

    # Two activities from one search, the third from another: the list keeps all three.
    _search(page, "kahvila")
    _add(page, "Muistikahvila")
    _add(page, "Omaishoitajien kahvila")
    _search(page, "kävely")
    _add(page, "Kävelyryhmä ikäihmisille")

    page.goto(reverse("catalogue:client_list"))
    entries = page.locator(".client-list > li h2")
    expect(entries).to_have_text(list(names))
    _check_axe(page)
    # The walk goes first.
    up = re.compile("^Siirrä ylemmäs ?: Kävelyryhmä ikäihmisille$")
    page.get_by_role("button", name=up).click()
    page.get_by_role("button", name=up).click()
    expect(entries).to_have_text([names[2], names[0], names[1]])

    with page.expect_download() as download:
        page.get_by_role("button", name="Lataa PDF-tiedostona").click()
    assert download.value.suggested_filename == "activities.pdf"
    pdf = tmp_path / "list.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(  # noqa: S603 - our fixed program and a file we wrote
        [str(PDFTOTEXT), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    positions = [text.index(name) for name in (names[2], names[0], names[1])]
    assert positions == sorted(positions), "the PDF keeps the list's order"

    printing = page.get_by_role("region", name="Tulosta tai lataa asiakkaalle")
    printing.get_by_label("ruotsi").check()
    printing.get_by_role("button", name="Näytä tulostettava lista").click()
    page.wait_for_url("**/sv/**")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator(".print-item h2")).to_have_text([names[2], names[0], names[1]])
    _check_axe(page)
    page.emulate_media(media="print")
    expect(page.get_by_text("Tillbaka till klientens lista")).to_be_hidden()
