"""The catalogue's pages in the browser tests' table."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from playwright.sync_api import Page

from kumppani.catalogue.forms.service_steps import STEP_SLUGS
from kumppani.catalogue.tests.factories import (
    ServiceFactory,
    VolunteerTaskFactory,
    weekly_from_tomorrow,
)
from kumppani.testing.pages import Fixtures, PageCase, and_with_errors, page_at, page_of


def step_of_service(step: str) -> PageCase:
    """A step of the activity editor, for bob's activity."""
    return PageCase(
        f"service-step-{step}",
        "catalogue:service_step",
        lambda f: reverse("catalogue:service_step", args=[f.service.public_id, step]),
        persona="bob",
        setup=catalogue_entries,
    )


def drop_a_pin(page: Page) -> None:
    """Open the first step's map and tap it, to check the map with its pin and buttons."""
    page.locator("details.pin-map-box > summary").click()
    page.locator(".pin-map").click()
    page.locator(".pin-map .leaflet-marker-icon").wait_for()


def catalogue_entries(f: Fixtures) -> None:
    """A published activity and volunteer task of org_x (bob's association) in Seinäjoki."""
    f.service = ServiceFactory(organisation=f.org_x, name_fi="Omaishoitajien vertaistukiryhmä")
    f.task = VolunteerTaskFactory(organisation=f.org_x, title_fi="Kahvinkeittäjä kohtaamispaikkaan")
    f.bob  # noqa: B018 - bob represents org_x and manages its entries


def add_to_list(page: Page) -> None:
    """Add the activity to the client's list from the search results, then open the page
    the case is about again."""
    address = page.url
    page.goto(page.url.split("/services/")[0] + "/services/")
    page.locator(".client-list-add button").first.click()
    page.goto(address)


def resident_tools(f: Fixtures) -> None:
    """An activity with a place on the map, weekly times and some accessibility answers, and
    a volunteer task that takes "I'm interested" messages."""
    f.placed = ServiceFactory(
        organisation=f.org_x,
        name_fi="Muistikahvila",
        name_sv="Minneskafé",
        step_free_access=True,
        induction_loop=False,
    )
    weekly_from_tomorrow(
        f.placed,
        name="Järjestötalo",
        address="Kauppakatu 1",
        postal_code="60100",
        city="Seinäjoki",
        latitude=Decimal("62.790300"),
        longitude=Decimal("22.840300"),
    )
    f.unreported = ServiceFactory(organisation=f.org_x, name_fi="Kävelyryhmä")
    f.open_task = VolunteerTaskFactory(
        organisation=f.org_x,
        title_fi="Ulkoiluystävä",
        contact_email="vapaaehtoiset@example.fi",
    )


def send_unfilled(page: Page) -> None:
    """Send the "I'm interested" form as it first shows (empty), to check it with its errors.
    (The shared helper would try to clear the hidden robots' box, which no one can reach.)"""
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


