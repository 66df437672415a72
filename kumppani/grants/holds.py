"""When an organisation's money waits: no payment is approved and no new decision is made
while an earlier grant's usage report is missing or not accepted, or a recovery is open."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from kumppani.organisations.models import Organisation

from .models import Decision, Recovery, ReportStatus


def hold_reason(organisation: Organisation, *, year: int, overdue_on: date | None = None) -> str:
    """Why the organisation's grants for ``year`` wait (empty when nothing holds them): an
    earlier year's grant whose usage report has not been accepted, or an open recovery.
    With ``overdue_on``, only reports due before that day count (what eligibility asks)."""
    decisions = Decision.objects.filter(
        application__organisation=organisation,
        application__call__programme__year__lt=year,
        amount__gt=0,
    )
    if overdue_on is not None:
        decisions = decisions.filter(report_due__lt=overdue_on)
    earlier = (
        decisions.exclude(usage_report__status=ReportStatus.ACCEPTED)
        .select_related("application__call__programme")
        .order_by("application__call__programme__year")
        .first()
    )
    if earlier is not None:
        return _(
            "The usage report of the grant for %(year)s (“%(activity)s”) has not been "
            "accepted yet. Payments and new decisions wait until it is."
        ) % {
            "year": earlier.application.call.programme.year,
            "activity": earlier.application.activity,
        }
    recovery = Recovery.objects.filter(
        decision__application__organisation=organisation, repaid_on__isnull=True
    ).first()
    if recovery is not None:
        return _(
            "%(amount)s € of an earlier grant is to be paid back. Payments and new decisions "
            "wait until it is."
        ) % {"amount": recovery.amount}
    return ""
