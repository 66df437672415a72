"""The grants pages in the browser tests' table."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import CountyRoleKind
from kumppani.core.actor import Actor
from kumppani.core.models import Municipality
from kumppani.grants.models import PartnershipAgreement
from kumppani.grants.services.agreements import agreement_create, tranche_release
from kumppani.grants.services.applications import (
    application_save,
    application_start,
    application_submit,
)
from kumppani.grants.services.attachments import attachment_add
from kumppani.grants.services.documents import document_batch_start
from kumppani.grants.services.notices import notice_save
from kumppani.grants.services.partners import partner_add
from kumppani.grants.services.requests import info_request
from kumppani.grants.services.review import disqualification_declare, reviewer_assign
from kumppani.grants.tasks import documents_make
from kumppani.testing.factories import county, county_role
from kumppani.testing.pages import (
    Fixtures,
    PageCase,
    and_with_errors,
    detail,
    page_at,
    submit_main_form_empty,
)

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


def a_completed_application(f: Fixtures) -> None:
    """org_y's application in review, asked to be completed, sent again with a changed
    description, and asked again (an open request and a revision difference)."""
    a_review(f)
    for message in ("Tarkentakaa <kohderyhmät>.", "Lisätkää tilavuokra talousarvioon."):
        info_request(
            application=f.application,
            actor=Actor(user=f.carol),
            message=message,
            respond_by=timezone.localdate() + timedelta(days=14),
        )
        if message.startswith("Tarkentakaa"):
            application_save(
                application=f.application,
                actor=Actor(user=f.sanna),
                description="Kuukausittaiset vertaisryhmät Vaasassa ja Mustasaaressa.",
                target_groups="Omaishoitajat & heidän läheisensä",
            )
            application_submit(
                application=f.application, actor=Actor(user=f.sanna), declarations=True
            )


PAGES += [
    PageCase(
        "grant-call-applications",
        "grants:call_applications",
        detail("grants:call_applications", "call"),
        "carol",
        a_decision,
    ),
    PageCase(
        "grant-call-decisions",
        "grants:call_decisions",
        detail("grants:call_decisions", "call"),
        "carol",
        a_review,
    ),
    *and_with_errors(
        PageCase(
            "grant-managed-application",
            "grants:managed_application",
            detail("grants:managed_application", "application"),
            "carol",
            a_review,
        )
    ),
    PageCase(
        "grant-managed-application-revisions",
        "grants:managed_application",
        detail("grants:managed_application", "application"),
        "carol",
        a_completed_application,
    ),
    PageCase(
        "grant-application-asked",
        "grants:application_detail",
        detail("grants:application_detail", "application"),
        "sanna",
        a_completed_application,
    ),
]
EXEMPT_URL_NAMES["grants:call_applications_export"] = (
    "file export: a call's applications as CSV or Excel"
)


def money(f: Fixtures) -> None:
    """This year's grant to org_y, held by an earlier grant whose usage report is sent but
    not accepted; a recovery open on the earlier one."""
    from datetime import date
    from decimal import Decimal

    from kumppani.grants.services.funding import recovery_create, report_submit

    from .conftest import sent_in_time

    a_decision(f)
    f.decision = f.application.decision
    f.old = decide(
        sent_in_time(
            make_call(opens_on=date(2024, 11, 1), closes_on=date(2024, 11, 30)), f.org_y, f.sanna
        ),
        f.carol,
        "5000",
    )
    report_submit(
        report=f.old.usage_report,
        actor=Actor(user=f.sanna),
        what_was_done="Vertaisryhmiä kerran kuussa.",
        people_reached=40,
        lines={"personnel": Decimal("4000")},
    )
    f.recovery = recovery_create(
        decision=f.old, actor=Actor(user=f.carol), amount=Decimal(500), reason="Käyttämättä."
    )


def notices_open(f: Fixtures) -> None:
    """grant_entries, the call taking advance notices, and org_y's notice to it."""
    grant_entries(f)
    today = timezone.localdate()
    f.call.notices_open_on, f.call.notices_close_on = today, today + timedelta(days=7)
    f.call.save(update_fields=["notices_open_on", "notices_close_on"])
    notice_save(
        actor=Actor(user=f.sanna),
        call=f.call,
        organisation=f.org_y,
        municipalities=Municipality.objects.filter(code__in=["905", "499"]),
        activity="Vertaisryhmät omaishoitajille",
        themes=["older_people", "inclusion"],
        estimated_amount=Decimal("12000"),
    )