PAGES: list[PageCase] = [
    page_at("service-search", "catalogue:search"),
    page_at(
        "service-search-results",
        "catalogue:search",
        "?q=vertaistuki&municipality=743",
        setup=catalogue_entries,
    ),
    page_at(
        "service-search-map",
        "catalogue:search",
        "?municipality=743&nearby=on&view=map",
        setup=resident_tools,
    ),
    page_of("service-detail", "catalogue:service_detail", "service", setup=catalogue_entries),
    page_of(
        "service-detail-representative",
        "catalogue:service_detail",
        "service",
        persona="bob",
        setup=catalogue_entries,
    ),
    page_at(
        "services-printable", "catalogue:printable", "?municipality=743", setup=catalogue_entries
    ),
    page_at("client-list-empty", "catalogue:client_list", setup=catalogue_entries),
    page_at("client-list-print-empty", "catalogue:client_list_print", setup=catalogue_entries),
    page_at("client-list", "catalogue:client_list", setup=catalogue_entries, then=add_to_list),
    page_at(
        "client-list-professional",
        "catalogue:client_list",
        persona="paula",
        setup=catalogue_entries,
        then=add_to_list,
    ),
    page_at(
        "client-list-print",
        "catalogue:client_list_print",
        setup=catalogue_entries,
        then=add_to_list,
    ),
    page_at("services-stale", "catalogue:stale", persona="alice", setup=catalogue_entries),
    page_at("county-overview", "catalogue:overview", persona="alice", setup=catalogue_entries),
    page_at(
        "county-overview-liaison", "catalogue:overview", persona="lauri", setup=catalogue_entries
    ),
    page_at("services-manage", "catalogue:manage", persona="bob", setup=catalogue_entries),
    *and_with_errors(
        page_at("service-start", "catalogue:service_start", persona="bob", setup=catalogue_entries)
    ),
    page_at(
        "service-start-map",
        "catalogue:service_start",
        persona="bob",
        setup=catalogue_entries,
        then=drop_a_pin,
    ),
    *[step_of_service(step) for step in STEP_SLUGS],
    *and_with_errors(
        page_at(
            "service-create", "catalogue:service_create", persona="bob", setup=catalogue_entries
        )
    ),
    page_of(
        "service-edit", "catalogue:service_edit", "service", persona="bob", setup=catalogue_entries
    ),
    page_of(
        "service-hide",
        "catalogue:service_hide",
        "service",
        persona="alice",
        setup=catalogue_entries,
    ),
    page_of("service-detail-map", "catalogue:service_detail", "placed", setup=resident_tools),
    page_of(
        "service-detail-not-reported",
        "catalogue:service_detail",
        "unreported",
        setup=resident_tools,
    ),
    page_of("task-detail-interest", "catalogue:task_detail", "open_task", setup=resident_tools),
    page_of("task-interest", "catalogue:task_interest", "open_task", setup=resident_tools),
    page_of(
        "task-interest-with-errors",
        "catalogue:task_interest",
        "open_task",
        setup=resident_tools,
        then=send_unfilled,
    ),
    page_of(
        "task-interest-thanks",
        "catalogue:task_interest_thanks",
        "open_task",
        setup=resident_tools,
    ),
    page_at("task-list", "catalogue:task_list", setup=catalogue_entries),
    page_of("task-detail", "catalogue:task_detail", "task", setup=catalogue_entries),
    page_at("task-manage", "catalogue:task_manage", persona="bob", setup=catalogue_entries),
    page_at("task-create", "catalogue:task_create", persona="bob", setup=catalogue_entries),
    page_of("task-edit", "catalogue:task_edit", "task", persona="bob", setup=catalogue_entries),
    page_of("task-hide", "catalogue:task_hide", "task", persona="alice", setup=catalogue_entries),
]

# GET URL names that are not HTML pages, and why.
EXEMPT_URL_NAMES: dict[str, str] = {
    "catalogue:organisation_restore": "POST-only: publishes a reactivated organisation's entries",
    "catalogue:printable_pdf": "file download (PDF) of the printable list, not an HTML page",
    "catalogue:client_list_pdf": "file download (PDF) of the client's list, not an HTML page",
    "catalogue:client_list_add": "POST-only: adds an activity to the client's list, then redirects",
    "catalogue:client_list_change": "POST-only: reorders, removes or clears, then redirects",
    "catalogue:client_list_email": "POST-only: emails the client's list, then redirects",
    "catalogue:service_calendar": "file download (iCalendar) of an activity's next times",
    "hsds_export_json": "file export: the HSDS catalogue as JSON",
    "hsds_export_tabular": "file export: the HSDS catalogue as tabular data (CSV in a zip)",
    "catalogue:service_publish": "POST-only: publishes an activity, then redirects",
    "catalogue:service_step_autosave": "POST-only: a draft's step saved as the person types",
    "catalogue:service_archive": "POST-only: archives an activity, then redirects",
    "catalogue:service_confirm": "POST-only: confirms an activity is up to date, then redirects",
    "catalogue:service_unhide": "POST-only: shows a hidden activity again, then redirects",
    "catalogue:task_publish": "POST-only: publishes a volunteer task, then redirects",
    "catalogue:task_archive": "POST-only: archives a volunteer task, then redirects",
    "catalogue:task_unhide": "POST-only: shows a hidden volunteer task again, then redirects",
}
