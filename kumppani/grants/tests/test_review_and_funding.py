"""Review with disqualification declarations, decisions within the appropriation, and
payments held until the previous usage report is accepted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kumppani.accounts.models import CountyRoleKind
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, OutgoingEmail
from kumppani.grants.models import Application, ApplicationStatus, PaymentStatus, Score
from kumppani.grants.services.applications import application_submit
from kumppani.grants.services.funding import (
    Held,
    payment_approve,
    recovery_create,
    recovery_repaid,
    report_accept,
    report_submit,
)
from kumppani.grants.services.review import (
    disqualification_declare,
    may_see_scores,
    reviewer_assign,
    scores_save,
    summary,
)
from kumppani.testing.factories import UserFactory, county_role

from .conftest import decide, fill_in, make_call, sent_in_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewers(db) -> tuple:
    first = UserFactory.create(full_name="Risto Arvioija")
    second = UserFactory.create(full_name="Raili Arvioija")
    county_role(first, "17", CountyRoleKind.REVIEWER)
    county_role(second, "17", CountyRoleKind.REVIEWER)
    return first, second


def test_a_disqualified_reviewer_can_neither_score_nor_see_the_scores(
    sent, reviewers, carol
) -> None:
    able, disqualified = reviewers
    criterion = sent.call.programme.criteria.get()
    first = reviewer_assign(application=sent, reviewer=able, actor=Actor(user=carol))
    second = reviewer_assign(application=sent, reviewer=disqualified, actor=Actor(user=carol))
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.IN_REVIEW

    with pytest.raises(ValidationError):  # no declaration yet
        scores_save(assignment=first, actor=Actor(user=able), scores={criterion.pk: (4, "")})
    disqualification_declare(assignment=first, actor=Actor(user=able), disqualified=False)
    scores_save(
        assignment=first, actor=Actor(user=able), scores={criterion.pk: (4, "Selkeä hakemus.")}
    )

    with pytest.raises(ValidationError) as no_reason:
        disqualification_declare(
            assignment=second, actor=Actor(user=disqualified), disqualified=True
        )
    assert "reason" in no_reason.value.message_dict
    disqualification_declare(
        assignment=second,
        actor=Actor(user=disqualified),
        disqualified=True,
        reason="Hakijayhdistyksen hallituksen jäsen.",
    )
    with pytest.raises(ValidationError):
        scores_save(
            assignment=second, actor=Actor(user=disqualified), scores={criterion.pk: (1, "")}
        )
    assert may_see_scores(able, sent)
    assert not may_see_scores(disqualified, sent)
    assert may_see_scores(carol, sent)

    rows, appropriation = summary(sent.call)
    assert [(row.weighted_average, row.reviewers) for row in rows] == [(Decimal("4.00"), 1)]
    assert appropriation == Decimal("100000")
    declarations = AuditEvent.objects.filter(action="grants.review.declare").order_by("id")
    assert [event.details["disqualified"] for event in declarations] == [False, True]


def test_decisions_stay_within_the_appropriation_unless_confirmed(
    applicant, sanna, carol, org_x
) -> None:
    call = make_call(appropriation=Decimal("10000"))
    application = fill_in(
        Application.objects.create(call=call, organisation=applicant, created_by=sanna), sanna
    )
    application_submit(application=application, actor=Actor(user=sanna), declarations=True)
    with pytest.raises(ValidationError) as over:
        decide(application, carol, "12000")
    assert over.value.code == "over_appropriation"
    assert not hasattr(Application.objects.get(pk=application.pk), "decision")

    decision = decide(application, carol, "12000", confirm_over_appropriation=True)
    assert decision.over_appropriation_confirmed_by == carol
    event = AuditEvent.objects.get(action="grants.application.decide")
    assert event.details["over_appropriation"] == "2000.00"
    assert decision.payments.get().amount == Decimal("12000")
    # The applicant's representative is told through the outbox.
    assert OutgoingEmail.objects.filter(
        recipient=sanna.email, subject__startswith="Päätös"
    ).exists()


def test_a_payment_waits_for_last_years_usage_report(applicant, sanna, carol) -> None:
    old = sent_in_time(
        make_call(opens_on=date(2024, 11, 1), closes_on=date(2024, 11, 30)), applicant, sanna
    )
    old_decision = decide(old, carol, "5000")
    payment_approve(payment=old_decision.payments.get(), actor=Actor(user=carol))

    this_year = make_call()
    new = fill_in(
        Application.objects.create(call=this_year, organisation=applicant, created_by=sanna),
        sanna,
    )
    application_submit(application=new, actor=Actor(user=sanna), declarations=True)
    # A new decision waits too.
    with pytest.raises(Held) as held:
        decide(new, carol, "6000")
    assert "käyttöselvitys" in str(held.value.message).lower()

    report = old_decision.usage_report
    report_submit(
        report=report,
        actor=Actor(user=sanna),
        what_was_done="Ryhmät kokoontuivat 10 kertaa.",
        people_reached=40,
        amount_used=Decimal("5000"),
    )
    report_accept(report=report, actor=Actor(user=carol))
    decision = decide(new, carol, "6000")
    payment = decision.payments.get()

    recovery = recovery_create(
        decision=old_decision, actor=Actor(user=carol), amount=Decimal("500"), reason="Käyttämättä."
    )
    with pytest.raises(Held):
        payment_approve(payment=payment, actor=Actor(user=carol))
    recovery_repaid(recovery=recovery, actor=Actor(user=carol), repaid_on=date(2027, 2, 1))
    payment_approve(payment=payment, actor=Actor(user=carol))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.APPROVED
    payment_approve(payment=payment, actor=Actor(user=carol))  # again: nothing changes
    assert AuditEvent.objects.filter(action="grants.payment.approve").count() == 2


def test_the_coordinator_sees_the_review_summary_of_their_county_only(
    client, sent, reviewers, carol, alice
) -> None:
    able, _other = reviewers
    assignment = reviewer_assign(application=sent, reviewer=able, actor=Actor(user=carol))
    disqualification_declare(assignment=assignment, actor=Actor(user=able), disqualified=False)
    criterion = sent.call.programme.criteria.get()
    scores_save(assignment=assignment, actor=Actor(user=able), scores={criterion.pk: (3, "")})
    url = f"/fi/grants/manage/calls/{sent.call.public_id}/"
    client.force_login(carol)
    page = client.get(url).content.decode()
    assert "Omaishoitajien vertaisryhmät" in page
    assert "3,00" in page  # the weighted score, as Finnish writes it
    assert "100 000,00" in page.replace("\xa0", " ")  # the appropriation
    assert str(sent.call.public_id) in client.get("/fi/grants/manage/").content.decode()
    client.force_login(alice)  # coordinator of another county
    assert client.get(url).status_code == 404


def test_a_reviewer_declares_first_and_only_one_not_disqualified_sees_and_gives_scores(
    client, sent, reviewers, carol
) -> None:
    able, disqualified = reviewers
    criterion = sent.call.programme.criteria.get()
    first = reviewer_assign(application=sent, reviewer=able, actor=Actor(user=carol))
    second = reviewer_assign(application=sent, reviewer=disqualified, actor=Actor(user=carol))

    client.force_login(able)
    url = f"/fi/grants/reviews/{first.pk}/"
    page = client.get(url).content.decode()
    assert "Kuukausittaiset vertaisryhmät Vaasassa." not in page  # not before the declaration
    client.post(url, {"disqualified": "no"})
    page = client.get(url).content.decode()
    assert "Kuukausittaiset vertaisryhmät Vaasassa." in page
    client.post(url, {f"score_{criterion.pk}": "4", f"comment_{criterion.pk}": "Hyvä."})
    assert Score.objects.get(assignment=first).score == 4

    client.force_login(disqualified)
    url = f"/fi/grants/reviews/{second.pk}/"
    client.post(url, {"disqualified": "yes", "reason": "Hallituksen jäsen."})
    client.post(url, {f"score_{criterion.pk}": "1"})
    page = client.get(url).content.decode()
    assert "Hyvä." not in page and "Kuukausittaiset" not in page
    assert not Score.objects.filter(assignment=second).exists()
    # Someone else's assignment is not theirs to open.
    assert client.get(f"/fi/grants/reviews/{first.pk}/").status_code == 404


def test_score_bands_sum_the_proposals_by_half_points_with_the_running_total() -> None:
    from kumppani.grants.services.review import SummaryRow, score_bands

    def row(average: str | None, requested: int, proposed: int | None = None) -> SummaryRow:
        return SummaryRow(
            application=None,  # type: ignore[arg-type]
            weighted_average=None if average is None else Decimal(average),
            reviewers=2,
            requested=Decimal(requested),
            proposed=None if proposed is None else Decimal(proposed),
            running_total=Decimal(0),
        )

    rows = [row("5.00", 1000), row("4.60", 2000, 1500), row("4.40", 3000), row(None, 500)]
    running = Decimal(0)
    for r in rows:
        running += r.proposed if r.proposed is not None else r.requested
        r.running_total = running
    assert score_bands(rows) == [
        ("4,5–5", Decimal(2500), Decimal(2500)),
        ("4–4,5", Decimal(3000), Decimal(5500)),
        ("pisteyttämättä", Decimal(500), Decimal(6000)),
    ]
