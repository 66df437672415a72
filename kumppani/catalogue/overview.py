"""The figures of a coordinator's or liaison person's overview: per municipality, the
organisations, activities and volunteer tasks, with what needs attention (unverified
organisations, activities not confirmed for a year) and what is new this month.

A fixed number of queries whatever the number of municipalities: one grouped count per
kind of entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kumppani.core.models import Municipality
from kumppani.core.selectors import municipality_name
from kumppani.organisations.models import Organisation, OrganisationStatus

from .models import STALE_AFTER, PublicationStatus, Service, VolunteerTask


@dataclass
class MunicipalityFigures:
    municipality: Municipality
    name: str
    organisations: int = 0
    unverified: int = 0
    activities: int = 0
    stale: int = 0
    tasks: int = 0
    new_this_month: int = 0


def month_start(now: datetime | None = None) -> datetime:
    """The first moment of the current month in the site's time zone."""
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def figures_by_municipality(
    municipalities: Sequence[Municipality], now: datetime | None = None
) -> list[MunicipalityFigures]:
    """Figures for each of the municipalities, in the order given. Activities and tasks
    count when published and not hidden; organisations when active."""
    now = now or timezone.now()
    since = month_start(now)
    stale_before = now - STALE_AFTER
    ids = [municipality.pk for municipality in municipalities]
    rows = {
        municipality.pk: MunicipalityFigures(municipality, municipality_name(municipality))
        for municipality in municipalities
    }
    new = Q(created_at__gte=since)
    _add_counts(
        rows,
        Organisation.objects.filter(status=OrganisationStatus.ACTIVE, municipalities__in=ids),
        "municipalities",
        organisations=Count("id", distinct=True),
        unverified=Count("id", filter=Q(verified_at__isnull=True), distinct=True),
        new_this_month=Count("id", filter=new, distinct=True),
    )
    visible = {"status": PublicationStatus.PUBLISHED, "hidden_at__isnull": True}
    _add_counts(
        rows,
        Service.objects.filter(municipalities__in=ids, **visible),
        "municipalities",
        activities=Count("id", distinct=True),
        stale=Count("id", filter=Q(last_verified_at__lt=stale_before), distinct=True),
        new_this_month=Count("id", filter=new, distinct=True),
    )
    _add_counts(
        rows,
        VolunteerTask.objects.filter(municipality__in=ids, **visible),
        "municipality",
        tasks=Count("id"),
        new_this_month=Count("id", filter=new),
    )
    return list(rows.values())


def _add_counts(
    rows: dict[int, MunicipalityFigures], entries: QuerySet[Any], by: str, **counts: Count
) -> None:
    """Add one grouped count of the entries to the rows: per municipality (``by`` names the
    entries' link to it), each count to the figure of its name."""
    # The models' default ordering would split the groups.
    for group in entries.order_by().values(by).annotate(**counts):
        figures = rows[group[by]]
        for name in counts:
            setattr(figures, name, getattr(figures, name) + group[name])


def totals(rows: Sequence[MunicipalityFigures]) -> dict[str, int]:
    """Column sums (an organisation active in two municipalities counts in each)."""
    names = ["organisations", "unverified", "activities", "stale", "tasks", "new_this_month"]
    return {name: sum(getattr(row, name) for row in rows) for name in names}
