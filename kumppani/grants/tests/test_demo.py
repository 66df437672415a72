"""The demo's grants: both counties' programmes in two rounds. Last year's is decided and
paid, with one usage report accepted, one waiting for review and one missing (that
organisation's next payment held) and one recovery; this year's has advance notices within
their window and applications in every state. Running the seed again adds nothing."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import BytesIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader
from stdnum import iban

from kumppani.accounts.models import User
from kumppani.core import workflow
from kumppani.core.models import AuditEvent
from kumppani.grants.holds import payment_holds
from kumppani.grants.models import (
    AdvanceNotice,
    AppealInstructions,
    Application,
    ApplicationStatus,
    Assignment,
    Attachment,
    Call,
    CallStatus,
    Partner,
    Payment,
    PaymentStatus,
    Programme,
    Recovery,
    ReportStatus,
    Tranche,
    TrancheStatus,
    UsageReport,
)

S = ApplicationStatus


def statuses(county: str, year: int) -> Counter[str]:
    return Counter(
        Application.objects.filter(
            call__programme__county__code=county, call__programme__year=year
        ).values_list("status", flat=True)
    )


def check_both_rounds_have_both_counties_programmes_published(year: int) -> None:
    for grant_year in (year, year + 1):
        programmes = Programme.objects.filter(year=grant_year)
        assert sorted(programmes.values_list("county__code", "kind")) == [
            ("16", "operating"),
            ("16", "partnership"),
            ("16", "project"),
            ("17", "one_off"),
            ("17", "operating"),
            ("17", "partnership"),
        ]
        assert all(p.title_sv and p.description_sv for p in programmes.filter(county__code="17"))
    assert Call.objects.filter(status=CallStatus.PUBLISHED).count() == 12
    this_years = Call.objects.filter(programme__year=year + 1, programme__kind="operating")
    assert {(c.opens_on.day, c.opens_on.month, c.closes_on.day) for c in this_years} == {
        (1, 11, 30)
    }


def check_this_years_applications_are_in_every_state(year: int) -> None:
    assert statuses("16", year + 1) == {
        S.DRAFT: 3,
        S.SUBMITTED: 3,
        S.INFO_REQUESTED: 1,
        S.IN_REVIEW: 3,
        S.DECIDED: 2,
    }
    assert statuses("17", year + 1) == {
        S.DRAFT: 1,
        S.SUBMITTED: 3,
        S.INFO_REQUESTED: 1,
        S.IN_REVIEW: 2,
        S.DECIDED: 1,
    }
    assert Application.objects.filter(call__programme__county__code="17", language="sv").count()
    sent = Application.objects.exclude(status=S.DRAFT)
    assert all(iban.is_valid(a.iban) and a.bic for a in sent)
    assert all(
        a.info_requests.filter(answered_at=None).exists()
        for a in sent.filter(status=S.INFO_REQUESTED)
    )


def check_one_reviewer_is_disqualified_with_a_reason_and_one_has_yet_to_declare() -> None:
    disqualified = Assignment.objects.get(disqualified=True)
    assert disqualified.disqualification_reason
    assert disqualified.application.status == S.IN_REVIEW
    # The other reviewer of that application scored it.
    other = disqualified.application.assignments.exclude(pk=disqualified.pk).get()
    assert other.disqualified is False and other.scores.exists()
    assert disqualified.reviewer.email.startswith("arvioija@")
    waiting = Assignment.objects.filter(reviewer=disqualified.reviewer, disqualified=None)
    assert waiting.count() == 1


def check_last_years_grants_are_paid_with_reports_in_three_states_and_a_recovery(
    year: int,
) -> None:
    assert statuses("16", year) == {S.DECIDED: 5}
    assert statuses("17", year) == {S.DECIDED: 3}
    last_years = Payment.objects.filter(decision__application__call__programme__year=year)
    assert set(last_years.values_list("status", flat=True)) == {
        PaymentStatus.PAID,
        PaymentStatus.SENT,
    }
    reports = UsageReport.objects.filter(decision__application__call__programme__year=year)
    assert Counter(reports.values_list("status", flat=True)) == {
        ReportStatus.ACCEPTED: 3,
        ReportStatus.SUBMITTED: 2,
        ReportStatus.DUE: 2,
    }
    today = timezone.localdate()
    missing = reports.get(status=ReportStatus.DUE, decision__report_due__lt=today)
    assert reports.filter(status=ReportStatus.DUE, decision__report_due__gte=today).count() == 1
    recovery = Recovery.objects.get()
    assert recovery.repaid_on is None
    assert recovery.decision.usage_report.status == ReportStatus.ACCEPTED

    # The organisation whose report is missing: its next payment is held, and says why.
    held_organisation = missing.decision.application.organisation
    assert held_organisation.roles.filter(user__email__startswith="yhdistys@").exists()
    this_years = list(
        Payment.objects.filter(
            decision__application__call__programme__year=year + 1
        ).select_related("decision__application__call__programme")
    )
    holds = payment_holds(this_years)
    held = [p for p in this_years if holds[p.pk]]
    assert {p.decision.application.organisation for p in held} == {held_organisation}
    assert all(p.status == PaymentStatus.SCHEDULED for p in held)
    assert str(year) in holds[held[0].pk]
    assert missing.decision.application.activity in holds[held[0].pk]
    approved = [p for p in this_years if p.status == PaymentStatus.APPROVED]
    assert approved and not any(holds[p.pk] for p in approved)


def check_notices_are_within_their_window_and_spread_over_themes_and_places(year: int) -> None:
    notices = AdvanceNotice.objects.select_related("call__programme")
    assert notices.count() == 12
    for notice in notices:
        assert notice.call.programme.year == year + 1
        assert (notice.call.notices_open_on, notice.call.notices_close_on) == (
            date(year, 6, 4),
            date(year, 9, 30),
        )
        assert notice.estimated_amount and notice.themes
    # The service takes notices only inside the window: each went through it.
    saved = AuditEvent.objects.filter(action="grants.notice.save")
    assert saved.count() == 12
    assert len({t for n in notices for t in n.themes}) >= 6
    assert notices.values("municipalities").distinct().count() >= 15
    # An application to the call that a notice came before starts from it.
    assert Application.objects.filter(notice__isnull=False).count() >= 3


def check_representative_has_a_draft_a_joint_application_and_a_report_to_send() -> None:
    representative = User.objects.get(email__startswith="yhdistys@")
    organisation = representative.organisation_roles.get().organisation
    own = Application.objects.filter(organisation=organisation)
    assert set(own.values_list("status", flat=True)) == {S.DRAFT, S.DECIDED}
    draft = own.get(status=S.DRAFT)
    assert draft.attachments.filter(delivered_later=True).count() == 1
    pdf = draft.attachments.get(delivered_later=False)
    with pdf.file.open("rb") as file:
        assert len(PdfReader(BytesIO(file.read())).pages) == 1
    assert UsageReport.objects.filter(
        decision__application__organisation=organisation, status=ReportStatus.DUE
    ).exists()
    # A joint application: this organisation has confirmed, another has not yet.
    partners = Partner.objects.filter(application__status=S.DRAFT)
    assert {(p.organisation == organisation, p.confirmed_at is not None) for p in partners} == {
        (True, True),
        (False, False),
    }
    assert Attachment.objects.filter(delivered_later=False).count() >= 10


def check_partnership_agreement_and_appeal_instructions(year: int) -> None:
    tranches = Tranche.objects.filter(agreement__county__code="16").order_by("year")
    assert [(t.year, t.status) for t in tranches] == [
        (year - 1, TrancheStatus.RELEASED),
        (year, TrancheStatus.RELEASED),
        (year + 1, TrancheStatus.PLANNED),
    ]
    agreement = tranches[0].agreement
    assert agreement.premises and agreement.communications and agreement.other_support
    instructions = AppealInstructions.objects.order_by("county__code")
    assert [i.county.code for i in instructions] == ["16", "17"]
    assert all(i.text_fi and i.text_sv for i in instructions)


def check_last_years_history_is_dated_as_the_round_went(year: int) -> None:
    """A decided application of last year's round was sent, reviewed and decided in that
    round, not on the day the demo was made."""
    decided = Application.objects.filter(
        call__programme__year=year, status=ApplicationStatus.DECIDED
    )
    assert decided.exists()
    for application in decided:
        moments = {change.to_state: change.changed_at for change in workflow.history(application)}
        sent = timezone.localtime(moments[ApplicationStatus.SUBMITTED])
        assert sent.year == year - 1
        assert sent < moments[ApplicationStatus.IN_REVIEW] < moments[ApplicationStatus.DECIDED]
        decided_on = timezone.localtime(moments[ApplicationStatus.DECIDED]).date()
        assert decided_on == date(year - 1, 12, 1)


MODELS = (Programme, Application, Payment, UsageReport, AdvanceNotice, Attachment, AuditEvent)


@pytest.mark.django_db
def test_the_demo_tells_both_rounds_and_seeding_again_adds_nothing(settings, tmp_path) -> None:
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    year = timezone.localdate().year

    call_command("seed_demo")

    check_both_rounds_have_both_counties_programmes_published(year)
    check_this_years_applications_are_in_every_state(year)
    check_one_reviewer_is_disqualified_with_a_reason_and_one_has_yet_to_declare()
    check_last_years_grants_are_paid_with_reports_in_three_states_and_a_recovery(year)
    check_notices_are_within_their_window_and_spread_over_themes_and_places(year)
    check_representative_has_a_draft_a_joint_application_and_a_report_to_send()
    check_partnership_agreement_and_appeal_instructions(year)
    check_last_years_history_is_dated_as_the_round_went(year)
    counts = [model.objects.count() for model in MODELS]

    call_command("seed_demo")

    assert [model.objects.count() for model in MODELS] == counts
