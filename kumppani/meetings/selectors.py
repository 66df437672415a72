"""Reads of the public side of meetings: the calendar of open meetings with their free
seats and waiting lists counted in the same query."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .access import public_meetings
from .models import Meeting, MeetingStatus, Mode, Registration, RegistrationStatus


def with_seats(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Annotate ``seats_taken`` and ``waiting_count`` (one query however many meetings)."""
    return meetings.annotate(
        seats_taken=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
            distinct=True,
        ),
        waiting_count=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.WAITING),
            distinct=True,
        ),
    )


def upcoming_meetings(
    *,
    county: str = "",
    municipality: Any = None,
    kind: str = "",
    language: str = "",
    online: str = "",
) -> QuerySet[Meeting]:
    """Public scheduled meetings that have not ended, the soonest first, filtered by county
    code, organising municipality, series kind, language and whether one can attend online
    ("yes": online or hybrid; "no": in person or hybrid)."""
    meetings = public_meetings().filter(status=MeetingStatus.SCHEDULED, ends_at__gt=timezone.now())
    if county:
        meetings = meetings.filter(county__code=county)
    if municipality is not None:
        meetings = meetings.filter(series__organiser_municipality=municipality)
    if kind:
        meetings = meetings.filter(series__kind=kind)
    if language:
        # The languages are a JSON list of validated codes such as ["fi", "sv"]; matching
        # the quoted code in its text works alike on PostgreSQL and SQLite.
        meetings = meetings.filter(languages__icontains=f'"{language}"')
    if online == "yes":
        meetings = meetings.exclude(mode=Mode.IN_PERSON)
    elif online == "no":
        meetings = meetings.exclude(mode=Mode.ONLINE)
    return with_seats(meetings.select_related("series__organiser_municipality")).order_by(
        "starts_at", "id"
    )


def seats_left(meeting: Meeting) -> int | None:
    """Free seats of an annotated meeting (None: no limit)."""
    if meeting.capacity is None:
        return None
    return max(meeting.capacity - meeting.seats_taken, 0)  # type: ignore[attr-defined]


def waiting_number(registration: Registration) -> int | None:
    """The registration's number on the waiting list now (1 = the next to get a seat)."""
    if registration.status != RegistrationStatus.WAITING or registration.queue_position is None:
        return None
    return registration.meeting.registrations.filter(
        status=RegistrationStatus.WAITING, queue_position__lte=registration.queue_position
    ).count()


def county_feed_meetings(county_code: str) -> QuerySet[Meeting]:
    """The county's public meetings for its calendar feed: from a month back on, cancelled
    ones included so that calendars learn of the cancellation."""
    since = timezone.now() - timedelta(days=31)
    return public_meetings().filter(county__code=county_code, ends_at__gt=since)
