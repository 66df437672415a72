"""The activity editor on a phone: a volunteer who represents one organisation publishes a
weekly activity from the short first step, and it can be found at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from kumppani.accounts.models import User
from kumppani.catalogue.models import PublicationStatus, Service
from kumppani.catalogue.services import LocationData, ScheduleData, service_update
from kumppani.catalogue.tests.factories import ServiceFactory
from kumppani.core.actor import Actor
from kumppani.core.models import Municipality
from kumppani.organisations.models import Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE: ViewportSize = {"width": 390, "height": 844}


def _url(name: str, *args: object, language: str = "fi") -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_url, locale="fi-FI", viewport=PHONE)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_volunteer_publishes_a_weekly_activity_from_the_first_step_on_a_phone(
    phone: Page, sign_in: Callable[[BrowserContext, User], None], bob: User
) -> None:
    # Given bob, who represents one association (in Seinäjoki), on a 390 px wide phone
    sign_in(phone.context, bob)
    phone.goto(_url("catalogue:service_start"))

    # the first step is short, asks no organisation and no coordinates,
    # and the municipality is the association's own
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < 2000, f"the first step is {height} px tall"
    assert phone.locator("select[name=organisation]").count() == 0
    assert phone.locator("input[name*=latitude], input[name*=longitude]").count() == 0
    assert phone.locator("input[name^=pin_]:not([type=hidden])").count() == 0
    expect(phone.locator("#id_municipality")).to_have_value("743")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # When bob fills in the first step only and publishes
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    phone.locator("#id_name").fill("Maanantain kävelyryhmä")
    phone.locator("#id_summary").fill("Kävelemme yhdessä Jouppilanvuorella ja juomme kahvit.")
    phone.locator("#id_address").fill("Jouppilanvuorentie 1")
    phone.locator("#id_start_date").fill(monday.isoformat())
    phone.locator("#id_start_time").fill("10:00")
    phone.locator("#id_end_time").fill("11:30")
    phone.locator("#id_repeat").select_option("weekly")
    phone.locator("input[name=how_to_join][value=drop_in]").check()
    phone.locator("#id_contact_name").fill("Liisa Ohjaaja")
    phone.locator("#id_contact_phone").fill("040 123 4567")
    phone.locator("#id_contact_consent").check()
    # and drops the pin by tapping the map (it starts at the whole of Finland, and the
    # place goes into the hidden fields, shown as a sentence, never as numbers)
    map_box = phone.locator("details.pin-map-box")
    map_box.locator("summary").click()
    expect(phone.locator(".pin-map .leaflet-tile-loaded").first).to_be_attached()
    phone.locator(".pin-map").click(position={"x": 200, "y": 140})
    expect(phone.locator(".pin-map .leaflet-marker-icon")).to_have_count(1)
    expect(phone.locator(".pin-map-state")).not_to_be_empty()
    expect(phone.locator("[data-pin-remove]")).to_be_visible()
    assert phone.locator("#id_pin_lat").input_value()
    # the marker moves with the arrow keys too
    before = phone.locator("#id_pin_lon").input_value()
    phone.locator(".pin-map .leaflet-marker-icon").focus()
    phone.keyboard.press("ArrowRight")
    phone_pin_lon = phone.locator("#id_pin_lon").input_value()
    assert float(phone_pin_lon) > float(before)
    # (publishing indexes the activity: the first time loads the word lists, which takes a while)
    phone.set_default_timeout(90_000)
    with phone.expect_navigation():
        phone.locator("button[name=publish]").click()
    phone.set_default_timeout(10_000)

    # Then it is published, the optional steps follow, and search finds it
    service = Service.objects.get()
    assert service.status == PublicationStatus.PUBLISHED
    assert "/more/languages/" in phone.url
    assert service.schedules.get().rrule.startswith("FREQ=WEEKLY")
    location = service.service_locations.get().location
    assert location.latitude is not None and location.longitude is not None
    assert 59.4 < float(location.latitude) < 70.1 and 19 < float(location.longitude) < 31.6
    assert f"{location.longitude:.6f}" == phone_pin_lon
    phone.goto(_url("catalogue:search") + "?q=kävelyryhmä")
    expect(phone.locator("main")).to_contain_text("Maanantain kävelyryhmä")


def test_a_drafts_step_is_saved_a_moment_after_typing_stops(
    phone: Page, sign_in: Callable[[BrowserContext, User], None], bob: User, org_x: Organisation
) -> None:
    # Given a draft of bob's association, on its details step
    service = ServiceFactory.create(
        organisation=org_x,
        status=PublicationStatus.DRAFT,
        published_at=None,
        is_free=True,
    )
    sign_in(phone.context, bob)
    phone.goto(_url("catalogue:service_step", service.public_id, "details"))

    # When bob types a description and stops
    phone.locator("#id_description").fill("Kävelemme rauhallisesti noin tunnin.")

    # Then the draft is saved without pressing a button, and still a draft
    expect(phone.locator("#autosave-status")).not_to_be_empty(timeout=15_000)
    service.refresh_from_db()
    assert service.description_fi == "Kävelemme rauhallisesti noin tunnin."
    assert service.status == PublicationStatus.DRAFT
    assert "/more/details/" in phone.url


def test_a_drafts_pin_starts_the_map_and_removing_it_is_saved_automatically(
    phone: Page, sign_in: Callable[[BrowserContext, User], None], bob: User, org_x: Organisation
) -> None:
    # Given a draft of bob's association with a pin in Seinäjoki
    service = ServiceFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)
    service_update(
        service=service,
        actor=Actor(user=bob),
        location=LocationData(
            address="Kauppakatu 1",
            municipality=Municipality.objects.get(code="743"),
            latitude=Decimal("62.790300"),
            longitude=Decimal("22.840300"),
        ),
        schedule=ScheduleData(
            starts_at=timezone.make_aware(datetime.combine(date.today(), time(10))),
            rrule="FREQ=WEEKLY",
        ),
    )
    sign_in(phone.context, bob)
    phone.goto(_url("catalogue:service_step", service.public_id, "basics"))

    # the map opens at the pin
    phone.locator("details.pin-map-box > summary").click()
    expect(phone.locator(".pin-map .leaflet-marker-icon")).to_have_count(1)

    # When bob removes the pin
    phone.locator("[data-pin-remove]").click()

    # Then the pin is gone from the map and, a moment later, from the draft; the address stays
    expect(phone.locator(".pin-map .leaflet-marker-icon")).to_have_count(0)
    expect(phone.locator("#autosave-status")).not_to_be_empty(timeout=15_000)
    location = service.service_locations.get().location
    assert (location.latitude, location.longitude) == (None, None)
    assert location.address == "Kauppakatu 1"
    service.refresh_from_db()
    assert service.status == PublicationStatus.DRAFT
