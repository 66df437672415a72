"""The registry's pages in the browser tests' table."""

from __future__ import annotations

from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.core.models import Municipality
from kumppani.organisations.services import organisation_update
from kumppani.testing.factories import OrganisationFactory
from kumppani.testing.pages import Fixtures, PageCase, detail, submit_main_form_empty


def empty_registry(f: Fixtures) -> None:
    """No organisations at all: the list shows its empty state."""


def many_organisations(f: Fixtures) -> None:
    """Enough organisations in two counties to page the list, with bilingual names."""
    f.org_x, f.org_y  # noqa: B018 - request the fixtures for their data
    for number in range(30):
        OrganisationFactory(municipalities=["743" if number % 2 else "905"])


def waiting_changes(f: Fixtures) -> None:
    """bob asks to move org_x from Etelä-Pohjanmaa to Vaasa, in carol's Pohjanmaa."""
    organisation_update(
        organisation=f.org_x,
        actor=Actor(user=f.bob),
        municipalities=list(Municipality.objects.filter(code="905")),
    )


PAGES: list[PageCase] = [
    PageCase(
        "change-requests",
        "organisations:change_requests",
        lambda f: reverse("organisations:change_requests"),
        "carol",
        waiting_changes,
    ),
    PageCase(
        "organisation-detail-waiting-change",
        "organisations:detail",
        detail("organisations:detail", "org_x"),
        "bob",
        waiting_changes,
    ),
    PageCase(
        "organisation-dissolve",
        "organisations:dissolve",
        detail("organisations:dissolve", "org_x"),
        "alice",
    ),
    PageCase(
        "organisation-dissolve-with-errors",
        "organisations:dissolve",
        detail("organisations:dissolve", "org_x"),
        "alice",
        then=submit_main_form_empty,
    ),
    PageCase(
        "invite",
        "organisations:invite",
        lambda f: reverse("organisations:invite") + "?county=16",
        "alice",
    ),
    PageCase(
        "invite-with-errors",
        "organisations:invite",
        lambda f: reverse("organisations:invite") + "?county=16",
        "alice",
        then=submit_main_form_empty,
    ),
    PageCase(
        "organisation-list-empty", "organisations:list", lambda f: reverse("organisations:list")
    ),
    PageCase(
        "organisation-list",
        "organisations:list",
        lambda f: reverse("organisations:list"),
        setup=many_organisations,
    ),
    PageCase(
        "organisation-list-filtered",
        "organisations:list",
        lambda f: reverse("organisations:list") + "?q=omaishoitajat&county=16&municipality=743",
        setup=many_organisations,
    ),
    PageCase(
        "organisation-list-invalid-filter",
        "organisations:list",
        lambda f: reverse("organisations:list") + "?county=xx&municipality=nonsense&kind=nope",
        setup=many_organisations,
    ),
    PageCase(
        "organisation-list-page-2",
        "organisations:list",
        lambda f: reverse("organisations:list") + "?page=2",
        setup=many_organisations,
    ),
    PageCase(
        "organisation-create",
        "organisations:create",
        lambda f: reverse("organisations:create"),
        "alice",
    ),
    PageCase(
        "organisation-create-with-errors",
        "organisations:create",
        lambda f: reverse("organisations:create"),
        "alice",
        then=submit_main_form_empty,
    ),
    PageCase(
        "organisation-detail", "organisations:detail", detail("organisations:detail", "org_x")
    ),
    PageCase(
        "organisation-detail-coordinator",
        "organisations:detail",
        detail("organisations:detail", "org_x"),
        "alice",
    ),
    PageCase(
        "organisation-edit-representative",
        "organisations:edit",
        detail("organisations:edit", "org_x"),
        "bob",
    ),
    PageCase(
        "organisation-edit-with-errors",
        "organisations:edit",
        detail("organisations:edit", "org_x"),
        "bob",
        then=submit_main_form_empty,
    ),
    PageCase(
        "organisation-edit-coordinator",
        "organisations:edit",
        detail("organisations:edit", "org_x"),
        "alice",
    ),
]

# GET URL names that are not HTML pages, and why.
EXEMPT_URL_NAMES: dict[str, str] = {
    "organisations:verify": "POST-only: marks an organisation verified, then redirects",
    "organisations:reactivate": "POST-only: marks a dissolved organisation active, then redirects",
    "organisations:change_request_decide": "POST-only: approves or refuses a change",
    "organisations:export": "file export (CSV/XLSX), not an HTML page",
}