def a_joint_application(f: Fixtures) -> None:
    """grant_entries with org_x (bob's) named as a partner, not yet confirmed, and a file."""
    grant_entries(f)
    f.bob  # noqa: B018 - org_x's representative, for the partner's page
    partner_add(application=f.application, organisation=f.org_x, actor=Actor(user=f.sanna))
    programme = f.call.programme
    programme.required_attachments = ["budget", "financial_statements"]
    programme.save(update_fields=["required_attachments"])
    attachment_add(
        application=f.application,
        kind="budget",
        upload=SimpleUploadedFile("talousarvio.pdf", b"%PDF-1.7\n%%EOF\n"),
        actor=Actor(user=f.sanna),
    )


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
    page_at("grant-payments", "grants:payment_list", persona="carol", setup=money),
    page_at("grant-reports", "grants:report_list", persona="carol", setup=money),
    page_at("grant-recoveries", "grants:recovery_list", persona="carol", setup=money),
    *and_with_errors(
        PageCase(
            "grant-report-review",
            "grants:report_review",
            lambda f: reverse("grants:report_review", args=[f.old.public_id]),
            "carol",
            money,
        )
    ),
    *and_with_errors(
        PageCase(
            "grant-recovery-repaid",
            "grants:recovery_repaid",
            lambda f: reverse("grants:recovery_repaid", args=[f.recovery.pk]),
            "carol",
            money,
        )
    ),
    *and_with_errors(
        PageCase(
            "grant-usage-report",
            "grants:report_edit",
            detail("grants:report_edit", "application"),
            "sanna",
            money,
        )
    ),
    PageCase(
        "grant-application-decided",
        "grants:application_detail",
        detail("grants:application_detail", "application"),
        "sanna",
        money,
    ),
    *and_with_errors(
        PageCase(
            "grant-notice",
            "grants:notice_edit",
            lambda f: reverse("grants:notice_edit", args=[f.call.public_id]),
            "sanna",
            notices_open,
        )
    ),
    PageCase(
        "grant-notice-budgeting",
        "grants:notice_budgeting",
        lambda f: reverse("grants:notice_budgeting", args=[f.call.public_id]),
        "carol",
        notices_open,
    ),
    PageCase(
        "grant-application-partners",
        "grants:application_partners",
        lambda f: (
            reverse("grants:application_partners", args=[f.application.public_id])
            + "?q=Omaishoitajat"
        ),
        "sanna",
        a_joint_application,
    ),
    PageCase(
        "grant-my-applications-partner",
        "grants:my_applications",
        lambda f: reverse("grants:my_applications"),
        "bob",
        a_joint_application,
    ),
    *and_with_errors(
        PageCase(
            "grant-application-attachments",
            "grants:application_attachments",
            detail("grants:application_attachments", "application"),
            "sanna",
            a_joint_application,
        )
    ),
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

EXEMPT_URL_NAMES |= {
    "grants:payment_action": "POST-only: approves a payment or marks it sent or paid",
    "grants:payment_finance_list": "file export: approved payments for the finance system",
    "grants:report_list_export": "file export: the usage reports as CSV or Excel",
    "grants:application_decision_pdf": "PDF document: the decision",
    "grants:notice_export": "file export: a call's advance notices as CSV or Excel",
    "grants:partner_confirm": "POST-only: confirms the partnership, then redirects",
    "grants:attachment_later": "POST-only: marks an attachment to come later, then redirects",
    "grants:attachment_remove": "POST-only: removes the attachment, then redirects",
    "grants:attachment_download": "file download: the attachment itself",
    "grants:application_copy_previous": "POST-only: fills the draft in, then redirects",
}
EXEMPT_URL_NAMES.update(
    {
        "grants:decision_document_file": "a PDF download",
        "grants:call_documents_zip": "a zip download",
        "grants:tranche_release": "a POST-only action of the agreements page",
    }
)


def a_programme(f: Fixtures) -> None:
    """A Pohjanmaa programme with a draft call whose last day falls on a Saturday."""
    f.call = make_call(published=False, closes_on=timezone.localdate() + timedelta(days=30))
    f.programme = f.call.programme
    f.goal = f.programme.criteria.get().goal


PAGES += [
    *and_with_errors(
        PageCase(
            "grant-county-goals",
            "grants:county_goals",
            lambda f: reverse("grants:county_goals", args=["17"]),
            "carol",
            a_programme,
        )
    ),
    PageCase(
        "grant-goal-edit",
        "grants:goal_edit",
        lambda f: reverse("grants:goal_edit", args=[f.goal.pk]),
        "carol",
        a_programme,
    ),
    PageCase(
        "grant-appeal-instructions",
        "grants:appeal_instructions",
        lambda f: reverse("grants:appeal_instructions", args=["17"]),
        "carol",
        a_programme,
    ),
    *and_with_errors(
        PageCase(
            "grant-programme-new",
            "grants:programme_new",
            lambda f: reverse("grants:programme_new", args=["17"]),
            "carol",
            a_programme,
        )
    ),
    PageCase(
        "grant-programme-edit",
        "grants:programme_edit",
        detail("grants:programme_edit", "programme"),
        "carol",
        a_programme,
    ),
    *and_with_errors(
        PageCase(
            "grant-call-new",
            "grants:call_new",
            detail("grants:call_new", "programme"),
            "carol",
            a_programme,
        )
    ),
    PageCase(
        "grant-call-edit",
        "grants:call_edit",
        detail("grants:call_edit", "call"),
        "carol",
        a_programme,
    ),
    PageCase(
        "grant-programmes-home",
        "grants:managed_calls",
        lambda f: reverse("grants:managed_calls"),
        "carol",
        a_programme,
    ),
]
EXEMPT_URL_NAMES.update(
    {
        "grants:programme_copy": "POST-only: copies the programme, then redirects to the copy",
        "grants:call_publish": "POST-only: publishes the call, then redirects",
    }
)
EXEMPT_URL_NAMES.update(
    {
        "grants:application_receipt_pdf": "PDF document: the receipt of a sent version",
        "grants:application_autosave": "POST-only: the application form's automatic save",
    }
)


def an_agreement_to_change(f: Fixtures) -> None:
    """`an_agreement`, its first tranche released."""
    an_agreement(f)
    f.agreement = PartnershipAgreement.objects.get()
    tranche_release(tranche=f.agreement.tranches.get(year=2027), actor=Actor(user=f.carol))


PAGES += [
    *and_with_errors(
        PageCase(
            "grant-agreement-new",
            "grants:agreement_new",
            lambda f: reverse("grants:agreement_new", args=["17"]),
            "carol",
            an_agreement,
        )
    ),
    *and_with_errors(
        PageCase(
            "grant-agreement-edit",
            "grants:agreement_edit",
            lambda f: reverse("grants:agreement_edit", args=[f.agreement.pk]),
            "carol",
            an_agreement_to_change,
        )
    ),
]
