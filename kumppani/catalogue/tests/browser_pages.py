"""The catalogue's pages in the browser tests' table."""

from __future__ import annotations

from kumppani.catalogue.tests.factories import ServiceFactory, VolunteerTaskFactory
from kumppani.testing.pages import Fixtures, PageCase, and_with_errors, page_at, page_of


def catalogue_entries(f: Fixtures) -> None:
    """A published activity and volunteer task of org_x (bob's association) in Seinäjoki."""
    f.service = ServiceFactory(organisation=f.org_x, name_fi="Omaishoitajien vertaistukiryhmä")
    f.task = VolunteerTaskFactory(organisation=f.org_x, title_fi="Kahvinkeittäjä kohtaamispaikkaan")
    f.bob  # noqa: B018 - bob represents org_x and manages its entries


PAGES: list[PageCase] = [
    page_at("service-search", "catalogue:search"),
    page_at(
        "service-search-results",
        "catalogue:search",
        "?q=vertaistuki&municipality=743",
        setup=catalogue_entries,
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
    page_at("services-stale", "catalogue:stale", persona="alice", setup=catalogue_entries),
    page_at("county-overview", "catalogue:overview", persona="alice", setup=catalogue_entries),
    page_at(
        "county-overview-liaison", "catalogue:overview", persona="lauri", setup=catalogue_entries
    ),
    page_at("services-manage", "catalogue:manage", persona="bob", setup=catalogue_entries),
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
    "hsds_export_json": "file export: the HSDS catalogue as JSON",
    "hsds_export_tabular": "file export: the HSDS catalogue as tabular data (CSV in a zip)",
    "catalogue:service_publish": "POST-only: publishes an activity, then redirects",
    "catalogue:service_archive": "POST-only: archives an activity, then redirects",
    "catalogue:service_confirm": "POST-only: confirms an activity is up to date, then redirects",
    "catalogue:service_unhide": "POST-only: shows a hidden activity again, then redirects",
    "catalogue:task_publish": "POST-only: publishes a volunteer task, then redirects",
    "catalogue:task_archive": "POST-only: archives a volunteer task, then redirects",
    "catalogue:task_unhide": "POST-only: shows a hidden volunteer task again, then redirects",
}
