"""The registry's pages in the browser tests' table."""

from __future__ import annotations

from kumppani.core.actor import Actor
from kumppani.core.models import Municipality
from kumppani.organisations.services import organisation_update
from kumppani.testing.factories import OrganisationFactory
from kumppani.testing.pages import Fixtures, PageCase, and_with_errors, page_at, page_of


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
    page_at(
        "change-requests", "organisations:change_requests", persona="carol", setup=waiting_changes
    ),
    page_of(
        "organisation-detail-waiting-change",
        "organisations:detail",
        "org_x",
        persona="bob",
        setup=waiting_changes,
    ),
    *and_with_errors(
        page_of("organisation-dissolve", "organisations:dissolve", "org_x", persona="alice")
    ),
    *and_with_errors(page_at("invite", "organisations:invite", "?county=16", persona="alice")),
    page_at("organisation-list-empty", "organisations:list"),
    *(
        page_at(
            f"organisation-list{variant}", "organisations:list", query, setup=many_organisations
        )
        for variant, query in [
            ("", ""),
            ("-filtered", "?q=omaishoitajat&county=16&municipality=743"),
            ("-invalid-filter", "?county=xx&municipality=nonsense&kind=nope"),
            ("-page-2", "?page=2"),
        ]
    ),
    *and_with_errors(page_at("organisation-create", "organisations:create", persona="alice")),
    page_of("organisation-detail", "organisations:detail", "org_x"),
    page_of("organisation-detail-coordinator", "organisations:detail", "org_x", persona="alice"),
    *and_with_errors(
        page_of("organisation-edit-representative", "organisations:edit", "org_x", persona="bob"),
        "organisation-edit-with-errors",
    ),
    page_of("organisation-edit-coordinator", "organisations:edit", "org_x", persona="alice"),
    *and_with_errors(
        page_of("organisation-verify", "organisations:verify", "org_x", persona="alice")
    ),
]

# GET URL names that are not HTML pages, and why.
EXEMPT_URL_NAMES: dict[str, str] = {
    "organisations:reactivate": "POST-only: marks a dissolved organisation active, then redirects",
    "organisations:change_request_decide": "POST-only: approves or refuses a change",
    "organisations:export": "file export (CSV/XLSX), not an HTML page",
}
