"""The meetings pages in the browser tests' table."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.meetings.models import Mode, SeriesKind
from kumppani.meetings.services.registrations import register
from kumppani.meetings.services.series import meetings_generate, series_create
from kumppani.testing.factories import county
from kumppani.testing.pages import Fixtures, PageCase, and_with_errors, detail, page_at

from .conftest import SYSTEM, link, make_meeting

PAGES: list[PageCase] = []
EXEMPT_URL_NAMES: dict[str, str] = {}


# --- the organisers' pages ------------------------------------------------------------------


def organised_meetings(f: Fixtures) -> None:
    """A monthly series of Etelä-Pohjanmaa with its coming meetings, a one-off, and
    registrations for one of them (a representative with an answer, an anonymous one)."""
    f.series = series_create(
        actor=SYSTEM,
        county=county("16"),
        kind=SeriesKind.MORNING_COFFEE,
        title_fi="SOTE-aamukahvit",
        title_sv="SOTE-morgonkaffe",
        recurrence="FREQ=MONTHLY;BYDAY=1WE",
        default_start_time=time(8, 15),
        default_duration_minutes=45,
        default_mode=Mode.ONLINE,
        default_online_link="https://teams.example.fi/aamukahvit",
    )
    meetings_generate(f.series, timezone.localdate() + timedelta(days=200), actor=SYSTEM)
    f.meeting = make_meeting(
        questions=[
            {"key": "diet", "text_fi": "Ruokavalio", "text_sv": "Kost", "kind": "text"},
            {"key": "loop", "text_fi": "Tarvitsen induktiosilmukan", "kind": "yes_no"},
        ]
    )
    bob = f.bob
    register(
        f.meeting,
        actor=Actor(user=bob),
        user=bob,
        organisation=f.org_x,
        name="Bob Puheenjohtaja",
        email=bob.email,
        answers={"diet": "Vegaani", "loop": True},
    )
    register(
        f.meeting, actor=SYSTEM, name="Vieras", email="vieras@example.fi", confirmation_link=link
    )


def meetings_organiser(f: Fixtures) -> None:
    """Only alice, the coordinator of Etelä-Pohjanmaa (the persona makes her)."""


PAGES += [
    page_at("meetings-manage", "meetings:manage", persona="alice", setup=organised_meetings),
    *and_with_errors(
        page_at(
            "meetings-series-new",
            "meetings:series_new",
            persona="alice",
            setup=meetings_organiser,
        )
    ),
    PageCase(
        "meetings-series-edit",
        "meetings:series_edit",
        detail("meetings:series_edit", "series"),
        "alice",
        organised_meetings,
    ),
    PageCase(
        "meetings-series-meeting-new",
        "meetings:series_meeting_new",
        detail("meetings:series_meeting_new", "series"),
        "alice",
        organised_meetings,
    ),
    *and_with_errors(
        page_at(
            "meetings-meeting-new",
            "meetings:meeting_new",
            persona="alice",
            setup=meetings_organiser,
        )
    ),
    PageCase(
        "meetings-meeting-edit",
        "meetings:meeting_edit",
        detail("meetings:meeting_edit", "meeting"),
        "alice",
        organised_meetings,
    ),
    PageCase(
        "meetings-meeting-cancel",
        "meetings:meeting_cancel",
        detail("meetings:meeting_cancel", "meeting"),
        "alice",
        organised_meetings,
    ),
    PageCase(
        "meetings-participants",
        "meetings:participants",
        detail("meetings:participants", "meeting"),
        "alice",
        organised_meetings,
    ),
]
EXEMPT_URL_NAMES.update(
    {
        "meetings:series_generate": "POST-only: makes the series' meetings, then redirects",
        "meetings:attendance": "POST-only: saves the attendance, then redirects",
        "meetings:participants_export": "file export: a meeting's participants as CSV or Excel",
    }
)
