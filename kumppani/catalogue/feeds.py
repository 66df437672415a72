"""An activity's next times as an iCalendar file (RFC 5545, Europe/Helsinki with its
VTIMEZONE) that a resident adds to their own calendar."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Calendar, Event

from kumppani.core.calendars import calendar_host, new_calendar
from kumppani.core.deadlines import HELSINKI
from kumppani.core.languages import translated

from .models import Location, Schedule, Service
from .schedules import service_occurrences

# Enough to plan a few months ahead; the file is a copy, not a subscription.
CALENDAR_OCCURRENCES = 10


def _place(schedule: Schedule, service: Service) -> Location | None:
    if schedule.location is not None:
        return schedule.location
    link = next(iter(service.service_locations.all()), None)
    return link.location if link else None


def _address(location: Location) -> str:
    town = " ".join(part for part in (location.postal_code, location.city) if part)
    return ", ".join(part for part in (location.name, location.address, town) if part)


def service_calendar(service: Service, *, url: str) -> Calendar:
    """The service's next occurrences (public holidays left out as its schedules say), one
    event each; ``url`` is the activity page's address."""
    name = translated(service, "name").text
    summary = translated(service, "summary").text
    cal = new_calendar(name=name, product="catalogue")
    stamp = timezone.now()
    for start, end, schedule in service_occurrences(service, count=CALENDAR_OCCURRENCES):
        event = Event()
        local_start = start.astimezone(HELSINKI)
        event.add("uid", f"{schedule.public_id}-{local_start:%Y%m%dT%H%M}@{calendar_host()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", local_start)
        if end is not None:
            event.add("dtend", end.astimezone(HELSINKI))
        event.add("summary", name)
        if summary:
            event.add("description", summary)
        place = _place(schedule, service)
        if place is not None and _address(place):
            event.add("location", _address(place))
        event.add("url", url)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal
