"""Reads of grants that are more than one filter."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kumppani.core import deadlines

from .models import Call, CallStatus, Decision, DecisionDocument, DocumentBatch, Payment

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
