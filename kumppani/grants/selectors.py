"""Reads of grants that are more than one filter."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core import deadlines
from kumppani.core.models import Municipality

from .holds import held_payments
from .models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    CallStatus,
    Decision,
    DecisionDocument,
    DocumentBatch,
    Payment,
    Recovery,
    ReportStatus,
    UsageReport,
)

M = TypeVar("M", bound=models.Model)

# Where a published call stands at a moment, for pages and the API.
UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
PHASE_LABELS = {
    UPCOMING: _("opens later"),
    OPEN: _("open for applications"),
    CLOSED: _("closed"),
}


def call_phase(call: Call, now: datetime) -> str:
    if call.accepts_applications(now):
        return OPEN
    if now < datetime.combine(call.opens_on, datetime.min.time(), tzinfo=deadlines.HELSINKI):
        return UPCOMING
    return CLOSED


def _of_programmes(
    rows: QuerySet[M], path: str, county: str, kind: str, year: int | None
) -> QuerySet[M]:
    """Rows whose programme (at ``path``) is of the county (code), kind and year given."""
    conditions = {"county__code": county, "kind": kind, "year": year}
    return rows.filter(**{f"{path}__{name}": value for name, value in conditions.items() if value})


def published_calls(*, county: str = "", kind: str = "", year: int | None = None) -> QuerySet[Call]:
    """Published calls, the latest last day first, filtered by county code, kind and year."""
    calls = Call.objects.filter(status=CallStatus.PUBLISHED).select_related(
        "programme", "programme__county"
    )
    return _of_programmes(calls, "programme", county, kind, year).order_by("-closes_on", "id")


def decision_register(
    *, county: str = "", kind: str = "", year: int | None = None, organisation: str = ""
) -> QuerySet[Decision]:
    """The public register of grants given (amount above 0), the latest first."""
    decisions = Decision.objects.filter(amount__gt=0).select_related(
        "application__organisation", "application__call__programme__county"
    )
    decisions = _of_programmes(decisions, "application__call__programme", county, kind, year)
    if organisation:
        decisions = decisions.filter(application__organisation__business_id=organisation)
    return decisions.order_by("-decided_on", "-id")


def payments_for(county_ids: frozenset[int] | None, *, status: str = "") -> QuerySet[Payment]:
    """Payments of the counties (every county for None), by due date."""
    payments = Payment.objects.select_related(
        "decision__application__organisation", "decision__application__call__programme__county"
    )
    if county_ids is not None:
        payments = payments.filter(decision__application__call__programme__county_id__in=county_ids)
    if status:
        payments = payments.filter(status=status)
    return payments.order_by("due_on", "id")


def call_applications(
    call: Call,
    *,
    q: str = "",
    status: str = "",
    municipality: Municipality | None = None,
    override: bool | None = None,
) -> QuerySet[Application]:
    """The call's sent applications (drafts are the applicant's own) with what the
    coordinator's list and export show, in a fixed number of queries: organisation and
    decision joined, municipalities and reviewers prefetched."""
    rows = (
        Application.objects.filter(call=call)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("organisation", "decision", "call__programme__county")
        .prefetch_related(
            "municipalities",
            Prefetch("assignments", queryset=Assignment.objects.select_related("reviewer")),
        )
    )
    if status:
        rows = rows.filter(status=status)
    if municipality is not None:
        rows = rows.filter(municipalities=municipality)
    if override is not None:
        rows = (
            rows.exclude(eligibility_override="")
            if override
            else rows.filter(eligibility_override="")
        )
    if q:
        rows = rows.filter(
            Q(organisation__name__icontains=q)
            | Q(organisation__name_fi__icontains=q)
            | Q(organisation__name_sv__icontains=q)
            | Q(activity__icontains=q)
        )
    return rows.order_by("-submitted_at", "-id")


def payments_matching(
    county_ids: frozenset[int] | None,
    *,
    county: str = "",
    status: str = "",
    on_hold: str = "",
    year: int | None = None,
    due_before: date | None = None,
) -> QuerySet[Payment]:
    """The payments list's filters: county code, status, on hold ("yes", "no"), programme
    year and due before a day."""
    payments = _of_programmes(
        payments_for(county_ids, status=status),
        "decision__application__call__programme",
        county,
        "",
        year,
    )
    if on_hold:
        payments = payments.filter(held_payments(on_hold == "yes"))
    if due_before is not None:
        payments = payments.filter(due_on__lt=due_before)
    return payments


def reports_for(
    county_ids: frozenset[int] | None, organisation_ids: frozenset[int] = frozenset()
) -> QuerySet[UsageReport]:
    """Usage reports of the counties (every county for None) and of the organisations, the
    earliest due first."""
    reports = UsageReport.objects.select_related(
        "decision__application__organisation", "decision__application__call__programme__county"
    )
    if county_ids is not None:
        reports = reports.filter(
            Q(decision__application__call__programme__county_id__in=county_ids)
            | Q(decision__application__organisation_id__in=organisation_ids)
        )
    return reports.order_by("decision__report_due", "id")


def reports_matching(
    reports: QuerySet[UsageReport],
    *,
    county: str = "",
    status: str = "",
    overdue: str = "",
    year: int | None = None,
    today: date | None = None,
) -> QuerySet[UsageReport]:
    """The report list's filters: county code, status, overdue ("yes", "no": not sent, or
    more information not given, by its day) and programme year."""
    reports = _of_programmes(reports, "decision__application__call__programme", county, "", year)
    if status:
        reports = reports.filter(status=status)
    if overdue:
        today = today or timezone.localdate()
        late = Q(status=ReportStatus.DUE, decision__report_due__lt=today) | Q(
            status=ReportStatus.INFO_REQUESTED, info_due__lt=today
        )
        reports = reports.filter(late if overdue == "yes" else ~late)
    return reports


def recoveries_for(
    county_ids: frozenset[int] | None, *, county: str = "", repaid: str = ""
) -> QuerySet[Recovery]:
    """Recoveries of the counties (every county for None), open or repaid ("no", "yes"),
    the latest first."""
    recoveries = Recovery.objects.select_related(
        "decision__application__organisation", "decision__application__call__programme__county"
    )
    if county_ids is not None:
        recoveries = recoveries.filter(
            decision__application__call__programme__county_id__in=county_ids
        )
    recoveries = _of_programmes(
        recoveries, "decision__application__call__programme", county, "", None
    )
    if repaid:
        recoveries = recoveries.filter(repaid_on__isnull=repaid == "no")
    return recoveries.order_by("-created_at", "-id")


def current_document(decision: Decision) -> DecisionDocument | None:
    """The decision's PDF as it now is, in its application's language, if made."""
    return DecisionDocument.objects.filter(
        decision=decision, version=decision.updated_at, language=decision.application.language
    ).first()


def with_current_documents(
    decisions: list[Decision],
) -> list[tuple[Decision, DecisionDocument | None]]:
    """Each decision with its current PDF (or None), in one query for all of them."""
    documents = {
        (document.decision_id, document.version, document.language): document
        for document in DecisionDocument.objects.filter(decision__in=decisions)
    }
    return [
        (
            decision,
            documents.get((decision.pk, decision.updated_at, decision.application.language)),
        )
        for decision in decisions
    ]


def latest_batch(call: Call) -> DocumentBatch | None:
    return DocumentBatch.objects.filter(call=call).order_by("-created_at", "-id").first()
