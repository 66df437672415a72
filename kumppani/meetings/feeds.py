"""What the meetings tell machines: iCalendar feeds (RFC 5545, with the VTIMEZONE of
Europe/Helsinki) and a meeting as a schema.org Event in JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kumppani.core.calendars import ICS_CONTENT_TYPE, calendar_host, ics_response, new_calendar
from kumppani.core.deadlines import HELSINKI
from kumppani.core.languages import translated
from kumppani.core.selectors import municipality_name

from .models import Meeting, MeetingStatus, Mode

__all__ = ["ICS_CONTENT_TYPE", "calendar", "event_data", "ics_response", "json_ld"]


def _location(meeting: Meeting) -> str:
    if meeting.mode == Mode.ONLINE:
        return _("Online")
    return meeting.place


def calendar(meetings: Iterable[Meeting], *, name: str, url_of: Any) -> Calendar:
    """A calendar of the meetings; ``url_of(meeting)`` gives each meeting page's address.
    Cancelled meetings stay in with STATUS:CANCELLED, so subscribed calendars learn of it."""
    cal = new_calendar(name=name, product="meetings")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.public_id}@{calendar_host()}")
        event.add("dtstamp", timezone.now())
        event.add("last-modified", meeting.updated_at)
        event.add("dtstart", meeting.starts_at.astimezone(HELSINKI))
        event.add("dtend", meeting.ends_at.astimezone(HELSINKI))
        event.add("summary", translated(meeting, "title").text)
        agenda = translated(meeting, "agenda").text
        if agenda:
            event.add("description", agenda)
        location = _location(meeting)
        if location:
            event.add("location", location)
        event.add("url", url_of(meeting))
        event.add(
            "status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
        )
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


_ATTENDANCE = {
    Mode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Mode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Mode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def event_data(meeting: Meeting, url: str) -> dict[str, Any]:
    """The meeting as a schema.org Event (the online link is never in it)."""
    place = {"@type": "Place", "name": meeting.place, "address": meeting.place}
    virtual = {"@type": "VirtualLocation", "url": url}
    location: Any = {
        Mode.IN_PERSON: place,
        Mode.ONLINE: virtual,
        Mode.HYBRID: [place, virtual],
    }[Mode(meeting.mode)]
    municipality = meeting.series.organiser_municipality if meeting.series else None
    organiser = municipality_name(municipality) if municipality else str(meeting.county.name)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": translated(meeting, "title").text,
        "startDate": meeting.starts_at.astimezone(HELSINKI).isoformat(),
        "endDate": meeting.ends_at.astimezone(HELSINKI).isoformat(),
        "eventAttendanceMode": _ATTENDANCE[Mode(meeting.mode)],
        "eventStatus": "https://schema.org/EventCancelled"
        if meeting.status == MeetingStatus.CANCELLED
        else "https://schema.org/EventScheduled",
        "location": location,
        "organizer": {"@type": "GovernmentOrganization", "name": organiser},
        "url": url,
    }
    agenda = translated(meeting, "agenda").text
    if agenda:
        data["description"] = agenda
    if meeting.languages:
        data["inLanguage"] = list(meeting.languages)
    return data


# As Django's json_script: characters that could end the script element or start markup.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` block. It is data that browsers never
    run, so the Content-Security-Policy (script-src 'self') does not block it."""
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
