"""The search page's map view in a phone-sized browser, and without JavaScript."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, ViewportSize

from kumppani.catalogue.tests.factories import ServiceFactory, weekly_from_tomorrow
from kumppani.organisations.models import Organisation

browser_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PHONE: ViewportSize = {"width": 390, "height": 800}
MAP_VIEW = "/fi/services/?municipality=743&view=map"


def _results(org_x: Organisation) -> str:
    """Two activities in Seinäjoki, one with a place on the map; their public ids."""
    placed = ServiceFactory.create(organisation=org_x, name_fi="Muistikahvila")
    weekly_from_tomorrow(
        placed,
        name="Järjestötalo",
        address="Kauppakatu 1",
        city="Seinäjoki",
        latitude=Decimal("62.790300"),
        longitude=Decimal("22.840300"),
    )
    ServiceFactory.create(organisation=org_x, name_fi="Puhelinpiiri")
    return str(placed.public_id)


@pytest.mark.browser
@browser_test
def test_the_map_view_has_a_marker_link_per_place_on_a_phone(
    page: Page, org_x: Organisation
) -> None:
    placed = _results(org_x)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.set_viewport_size(PHONE)
    page.goto(MAP_VIEW, wait_until="domcontentloaded", timeout=30_000)

    box = page.locator("#search-map")
    marker = box.locator(".search-map-marker a")
    marker.wait_for(timeout=30_000)
    assert box.is_visible()
    assert marker.count() == 1
    assert "Muistikahvila" in (marker.get_attribute("title") or "")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The result list beside the map has both activities.
    results = page.locator(".service-results > li h3")
    assert results.count() == 2
    assert not refused
    # A marker is a link: the keyboard reaches it and follows it to the activity's page.
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/services/{placed}/", timeout=30_000)


@pytest.mark.browser
@browser_test
def test_without_javascript_the_map_view_is_the_list(nojs_page: Page, org_x: Organisation) -> None:
    _results(org_x)
    nojs_page.goto(MAP_VIEW)
    assert not nojs_page.locator("#search-map").is_visible()
    assert nojs_page.locator(".service-results > li h3").count() == 2
    assert nojs_page.get_by_role("link", name="Puhelinpiiri").is_visible()
