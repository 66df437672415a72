"""Keep the materialised occurrences (model ``Occurrence``) in step with the schedules.

The search filters by date and weekday in SQL over these rows: every start time of every
schedule within the next ``settings.CATALOGUE_OCCURRENCE_DAYS`` days (today included), in
local time, with Finnish public holidays left out where the schedule says so.

Called explicitly (no signals): the catalogue write services after a schedule changed
(``occurrences_refresh``), the daily periodic job that rolls the window forward
(``occurrences_roll``), and the index rebuild and the demo (``occurrences_rebuild``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from .models import Occurrence, Schedule
from .schedules import occurrences_between

DEFAULT_DAYS = 180
BATCH = 2000


def occurrence_days() -> int:
    return int(getattr(settings, "CATALOGUE_OCCURRENCE_DAYS", DEFAULT_DAYS))


def occurrence_window(today: date | None = None) -> tuple[date, date]:
    """The first and last local date the occurrences are kept for."""
    first = today or timezone.localdate()
    return first, first + timedelta(days=occurrence_days() - 1)


def _rows(schedule: Schedule, first: date, last: date) -> Iterator[Occurrence]:
    for when in occurrences_between(schedule, first, last):
        yield Occurrence(
            service_id=schedule.service_id,
            schedule_id=schedule.pk,
            date=when.date(),
            starts_at=when,
            weekday=when.weekday(),
        )


def _schedule_chunks(
    schedules: Iterable[Schedule] | None = None, *, service_ids: list[int] | None = None
) -> Iterator[list[Schedule]]:
    """The schedules (of these services, else all) in chunks ordered by id."""
    qs = Schedule.objects.only(
        "id", "service_id", "starts_at", "ends_at", "rrule", "until", "skip_public_holidays"
    ).order_by("pk")
    if service_ids is not None:
        qs = qs.filter(service_id__in=service_ids)
    after = 0
    while True:
        chunk = list(qs.filter(pk__gt=after)[:BATCH])
        if not chunk:
            return
        yield chunk
        after = chunk[-1].pk


def _insert(rows: list[Occurrence]) -> int:
    Occurrence.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    return len(rows)


def occurrences_refresh(service_ids: Iterable[int], *, today: date | None = None) -> int:
    """Replace the occurrences of these services (after their schedules changed); return
    how many there are now. Call it inside the writing transaction."""
    ids = sorted(set(service_ids))
    if not ids:
        return 0
    first, last = occurrence_window(today)
    count = 0
    with transaction.atomic():
        Occurrence.objects.filter(service_id__in=ids).delete()
        for chunk in _schedule_chunks(service_ids=ids):
            count += _insert([row for s in chunk for row in _rows(s, first, last)])
    return count


def occurrences_rebuild(*, today: date | None = None) -> int:
    """Compute every schedule's occurrences afresh; return how many there are."""
    first, last = occurrence_window(today)
    count = 0
    with transaction.atomic():
        Occurrence.objects.all().delete()
        for chunk in _schedule_chunks():
            count += _insert([row for s in chunk for row in _rows(s, first, last)])
    return count


def occurrences_roll(*, today: date | None = None) -> int:
    """Move the window to start today: drop past days, add the days that came into it.

    For each schedule only the times after its latest stored one are computed: a schedule's
    rows always cover a whole window (``occurrences_refresh`` writes them all), so those
    after its latest are the missing ones. Safe to run twice, and one that was skipped
    catches up. Returns how many occurrences were added.
    """
    first, last = occurrence_window(today)
    Occurrence.objects.filter(date__lt=first).delete()
    added = 0
    for chunk in _schedule_chunks():
        latest = dict(
            Occurrence.objects.filter(schedule_id__in=[s.pk for s in chunk])
            .order_by()
            .values("schedule_id")
            .annotate(latest=Max("starts_at"))
            .values_list("schedule_id", "latest")
        )
        rows: list[Occurrence] = []
        for schedule in chunk:
            since = latest.get(schedule.pk)
            if since is None:
                rows.extend(_rows(schedule, first, last))
                continue
            start = max(first, timezone.localtime(since).date())
            rows.extend(r for r in _rows(schedule, start, last) if r.starts_at > since)
        added += _insert(rows)
    return added


@task()
def occurrences_roll_forward() -> int:
    """Periodic job (daily): roll the occurrence window forward (``occurrences_roll``)."""
    return occurrences_roll()
