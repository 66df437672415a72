"""The organisers' pages: their home, series (with the recurrence as a plain choice and its
meetings made), meetings with registration questions, participants, attendance, export."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.core.concurrency import version_of
from kumppani.core.models import AuditEvent
from kumppani.meetings.models import Meeting, MeetingStatus, Series, SeriesKind
from kumppani.meetings.services.registrations import register
from kumppani.meetings.services.series import series_create, series_update
from kumppani.testing.factories import county, municipality

from .conftest import SYSTEM, assert_queries_stay_flat, make_meeting

pytestmark = pytest.mark.django_db


def make_series(title: str = "Aamukahvit", **fields: object) -> Series:
    values: dict[str, object] = {
        "kind": SeriesKind.MORNING_COFFEE,
        "title_fi": title,
        "recurrence": "FREQ=MONTHLY;BYDAY=1WE",
        "default_start_time": time(8, 15),
        "default_duration_minutes": 45,
        **fields,
    }
    return series_create(actor=SYSTEM, county=county("16"), **values)  # type: ignore[arg-type]


def series_post(**changes: str) -> dict[str, str]:
    return {
        "county": "16",
        "organiser_municipality": "",
        "kind": SeriesKind.MORNING_COFFEE,
        "title_fi": "SOTE-aamukahvit",
        "title_sv": "SOTE-morgonkaffe",
        "audience": "open",
        "target_per_year": "10",
        "co_hosts": "",
        "repeat": "monthly",
        "interval": "1",
        "nth": "1",
        "weekday": "WE",
        "rule": "",
        "default_start_time": "08:15",
        "default_duration_minutes": "45",
        "default_mode": "online",
        "default_place": "",
        "default_online_link": "https://teams.example.fi/aamukahvit",
        "default_capacity": "",
        "is_active": "on",
        "submission_token": "5f0e1b2a3c4d4e5f8a9b0c1d2e3f4a5b",
        **changes,
    }


def test_a_series_is_made_with_a_plain_recurrence_and_co_hosts_once(client, alice, org_x) -> None:
    client.force_login(alice)
    url = reverse("meetings:series_new")
    data = series_post(co_hosts="0201256-6")
    first = client.post(url, data)
    again = client.post(url, data)
    series = Series.objects.get()
    assert series.recurrence == "FREQ=MONTHLY;BYDAY=1WE"
    assert list(series.co_hosts.all()) == [org_x]
    assert first.url == again.url == reverse("meetings:series_edit", args=[series.public_id])


def test_the_recurrence_choices_make_their_rules(client, alice) -> None:
    client.force_login(alice)
    url = reverse("meetings:series_new")
    client.post(url, series_post(repeat="weekly", weekday="FR", submission_token=""))
    client.post(
        url,
        series_post(repeat="monthly", interval="3", nth="-1", weekday="TU", submission_token=""),
    )
    rules = set(Series.objects.values_list("recurrence", flat=True))
    assert rules == {"FREQ=WEEKLY;BYDAY=FR", "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TU"}


def test_an_unknown_co_host_and_a_bad_rule_are_refused(client, alice) -> None:
    client.force_login(alice)
    url = reverse("meetings:series_new")
    unknown = client.post(url, series_post(co_hosts="Ei ole olemassa ry"))
    bad_rule = client.post(url, series_post(repeat="rule", rule="FREQ=SOMETIMES"))
    assert not Series.objects.exists()
    assert "nimeä ”Ei ole olemassa ry” ei löydy" in unknown.content.decode()
    assert "Toistosääntö ei ole kelvollinen." in bad_rule.content.decode()


def test_a_liaison_makes_series_only_for_their_municipality(client, lauri) -> None:
    client.force_login(lauri)
    url = reverse("meetings:series_new")
    refused = client.post(url, series_post(submission_token=""))
    assert refused.status_code == 200 and not Series.objects.exists()
    client.post(url, series_post(organiser_municipality="743", submission_token=""))
    assert Series.objects.get().organiser_municipality == municipality("743")


def test_a_stale_series_edit_is_refused_and_the_second_save_goes_through(client, alice) -> None:
    series = make_series()
    client.force_login(alice)
    url = reverse("meetings:series_edit", args=[series.public_id])
    data = series_post(title_fi="Uusi nimi", base_version=version_of(series))
    series_update(actor=SYSTEM, series=series, title_fi="Toisen muutos")
    stale = client.post(url, data)
    assert "Joku muu tallensi" in stale.content.decode()
    series.refresh_from_db()
    assert series.title_fi == "Toisen muutos"
    data["base_version"] = version_of(series)
    assert client.post(url, data).status_code == 302
    series.refresh_from_db()
    assert series.title_fi == "Uusi nimi"


def test_generating_meetings_says_how_many_were_made(client, alice) -> None:
    series = make_series()
    client.force_login(alice)
    url = reverse("meetings:series_generate", args=[series.public_id])
    until = timezone.localdate() + timedelta(days=200)
    response = client.post(url, {"until": until.isoformat()}, follow=True)
    made = series.meetings.count()
    assert made >= 3
    assert f"{made} tapaamista tehtiin." in response.content.decode()
    again = client.post(url, {"until": until.isoformat()}, follow=True)
    assert "0 tapaamista tehtiin." in again.content.decode()
    assert series.meetings.count() == made


def meeting_post(**changes: str) -> dict[str, str]:
    starts = timezone.localtime() + timedelta(days=10)
    return {
        "county": "16",
        "title_fi": "Tulevaisuuspaja",
        "title_sv": "Framtidsverkstad",
        "agenda_fi": "1. Avaus",
        "agenda_sv": "",
        "mode": "in_person",
        "place": "Seinäjoen kirjasto",
        "place_accessibility": "Esteetön sisäänkäynti",
        "online_link": "",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "languages": ["fi", "sv"],  # type: ignore[dict-item]
        "capacity": "20",
        "enrolment_opens_at": "",
        "enrolment_closes_at": "",
        "is_public": "on",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-0-key": "diet",
        "questions-0-text_fi": "Ruokavalio",
        "questions-0-text_sv": "Kost",
        "questions-0-kind": "text",
        "questions-1-key": "",
        "questions-1-text_fi": "",
        "questions-1-text_sv": "",
        "questions-1-kind": "",
        "submission_token": "",
        **changes,
    }


def test_a_one_off_meeting_is_made_with_its_questions_and_in_helsinki_time(client, alice) -> None:
    client.force_login(alice)
    data = meeting_post()
    response = client.post(reverse("meetings:meeting_new"), data)
    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:meeting_edit", args=[meeting.public_id])
    assert meeting.series is None and meeting.county.code == "16"
    assert meeting.questions == [
        {"key": "diet", "text_fi": "Ruokavalio", "text_sv": "Kost", "kind": "text"}
    ]
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M") == data["starts_at"]
    assert meeting.languages == ["fi", "sv"]


def test_a_meeting_in_person_needs_a_place(client, alice) -> None:
    client.force_login(alice)
    response = client.post(reverse("meetings:meeting_new"), meeting_post(place=""))
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_an_occurrence_is_edited_and_cancelled_on_its_own(client, alice) -> None:
    series = make_series()
    meeting, other = [
        make_meeting(
            title_fi="Aamukahvit",
            starts_at=timezone.now() + timedelta(days=d),
            ends_at=timezone.now() + timedelta(days=d, hours=1),
        )
        for d in (5, 40)
    ]
    Meeting.objects.filter(pk__in=[meeting.pk, other.pk]).update(series=series)
    meeting.refresh_from_db()
    client.force_login(alice)
    edit = reverse("meetings:meeting_edit", args=[meeting.public_id])
    data = meeting_post(title_fi="Aamukahvit: erityisteema", base_version=version_of(meeting))
    data.pop("county")
    assert client.post(edit, data).status_code == 302
    client.post(reverse("meetings:meeting_cancel", args=[meeting.public_id]), {"reason": "Sairaus"})
    meeting.refresh_from_db()
    other.refresh_from_db()
    assert meeting.title_fi == "Aamukahvit: erityisteema"
    assert meeting.status == MeetingStatus.CANCELLED
    assert other.status == MeetingStatus.SCHEDULED and other.title_fi == "Aamukahvit"


def test_the_home_lists_series_and_one_offs_in_constant_queries(client, alice) -> None:
    client.force_login(alice)
    url = reverse("meetings:manage")

    def add(number: int) -> None:
        series = make_series(f"Sarja {number}")
        for days in (3, 30, 60, 90):
            starts = timezone.now() + timedelta(days=days)
            meeting = make_meeting(starts_at=starts, ends_at=starts + timedelta(hours=1))
            Meeting.objects.filter(pk=meeting.pk).update(series=series)
        make_meeting(title_fi=f"Kertatapaaminen {number}")

    first = assert_queries_stay_flat(client, url, add, lambda number: f"Sarja {number}")
    assert "Kertatapaaminen 1" in first.content.decode()


def _participants(meeting: Meeting, org_x, bob, count: int) -> None:
    for number in range(count):
        register(
            meeting,
            actor=SYSTEM,
            name=f"Osallistuja {number}",
            email=f"osallistuja{number}@example.fi",
            confirmation_link=lambda token: f"https://example.fi/{token}",
        )
    register(
        meeting,
        actor=Actor(user=bob),
        user=bob,
        organisation=org_x,
        name="Bob",
        email=bob.email,
        answers={"diet": "Vegaani"},
    )


def test_participants_are_listed_counted_marked_and_exported(client, alice, bob, org_x) -> None:
    meeting = make_meeting(
        capacity=1, questions=[{"key": "diet", "text_fi": "Ruokavalio", "kind": "text"}]
    )
    _participants(meeting, org_x, bob, 2)
    client.force_login(alice)
    url = reverse("meetings:participants", args=[meeting.public_id])
    page = client.get(url).content.decode()
    assert "Bob" in page and "Seinäjoen Omaishoitajat ry" in page
    assert "Ruokavalio: Vegaani" in page
    assert "Seinäjoki" in page  # counted by municipality
    read = AuditEvent.objects.get(action="meetings.participants.read")
    assert read.actor == alice and read.county is not None and read.county.code == "16"

    bobs = meeting.registrations.get(user=bob)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.public_id]),
        {f"attended-{bobs.public_id}": "yes", "back": "page=1"},
    )
    assert response.url == f"{url}?page=1"
    bobs.refresh_from_db()
    assert bobs.attended is True
    assert AuditEvent.objects.filter(action="meetings.registration.attendance").count() == 1

    export = client.get(reverse("meetings:participants_export", args=[meeting.public_id]))
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Ruokavalio" in text.splitlines()[0]
    assert "bob@omaishoitajat.example.fi" in text and "Vegaani" in text
    event = AuditEvent.objects.get(action="meetings.participants.export")
    assert event.details["rows"] == 3


def test_the_participant_list_takes_constant_queries(client, alice, bob, org_x) -> None:
    meeting = make_meeting(capacity=None)
    _participants(meeting, org_x, bob, 1)
    client.force_login(alice)
    url = reverse("meetings:participants", args=[meeting.public_id])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(5, 15):
        register(
            meeting,
            actor=SYSTEM,
            name=f"Nimi {number}",
            email=f"n{number}@example.fi",
            confirmation_link=lambda token: f"https://example.fi/{token}",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    "name",
    ["series_edit", "series_meeting_new", "meeting_edit", "participants", "participants_export"],
)
def test_others_cannot_reach_an_organisers_pages(client, carol, lauri, dave, name) -> None:
    series = make_series()
    meeting = make_meeting()
    Meeting.objects.filter(pk=meeting.pk).update(series=series)
    target = series if name.startswith("series") else meeting
    url = reverse(f"meetings:{name}", args=[target.public_id])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(carol)  # another county's coordinator
    assert client.get(url).status_code == 404
    client.force_login(lauri)  # a liaison of a municipality that does not organise it
    assert client.get(url).status_code == 404
    client.force_login(dave)  # organises nothing
    assert client.get(url).status_code == 403


def test_the_home_and_new_pages_are_for_organisers(client, dave, lauri) -> None:
    client.force_login(dave)
    assert client.get(reverse("meetings:manage")).status_code == 403
    assert client.get(reverse("meetings:series_new")).status_code == 403
    client.force_login(lauri)
    assert client.get(reverse("meetings:manage")).status_code == 200
    # A liaison makes series of their municipality, not one-off meetings of the county.
    assert client.get(reverse("meetings:meeting_new")).status_code == 403
