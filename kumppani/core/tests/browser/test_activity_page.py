"""An activity page's map and share button in a browser, and the page without JavaScript."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from kumppani.catalogue.tests.factories import ServiceFactory, weekly_from_tomorrow
from kumppani.organisations.models import Organisation

browser_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _placed_activity(org_x: Organisation) -> str:
    service = ServiceFactory.create(organisation=org_x, name_fi="Muistikahvila")
    weekly_from_tomorrow(
        service,
        address="Kauppakatu 1",
        city="Seinäjoki",
        latitude=Decimal("62.790300"),
        longitude=Decimal("22.840300"),
    )
    return f"/fi/services/{service.public_id}/"


@pytest.mark.browser
@browser_test
def test_map_is_drawn_with_leaflet_under_the_content_security_policy(
    page: Page, org_x: Organisation
) -> None:
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto(_placed_activity(org_x), wait_until="domcontentloaded", timeout=30_000)

    box = page.locator(".activity-map")
    box.locator(".leaflet-tile-loaded").first.wait_for(timeout=30_000)
    assert box.is_visible()
    with translation.override("fi"):
        zoom_in, show_on_map = gettext("Zoom in"), gettext("Show on a map")
    assert box.locator(".leaflet-control-zoom-in").get_attribute("title") == zoom_in
    assert page.locator("a", has_text=show_on_map).is_visible()
    assert not refused


@pytest.mark.browser
@browser_test
def test_copy_button_copies_the_pages_address(page: Page, org_x: Organisation) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    url = _placed_activity(org_x)
    page.goto(url)

    page.locator(".share-copy").click()

    # The copy is asynchronous: wait for the status line to be written.
    expect(page.locator(".share-status")).to_have_text(re.compile(r"\S"))
    assert page.evaluate("navigator.clipboard.readText()").endswith(url)


@pytest.mark.browser
@browser_test
def test_without_javascript_the_page_gives_the_address_link_and_calendar_file(
    nojs_page: Page, org_x: Organisation
) -> None:
    nojs_page.goto(_placed_activity(org_x))

    assert not nojs_page.locator(".activity-map").is_visible()
    assert not nojs_page.locator(".share-copy").is_visible()
    assert nojs_page.locator("#share-url").input_value().startswith("http")
    assert nojs_page.get_by_text("Kauppakatu 1").is_visible()
    assert nojs_page.locator("a[href*='openstreetmap.org']").is_visible()
    assert nojs_page.locator("a[href$='calendar.ics']").is_visible()
