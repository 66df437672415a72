"""When an organisation's money waits: no payment is approved and no new decision is made
while an earlier grant's usage report is missing or not accepted, or a recovery is open.

The reasons are computed for a whole page at once (`hold_reasons`, `payment_holds`: two
queries however long the page), and `held_payments` is the same rule as a database
condition, for filtering a list by it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from kumppani.organisations.models import Organisation

from .models import Decision, Payment, Recovery, ReportStatus, Tranche


def _unaccepted(organisation_ids: Iterable[int]) -> QuerySet[Decision]:
    """Grants of the organisations whose usage report has not been accepted."""
    return (
        Decision.objects.filter(application__organisation_id__in=organisation_ids, amount__gt=0)
        .exclude(usage_report__status=ReportStatus.ACCEPTED)
        .select_related("application__call__programme")
    )


def _reasons(
    pairs: Iterable[tuple[int, int]], *, overdue_on: date | None = None
) -> dict[tuple[int, int], str]:
    """The hold reason of each (organisation id, year) pair (empty when nothing holds it)."""
    pairs = set(pairs)
    if not pairs:
        return {}
    organisation_ids = {organisation for organisation, _year in pairs}
    decisions = _unaccepted(organisation_ids).filter(
        application__call__programme__year__lt=max(year for _organisation, year in pairs)
    )
    if overdue_on is not None:
        decisions = decisions.filter(report_due__lt=overdue_on)
    earliest: dict[int, list[Decision]] = {}
    for decision in decisions.order_by("application__call__programme__year", "id"):
        earliest.setdefault(decision.application.organisation_id, []).append(decision)
    recoveries: dict[int, Recovery] = {}
    open_recoveries = Recovery.objects.filter(
        decision__application__organisation_id__in=organisation_ids, repaid_on__isnull=True
    ).select_related("decision__application")
    for recovery in open_recoveries:
        recoveries.setdefault(recovery.decision.application.organisation_id, recovery)
    reasons = {}
    for organisation, year in pairs:
        earlier = next(
            (d for d in earliest.get(organisation, []) if d.application.call.programme.year < year),
            None,
        )
        open_recovery = recoveries.get(organisation)
        if earlier is not None:
            reasons[organisation, year] = _(
                "The usage report of the grant for %(year)s (“%(activity)s”) has not been "
                "accepted yet. Payments and new decisions wait until it is."
            ) % {
                "year": earlier.application.call.programme.year,
                "activity": earlier.application.activity,
            }
        elif open_recovery is not None:
            reasons[organisation, year] = _(
                "%(amount)s € of an earlier grant is to be paid back. Payments and new "
                "decisions wait until it is."
            ) % {"amount": open_recovery.amount}
        else:
            reasons[organisation, year] = ""
    return reasons


def hold_reasons(
    organisations: Iterable[Organisation | int], year: int, *, overdue_on: date | None = None
) -> dict[int, str]:
    """Why each organisation's grants for ``year`` wait, by organisation id (empty when
    nothing holds them): an earlier year's grant whose usage report has not been accepted,
    or an open recovery. With ``overdue_on``, only reports due before that day count (what
    eligibility asks). Two queries however many organisations."""
    ids = {o if isinstance(o, int) else o.pk for o in organisations}
    reasons = _reasons(((pk, year) for pk in ids), overdue_on=overdue_on)
    return {pk: reason for (pk, _year), reason in reasons.items()}


def hold_reason(organisation: Organisation, *, year: int, overdue_on: date | None = None) -> str:
    """`hold_reasons` for one organisation."""
    return hold_reasons([organisation], year, overdue_on=overdue_on)[organisation.pk]


def payment_holds(payments: Iterable[Payment]) -> dict[int, str]:
    """The hold reason of each payment (by id), each judged by its own programme's year;
    the payments come with ``decision__application__call__programme``. Two queries."""
    payments = list(payments)

    def pair(payment: Payment) -> tuple[int, int]:
        application = payment.decision.application
        return application.organisation_id, application.call.programme.year

    reasons = _reasons(pair(p) for p in payments)
    return {p.pk: reasons[pair(p)] for p in payments}


def held_payments(held: bool) -> Q:
    """The condition on payments whose organisation's money waits (``held``) or does not."""
    organisation = OuterRef("decision__application__organisation_id")
    report_missing = Exists(
        Decision.objects.filter(
            application__organisation_id=organisation,
            application__call__programme__year__lt=OuterRef(
                "decision__application__call__programme__year"
            ),
            amount__gt=0,
        ).exclude(usage_report__status=ReportStatus.ACCEPTED)
    )
    recovery_open = Exists(
        Recovery.objects.filter(
            decision__application__organisation_id=organisation, repaid_on__isnull=True
        )
    )
    condition = Q(report_missing) | Q(recovery_open)
    return condition if held else ~condition


def tranche_holds(tranches: Iterable[Tranche]) -> dict[int, str]:
    """The hold reason of each tranche (by id), each judged by its own year, as
    `hold_reasons` judges an organisation's grants for a year; the tranches come with
    ``agreement``. Two queries however many tranches and years."""
    tranches = list(tranches)

    def pair(tranche: Tranche) -> tuple[int, int]:
        return tranche.agreement.organisation_id, tranche.year

    reasons = _reasons(pair(t) for t in tranches)
    return {t.pk: reasons[pair(t)] for t in tranches}
