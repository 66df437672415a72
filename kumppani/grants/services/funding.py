"""Decisions, their payments, usage reports and recoveries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record

from ..holds import hold_reason
from ..models import (
    Application,
    ApplicationStatus,
    Assignment,
    Decision,
    Payment,
    PaymentStatus,
    Programme,
    Recovery,
    ReportLine,
    ReportStatus,
    UsageReport,
)
from ..notifications import tell_applicant


class Held(ValidationError):
    """The organisation's money waits (see `holds.hold_reason`)."""


def _county(obj: Decision) -> Any:
    return obj.application.call.programme.county


def decided_total(programme: Programme) -> Decimal:
    total = Decision.objects.filter(application__call__programme=programme).aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal(0)


def is_disqualified(actor: Actor, application: Application) -> bool:
    """Whether the person acting has declared themselves disqualified (434/2003 § 28) as a
    reviewer of the application: then they take no part in its decision either."""
    user_id = getattr(actor.user, "pk", None)
    return user_id is not None and (
        Assignment.objects.filter(
            application=application, reviewer_id=user_id, disqualified=True
        ).exists()
    )


@transaction.atomic
def decision_make(
    *,
    application: Application,
    actor: Actor,
    amount: Decimal,
    decision_maker: str,
    decided_on: date,
    report_due: date,
    instalments: Sequence[tuple[Decimal, date]] = (),
    section: str = "",
    conditions: str = "",
    confirm_over_appropriation: bool = False,
) -> Decision:
    """Record the decision on an application, with its payment schedule (one instalment of
    the whole amount on the decision day when none is given) and the usage report it asks
    for; the applicant's representatives are told, each in the application's language."""
    workflow.lock(application)
    programme = Programme.objects.select_for_update().get(pk=application.call.programme_id)
    if hasattr(application, "decision"):
        raise ValidationError(_("The application has already been decided."), code="decided")
    if is_disqualified(actor, application):
        raise ValidationError(
            _(
                "You have declared that you are disqualified from this application, so you "
                "cannot take part in its decision. Ask another coordinator to make it."
            ),
            code="disqualified",
        )
    if amount > 0:
        reason = hold_reason(application.organisation, year=programme.year)
        if reason:
            raise Held(reason, code="held")
    over = decided_total(programme) + amount - programme.appropriation
    if over > 0 and not confirm_over_appropriation:
        raise ValidationError(
            _(
                "This decision takes the programme %(over)s € past its appropriation of "
                "%(appropriation)s €. Confirm it to go on."
            )
            % {"over": over, "appropriation": programme.appropriation},
            code="over_appropriation",
        )
    schedule = list(instalments) or ([(amount, decided_on)] if amount > 0 else [])
    if sum((part for part, _day in schedule), Decimal(0)) != amount:
        raise ValidationError(
            {"instalments": _("The instalments must add up to the amount granted.")}
        )
    decision = Decision(
        application=application,
        amount=amount,
        decision_maker=decision_maker.strip(),
        decided_on=decided_on,
        report_due=report_due,
        section=section.strip(),
        conditions=conditions.strip(),
        over_appropriation_confirmed_by=actor.user if over > 0 else None,
    )
    decision.full_clean()
    decision.save()
    for part, day in schedule:
        Payment.objects.create(decision=decision, amount=part, due_on=day)
    if amount > 0:
        UsageReport.objects.create(decision=decision)
    workflow.transition(
        application,
        to=ApplicationStatus.DECIDED,
        allowed_from={ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW},
        refusal=_("Only a sent application can be decided."),
        actor=actor,
        action="grants.application.decide",
        county=programme.county,
        details={"amount": str(amount), **({"over_appropriation": str(over)} if over > 0 else {})},
    )
    tell_applicant(application, "decision", {"decision": decision}, related=decision)
    return decision


def payment_hold(payment: Payment) -> str:
    application = payment.decision.application
    return hold_reason(application.organisation, year=application.call.programme.year)


@transaction.atomic
def payment_approve(*, payment: Payment, actor: Actor) -> Payment:
    """Approve an instalment for payment; refused (`Held`) while the organisation's money
    waits. Approving an approved one changes nothing."""
    workflow.lock(payment)
    if payment.status != PaymentStatus.SCHEDULED:
        if payment.status == PaymentStatus.APPROVED:
            return payment
        raise ValidationError(_("The payment has already gone out."), code="gone")
    reason = payment_hold(payment)
    if reason:
        raise Held(reason, code="held")
    workflow.transition(
        payment,
        to=PaymentStatus.APPROVED,
        allowed_from={PaymentStatus.SCHEDULED},
        refusal=_("The payment has already been approved."),
        actor=actor,
        action="grants.payment.approve",
        county=_county(payment.decision),
    )
    return payment


@transaction.atomic
def report_submit(
    *,
    report: UsageReport,
    actor: Actor,
    lines: Mapping[str, Decimal] | None = None,
    **fields: Any,
) -> UsageReport:
    """Send the usage report (again, when more information was asked for). ``lines`` is
    the money used by cost category; when given, they replace the earlier lines and their
    sum is the amount used."""
    workflow.lock(report)
    values = {name: v.strip() if isinstance(v, str) else v for name, v in fields.items()}
    if lines is not None:
        values["amount_used"] = sum(lines.values(), Decimal(0))
    workflow.transition(
        report,
        to=ReportStatus.SUBMITTED,
        allowed_from={ReportStatus.DUE, ReportStatus.INFO_REQUESTED},
        refusal=_("The usage report has already been sent."),
        actor=actor,
        action="grants.report.submit",
        county=_county(report.decision),
        values={**values, "submitted_at": timezone.now()},
    )
    if lines is not None:
        report.lines.all().delete()
        rows = [
            ReportLine(report=report, category=category, amount=amount)
            for category, amount in lines.items()
        ]
        for row in rows:
            row.full_clean(exclude=["report"], validate_constraints=False)
        ReportLine.objects.bulk_create(rows)
    return report


@transaction.atomic
def report_accept(*, report: UsageReport, actor: Actor) -> UsageReport:
    """Accept the usage report: the organisation's later payments are no longer held by it."""
    workflow.lock(report)
    workflow.transition(
        report,
        to=ReportStatus.ACCEPTED,
        allowed_from={ReportStatus.SUBMITTED},
        refusal=_("Only a sent usage report can be accepted."),
        actor=actor,
        action="grants.report.accept",
        county=_county(report.decision),
    )
    return report


@transaction.atomic
def recovery_create(*, decision: Decision, actor: Actor, amount: Decimal, reason: str) -> Recovery:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell why the money is recovered.")})
    if amount <= 0 or amount > decision.amount:
        raise ValidationError(
            {"amount": _("The amount to recover is more than nothing and at most the grant.")}
        )
    recovery = Recovery.objects.create(decision=decision, amount=amount, reason=reason)
    audit_record(
        actor=actor,
        action="grants.recovery.create",
        obj=decision.application,
        county=_county(decision),
        details={"amount": str(amount), "reason": reason},
    )
    return recovery


@transaction.atomic
def recovery_repaid(*, recovery: Recovery, actor: Actor, repaid_on: date) -> Recovery:
    workflow.lock(recovery)
    if recovery.repaid_on is None:
        recovery.repaid_on = repaid_on
        recovery.save(update_fields=["repaid_on", "updated_at"])
        audit_record(
            actor=actor,
            action="grants.recovery.repaid",
            obj=recovery.decision.application,
            county=_county(recovery.decision),
            details={"amount": str(recovery.amount)},
        )
    return recovery
