"""The base layout: skip link, landmarks, language switcher, reflow, pages without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from kumppani.organisations.models import Organisation

from .harness import submit_get_form

browser_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.browser
@browser_test
def test_tab_from_the_top_focuses_the_skip_link_and_enter_moves_focus_to_main(page: Page) -> None:
    page.goto("/fi/")

    page.keyboard.press("Tab")

    skip_link = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    box = skip_link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "focused skip link is off screen"

    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


@pytest.mark.browser
@browser_test
def test_layout_has_labelled_landmarks_and_one_h1(page: Page) -> None:
    page.goto("/fi/")

    assert page.locator("body > header").count() == 1
    assert page.locator("main#main").count() == 1
    assert page.locator("body > footer").count() == 1
    nav_labels = page.locator("nav").evaluate_all(
        "navs => navs.map(n => n.getAttribute('aria-label'))"
    )
    assert len(nav_labels) >= 2
    assert all(nav_labels), f"every nav needs an aria-label: {nav_labels}"
    assert len(set(nav_labels)) == len(nav_labels), f"nav labels must differ: {nav_labels}"
    assert page.locator("h1").count() == 1


@pytest.mark.browser
@browser_test
def test_focused_link_shows_a_visible_outline(page: Page) -> None:
    page.goto("/fi/")
    link = page.locator(".main-nav a").first

    link.focus()

    outline = link.evaluate(
        "a => getComputedStyle(a).outlineStyle + ' ' + getComputedStyle(a).outlineWidth"
    )
    assert outline.startswith("solid") and not outline.endswith(" 0px"), outline


@pytest.mark.browser
@browser_test
def test_language_switcher_keeps_the_page_and_changes_html_lang(
    page: Page, org_x: Organisation
) -> None:
    page.goto(f"/fi/organisations/{org_x.public_id}/")
    assert page.locator("html").get_attribute("lang") == "fi"
    swedish = page.locator(".language-switcher a[hreflang=sv]")
    assert swedish.get_attribute("lang") == "sv"
    assert page.locator(".language-switcher a[aria-current]").get_attribute("hreflang") == "fi"

    swedish.click()

    assert page.url.endswith(f"/sv/organisations/{org_x.public_id}/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator(".language-switcher a[aria-current]").get_attribute("hreflang") == "sv"


@pytest.mark.browser
@browser_test
def test_language_switcher_keeps_the_query_string(page: Page) -> None:
    page.goto("/fi/organisations/?q=omaishoitajat")

    page.locator(".language-switcher a[hreflang=sv]").click()

    assert page.url.endswith("/sv/organisations/?q=omaishoitajat")


@pytest.mark.browser
@browser_test
def test_front_page_has_no_horizontal_scrolling_at_320px(narrow_context: BrowserContext) -> None:
    page = narrow_context.new_page()

    page.goto("/fi/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.browser
@browser_test
def test_organisation_filter_form_works_without_javascript(
    nojs_page: Page, org_x: Organisation, org_y: Organisation
) -> None:
    nojs_page.goto("/fi/organisations/")
    assert nojs_page.evaluate("typeof window.htmx") == "undefined", "page scripts ran"

    submit_get_form(nojs_page, {"q": "Seinäjoen"})

    assert "q=Sein" in nojs_page.url
    results = nojs_page.locator("main").inner_text()
    assert "Seinäjoen Omaishoitajat ry" in results
    assert "Vaasanseudun Omaishoitajat ry" not in results


@pytest.mark.browser
@browser_test
def test_page_scripts_run_in_the_ordinary_context(page: Page) -> None:
    """The check in the no-JavaScript test can tell: htmx loads when JavaScript is on."""
    page.goto("/fi/organisations/")

    assert page.evaluate("typeof window.htmx") == "object"
