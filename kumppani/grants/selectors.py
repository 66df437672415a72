"""Reads of grants that are more than one filter."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kumppani.core import deadlines

from .models import Call, CallStatus

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


def published_calls(*, county: str = "", kind: str = "", year: int | None = None) -> QuerySet[Call]:
    """Published calls, the latest last day first, filtered by county code, kind and year."""
    calls = Call.objects.filter(status=CallStatus.PUBLISHED).select_related(
        "programme", "programme__county"
    )
    if county:
        calls = calls.filter(programme__county__code=county)
    if kind:
        calls = calls.filter(programme__kind=kind)
    if year:
        calls = calls.filter(programme__year=year)
    return calls.order_by("-closes_on", "id")
