"""Expand schedules into dates: RRULE recurrences without Finnish public holidays."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

import holidays
from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]
from django.utils import timezone

if TYPE_CHECKING:
    from .models import Schedule, Service


def finnish_holidays(years: range) -> holidays.HolidayBase:
    return holidays.country_holidays("FI", years=list(years))


def next_occurrences(schedule: Schedule, *, after: datetime, count: int = 5) -> list[datetime]:
    """Return up to `count` start times after `after`, in local time."""
    start = timezone.localtime(schedule.starts_at)
    if not schedule.rrule:
        return [start] if start > after else []
    rule = rrulestr(schedule.rrule, dtstart=start)
    off = (
        finnish_holidays(range(after.year, after.year + 3)) if schedule.skip_public_holidays else {}
    )
    found: list[datetime] = []
    for when in rule.xafter(after):
        if schedule.until and when.date() > schedule.until:
            break
        if when.date() in off:
            continue
        found.append(when)
        if len(found) == count or when.year > after.year + 2:
            break
    return found


def occurrences_between(schedule: Schedule, first: date, last: date) -> list[datetime]:
    """Every start time (local) whose local date falls on ``first``..``last`` inclusive,
    holidays left out where the schedule says so."""
    start = timezone.localtime(schedule.starts_at)
    if last < first:
        return []
    if not schedule.rrule:
        return [start] if first <= start.date() <= last else []
    if schedule.until:
        last = min(last, schedule.until)
    zone = start.tzinfo
    rule = rrulestr(schedule.rrule, dtstart=start)
    found = rule.between(
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last, time.max, tzinfo=zone),
        inc=True,
    )
    if not schedule.skip_public_holidays:
        return list(found)
    off = finnish_holidays(range(first.year, last.year + 1))
    return [when for when in found if when.date() not in off]


def service_occurrences(
    service: Service, *, count: int = 5, after: datetime | None = None
) -> list[tuple[datetime, datetime | None, Schedule]]:
    """The next start and end times over all the service's schedules (holidays left out
    where a schedule says so), each with the schedule it comes from."""
    after = after or timezone.now()
    found = []
    for schedule in service.schedules.all():
        duration = schedule.ends_at - schedule.starts_at if schedule.ends_at else None
        for start in next_occurrences(schedule, after=after, count=count):
            found.append((start, start + duration if duration else None, schedule))
    return sorted(found, key=lambda item: item[0])[:count]


def validate_rrule(value: str) -> None:
    """Raise ValueError when the RRULE cannot be parsed."""
    rrulestr(value, dtstart=timezone.now())


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Repeat:
    """How a schedule made on the edit page repeats; each maps to one RRULE shape."""

    NONE = "none"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_WEEKDAY = "monthly_weekday"


def build_rrule(repeat: str, first: date) -> str:
    """Return the RRULE for a repeat choice, anchored on the first date's weekday."""
    day = WEEKDAYS[first.weekday()]
    if repeat == Repeat.WEEKLY:
        return f"FREQ=WEEKLY;BYDAY={day}"
    if repeat == Repeat.FORTNIGHTLY:
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
    if repeat == Repeat.MONTHLY_WEEKDAY:
        nth = (first.day - 1) // 7 + 1
        # A fifth weekday does not exist every month: "the last" is what people mean.
        return f"FREQ=MONTHLY;BYDAY={'-1' if nth == 5 else f'+{nth}'}{day}"
    return ""


def repeat_of(rrule: str) -> str:
    """Return the repeat choice an RRULE written by `build_rrule` came from."""
    if not rrule:
        return Repeat.NONE
    parts = dict(part.split("=", 1) for part in rrule.upper().split(";") if "=" in part)
    if parts.get("FREQ") == "MONTHLY":
        return Repeat.MONTHLY_WEEKDAY
    if parts.get("FREQ") == "WEEKLY":
        return Repeat.FORTNIGHTLY if parts.get("INTERVAL") == "2" else Repeat.WEEKLY
    return Repeat.NONE
