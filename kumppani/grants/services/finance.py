"""After the decision: a payment sent to the finance system and paid, and a usage report
that needs more information from the grantee."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor

from ..models import Payment, PaymentStatus, ReportStatus, UsageReport
from ..notifications import tell_applicant


def _county(payment: Payment) -> object:
    return payment.decision.application.call.programme.county


def _move(
    payment: Payment, *, to: str, source: str, refusal: str, actor: Actor, action: str
) -> Payment:
    workflow.lock(payment)
    if payment.status == to:
        return payment  # a repeated click
    workflow.transition(
        payment,
        to=to,
        allowed_from={source},
        refusal=refusal,
        actor=actor,
        action=action,
        county=_county(payment),  # type: ignore[arg-type]
    )
    return payment


@transaction.atomic
def payment_send(*, payment: Payment, actor: Actor) -> Payment:
    """Mark an approved payment as sent to the finance system. Sending a sent one changes
    nothing."""
    return _move(
        payment,
        to=PaymentStatus.SENT,
        source=PaymentStatus.APPROVED,
        refusal=_("Only an approved payment can be sent to payment."),
        actor=actor,
        action="grants.payment.send",
    )


@transaction.atomic
def payment_paid(*, payment: Payment, actor: Actor) -> Payment:
    """Mark a sent payment as paid. Marking a paid one changes nothing."""
    return _move(
        payment,
        to=PaymentStatus.PAID,
        source=PaymentStatus.SENT,
        refusal=_("Only a payment sent to payment can be marked paid."),
        actor=actor,
        action="grants.payment.pay",
    )


@transaction.atomic
def report_request_info(
    *, report: UsageReport, actor: Actor, message: str, due: date
) -> UsageReport:
    """Ask the grantee for more information on a sent usage report, by ``due``: the report
    opens for them to edit and send again, and they are told by email."""
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Tell what more information is needed.")})
    if due < timezone.localdate():
        raise ValidationError({"due": _("The deadline cannot be in the past.")})
    workflow.lock(report)
    if report.status == ReportStatus.INFO_REQUESTED and report.info_request == message:
        return report  # a repeated click
    application = report.decision.application
    workflow.transition(
        report,
        to=ReportStatus.INFO_REQUESTED,
        allowed_from={ReportStatus.SUBMITTED},
        refusal=_("More information can be asked for only on a sent usage report."),
        actor=actor,
        action="grants.report.request_info",
        county=application.call.programme.county,
        reason=message,
        values={"info_request": message, "info_due": due},
    )
    tell_applicant(
        application, "report_info", {"report": report, "message": message, "due": due}, report
    )
    return report
