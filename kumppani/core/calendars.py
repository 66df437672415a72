"""What every iCalendar feed of the platform shares (RFC 5545): a calendar in Helsinki time
with its VTIMEZONE, event ids under the site's host name, and the HTTP answer."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_host() -> str:
    """The host name event UIDs end in, so they are unique across calendars."""
    return urlsplit(settings.SITE_URL).hostname or "kumppani"


def new_calendar(*, name: str, product: str) -> Calendar:
    """An empty calendar named for its reader; ``product`` names what made it."""
    cal = Calendar()
    cal.add("prodid", f"-//Kumppani//{product}//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Helsinki")
    return cal


def ics_response(cal: Calendar, filename: str) -> HttpResponse:
    """The calendar as a file (the VTIMEZONE of every time zone used added first)."""
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response
