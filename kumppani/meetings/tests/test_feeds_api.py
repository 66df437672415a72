"""The iCalendar feeds (parsed with icalendar) and the meetings API."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from kumppani.core.actor import Actor
from kumppani.meetings.models import Meeting, RegistrationStatus, SeriesKind
from kumppani.meetings.services.meetings import meeting_cancel
from kumppani.meetings.services.registrations import register
from kumppani.meetings.services.series import meetings_generate

from .conftest import SYSTEM, make_meeting, make_series

FEED = "/api/v1/meetings/calendar.ics"


def _events(content: bytes) -> tuple[Calendar, list]:
    cal = Calendar.from_ical(content)
    return cal, list(cal.walk("VEVENT"))


def test_county_feed_of_a_monthly_series_skips_holidays_and_has_the_timezone(client, db) -> None:
    series = make_series(
        kind=SeriesKind.MORNING_COFFEE,
        title_fi="Aamukahvit",
        recurrence="FREQ=MONTHLY;BYDAY=1WE",
        default_start_time=time(8, 15),
        default_duration_minutes=45,
    )
    made = meetings_generate(series, date(2027, 12, 31), actor=SYSTEM, since=date(2027, 1, 1))
    meeting_cancel(meeting=made[1], actor=SYSTEM, reason="Sairastapaus")
    response = client.get(FEED + "?county=16")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal, events = _events(response.content)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    starts = [event.decoded("DTSTART") for event in events]
    days = [start.date() for start in starts]
    assert len(days) == 11
    assert date(2027, 1, 6) not in days  # Epiphany falls on the first Wednesday
    assert days[0] == date(2027, 2, 3)
    assert str(starts[0].tzinfo) == "Europe/Helsinki"
    assert starts[0].hour == 8 and starts[0].minute == 15
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert str(events[0]["UID"]).startswith(str(made[0].public_id) + "@")
    assert [str(e["STATUS"]) for e in events[:2]] == ["CONFIRMED", "CANCELLED"]
    # The same in the series' feed.
    series_feed = client.get(reverse("meetings:series_ics", args=[series.public_id]))
    assert len(_events(series_feed.content)[1]) == 11


def test_county_feed_needs_a_county(client, db) -> None:
    response = client.get(FEED)
    assert response.status_code == 400
    assert client.get(FEED + "?county=99").status_code == 400


def test_meeting_feed_has_one_event_without_the_online_link(client, db) -> None:
    meeting = make_meeting(online_link="https://meet.example.fi/salainen", mode="hybrid")
    response = client.get(reverse("meetings:meeting_ics", args=[meeting.public_id]))
    cal, events = _events(response.content)
    assert len(events) == 1 and cal.walk("VTIMEZONE")
    assert str(events[0]["SUMMARY"]) == "Järjestöfoorumi"
    assert b"salainen" not in response.content


def test_meetings_api_lists_open_meetings_with_seats(client, meeting, dave, alice) -> None:
    make_meeting(title_fi="Suljettu", is_public=False)
    for user in (dave, alice):
        register(meeting, actor=Actor(user=user), user=user, name="X", email=user.email)
    body = client.get("/api/v1/meetings").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == str(meeting.public_id)
    assert (item["capacity"], item["seats_left"], item["waiting_list"]) == (2, 0, 0)
    assert item["series_kind"] is None and item["mode"] == "in_person"
    assert client.get("/api/v1/meetings?kind=nonsense").status_code == 400
    assert client.get(f"/api/v1/meetings/{meeting.public_id}").json()["title"] == "Järjestöfoorumi"


@pytest.mark.parametrize("length", [1, 5])
def test_meetings_api_queries_do_not_grow(client, db, django_assert_num_queries, length) -> None:
    for number in range(length):
        make_meeting(title_fi=f"Foorumi {number}")
    with django_assert_num_queries(2):
        client.get("/api/v1/meetings")


def test_api_registration_is_repeatable_and_cancellable(client, meeting, dave, alice, bob) -> None:
    url = f"/api/v1/meetings/{meeting.public_id}/registrations"
    assert client.post(url).status_code == 403
    for user in (alice, dave):
        register(meeting, actor=Actor(user=user), user=user, name="X", email=user.email)
    client.force_login(bob)
    first = client.post(url)
    assert first.status_code == 201
    assert (first.json()["status"], first.json()["waiting_number"]) == ("waiting", 1)
    again = client.post(url)
    assert again.json()["id"] == first.json()["id"]
    assert meeting.registrations.filter(user=bob).count() == 1
    client.force_login(alice)
    assert client.delete(url).json()["status"] == "cancelled"
    assert meeting.registrations.get(user=bob).status == RegistrationStatus.CONFIRMED
    assert client.delete(url).status_code == 404


def test_api_registration_needs_the_csrf_token_in_a_session(dave, meeting) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(dave)
    response = client.post(f"/api/v1/meetings/{meeting.public_id}/registrations")
    assert response.status_code == 403
    assert not Meeting.objects.get(pk=meeting.pk).registrations.exists()
