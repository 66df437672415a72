"""The grants pages in the browser tests' table."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from kumppani.accounts.models import CountyRoleKind
from kumppani.core.actor import Actor
from kumppani.grants.services.agreements import agreement_create
from kumppani.grants.services.applications import application_start, application_submit
from kumppani.grants.services.documents import document_batch_start
from kumppani.grants.services.review import disqualification_declare, reviewer_assign
from kumppani.grants.tasks import documents_make
from kumppani.testing.factories import county, county_role
from kumppani.testing.pages import Fixtures, PageCase, detail, submit_main_form_empty

from .conftest import decide, fill_in, make_call


def grant_entries(f: Fixtures) -> None:
    """An open call of Pohjanmaa and sanna's filled-in draft to it for org_y."""
    f.call = make_call()
    organisation = f.org_y
    organisation.business_id = "1234561-2"
    organisation.save(update_fields=["business_id"])
    f.application = fill_in(
        application_start(actor=Actor(user=f.sanna), call=f.call, organisation=organisation),
        f.sanna,
    )


def a_decision(f: Fixtures) -> None:
    """A grant decided for org_y's sent application."""
    grant_entries(f)
    application_submit(application=f.application, actor=Actor(user=f.sanna), declarations=True)
    decide(f.application, f.carol, "8000")


PAGES: list[PageCase] = [
    PageCase(
        "grant-decisions",
        "grants:decision_register",
        lambda f: reverse("grants:decision_register"),
        None,
        a_decision,
    ),
    PageCase(
        "grant-calls",
        "grants:call_list",
        lambda f: reverse("grants:call_list"),
        None,
        grant_entries,
    ),
    PageCase(
        "grant-call",
        "grants:call_detail",
        detail("grants:call_detail", "call"),
        "sanna",
        grant_entries,
    ),
    PageCase(
        "grant-my-applications",
        "grants:my_applications",
        lambda f: reverse("grants:my_applications"),
        "sanna",
        grant_entries,
    ),
    PageCase(
        "grant-application",
        "grants:application_detail",
        detail("grants:application_detail", "application"),
        "sanna",
        grant_entries,
    ),
    PageCase(
        "grant-application-edit",
        "grants:application_edit",
        detail("grants:application_edit", "application"),
        "sanna",
        grant_entries,
    ),
    PageCase(
        "grant-application-send",
        "grants:application_submit",
        detail("grants:application_submit", "application"),
        "sanna",
        grant_entries,
    ),
    PageCase(
        "grant-application-send-with-errors",
        "grants:application_submit",
        detail("grants:application_submit", "application"),
        "sanna",
        grant_entries,
        then=submit_main_form_empty,
    ),
]

PAGES += [
    PageCase(
        "grant-managed-calls",
        "grants:managed_calls",
        lambda f: reverse("grants:managed_calls"),
        "carol",
        a_decision,
    ),
    PageCase(
        "grant-call-review",
        "grants:call_review",
        detail("grants:call_review", "call"),
        "carol",
        a_decision,
    ),
]


def a_review(f: Fixtures) -> None:
    """org_y's sent application given to rita's colleague in Pohjanmaa, declaration not made."""
    grant_entries(f)
    application_submit(application=f.application, actor=Actor(user=f.sanna), declarations=True)
    reviewer = f.rita
    county_role(reviewer, "17", CountyRoleKind.REVIEWER)
    f.assignment = reviewer_assign(
        application=f.application, reviewer=reviewer, actor=Actor(user=f.carol)
    )


def a_scored_review(f: Fixtures) -> None:
    a_review(f)
    disqualification_declare(assignment=f.assignment, actor=Actor(user=f.rita), disqualified=False)


PAGES += [
    PageCase(
        "grant-my-reviews",
        "grants:my_reviews",
        lambda f: reverse("grants:my_reviews"),
        "rita",
        a_review,
    ),
    PageCase(
        "grant-review-declaration",
        "grants:review",
        lambda f: reverse("grants:review", args=[f.assignment.pk]),
        "rita",
        a_review,
    ),
    PageCase(
        "grant-review-declaration-with-errors",
        "grants:review",
        lambda f: reverse("grants:review", args=[f.assignment.pk]),
        "rita",
        a_review,
        then=submit_main_form_empty,
    ),
    PageCase(
        "grant-review-scoring",
        "grants:review",
        lambda f: reverse("grants:review", args=[f.assignment.pk]),
        "rita",
        a_scored_review,
    ),
]

# GET URL names that are not HTML pages, and why.
EXEMPT_URL_NAMES: dict[str, str] = {
    "grants:application_start": "POST-only: starts (or finds) the application, then redirects",
    "grants:application_withdraw": "POST-only: withdraws the application, then redirects",
    "grants:decision_register_export": "file export: the register of decisions as CSV or Excel",
}


def decision_documents_made(f: Fixtures) -> None:
    """A decided application whose call's decision documents have been made."""
    a_decision(f)
    with override_settings(PRIVATE_MEDIA_ROOT=Path(tempfile.mkdtemp())):
        batch = document_batch_start(call=f.call, actor=Actor(user=f.carol))
        documents_make(batch_id=batch.pk)


def an_agreement(f: Fixtures) -> None:
    """A partnership agreement of Pohjanmaa with org_y, three yearly tranches."""
    grant_entries(f)
    agreement_create(
        actor=Actor(user=f.carol),
        county=county("17"),
        organisation=f.org_y,
        title="Omaishoitajien tuki",
        starts_year=2027,
        ends_year=2029,
        tranches=[(year, Decimal("20000")) for year in (2027, 2028, 2029)],
        premises="Kokoustilat Vaasan sote-keskuksessa",
        communications="Tapahtumat hyvinvointialueen tiedotteissa",
    )


PAGES += [
    PageCase(
        "grant-call-documents",
        "grants:call_documents",
        detail("grants:call_documents", "call"),
        "carol",
        decision_documents_made,
    ),
    PageCase(
        "grant-agreements",
        "grants:agreements",
        lambda f: reverse("grants:agreements"),
        "carol",
        an_agreement,
    ),
]
EXEMPT_URL_NAMES.update(
    {
        "grants:decision_document_file": "a PDF download",
        "grants:call_documents_zip": "a zip download",
        "grants:tranche_release": "a POST-only action of the agreements page",
    }
)
