"""The catalogue's pages in the browser tests' table."""

from __future__ import annotations

from django.urls import reverse

from kumppani.catalogue.tests.factories import ServiceFactory, VolunteerTaskFactory
from kumppani.testing.pages import Fixtures, PageCase, detail, submit_main_form_empty


def catalogue_entries(f: Fixtures) -> None:
    """A published activity and volunteer task of org_x (bob's association) in Seinäjoki."""
    f.service = ServiceFactory(organisation=f.org_x, name_fi="Omaishoitajien vertaistukiryhmä")
    f.task = VolunteerTaskFactory(organisation=f.org_x, title_fi="Kahvinkeittäjä kohtaamispaikkaan")
    f.bob  # noqa: B018 - bob represents org_x and manages its entries


PAGES: list[PageCase] = [
    PageCase("service-search", "catalogue:search", lambda f: reverse("catalogue:search")),
    PageCase(
        "service-search-results",
        "catalogue:search",
        lambda f: reverse("catalogue:search") + "?q=vertaistuki&municipality=743",
        setup=catalogue_entries,
    ),
    PageCase(
        "service-detail",
        "catalogue:service_detail",
        detail("catalogue:service_detail", "service"),
        setup=catalogue_entries,
    ),
    PageCase(
        "service-detail-representative",
        "catalogue:service_detail",
        detail("catalogue:service_detail", "service"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "services-printable",
        "catalogue:printable",
        lambda f: reverse("catalogue:printable") + "?municipality=743",
        setup=catalogue_entries,
    ),
    PageCase(
        "services-stale",
        "catalogue:stale",
        lambda f: reverse("catalogue:stale"),
        "alice",
        catalogue_entries,
    ),
    PageCase(
        "services-manage",
        "catalogue:manage",
        lambda f: reverse("catalogue:manage"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "service-create",
        "catalogue:service_create",
        lambda f: reverse("catalogue:service_create"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "service-create-with-errors",
        "catalogue:service_create",
        lambda f: reverse("catalogue:service_create"),
        "bob",
        catalogue_entries,
        then=submit_main_form_empty,
    ),
    PageCase(
        "service-edit",
        "catalogue:service_edit",
        detail("catalogue:service_edit", "service"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "service-hide",
        "catalogue:service_hide",
        detail("catalogue:service_hide", "service"),
        "alice",
        catalogue_entries,
    ),
    PageCase(
        "task-list",
        "catalogue:task_list",
        lambda f: reverse("catalogue:task_list"),
        setup=catalogue_entries,
    ),
    PageCase(
        "task-detail",
        "catalogue:task_detail",
        detail("catalogue:task_detail", "task"),
        setup=catalogue_entries,
    ),
    PageCase(
        "task-manage",
        "catalogue:task_manage",
        lambda f: reverse("catalogue:task_manage"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "task-create",
        "catalogue:task_create",
        lambda f: reverse("catalogue:task_create"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "task-edit",
        "catalogue:task_edit",
        detail("catalogue:task_edit", "task"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "task-hide",
        "catalogue:task_hide",
        detail("catalogue:task_hide", "task"),
        "alice",
        catalogue_entries,
    ),
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
