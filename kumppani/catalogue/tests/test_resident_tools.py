"""What an activity page gives a resident (calendar file, share, map, accessibility) and the
volunteer task's "I'm interested"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from kumppani.catalogue.accessibility import NOT_REPORTED, accessibility_report
from kumppani.catalogue.models import Schedule, Service, VolunteerTask
from kumppani.core.models import AuditEvent, OutgoingEmail
from kumppani.testing.urls import url_in

from .factories import ServiceFactory, VolunteerTaskFactory, weekly_from_tomorrow

HELSINKI = ZoneInfo("Europe/Helsinki")


def _events(service: Service, client) -> tuple[Calendar, list]:
    response = client.get(url_in("fi", "catalogue:service_calendar", service.public_id))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return cal, sorted(cal.walk("VEVENT"), key=lambda event: event.decoded("dtstart"))


# --- add to calendar ---------------------------------------------------------------------


def test_calendar_file_has_the_next_times_in_helsinki_time_with_its_vtimezone(client, org_x):
    service = ServiceFactory.create(organisation=org_x, name_fi="Muistikahvila")
    weekly_from_tomorrow(service, name="Järjestötalo", address="Kauppakatu 1", city="Seinäjoki")

    cal, events = _events(service, client)

    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    first = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    first += timedelta(days=1)
    starts = [event.decoded("dtstart") for event in events]
    assert starts == [first + timedelta(weeks=n) for n in range(10)]
    assert all(str(start.tzinfo) == "Europe/Helsinki" for start in starts)
    assert events[0]["SUMMARY"] == "Muistikahvila"
    assert "Kauppakatu 1" in events[0]["LOCATION"]
    assert events[0]["URL"].endswith(f"/fi/services/{service.public_id}/")
    assert len({str(event["UID"]) for event in events}) == 10


def test_calendar_file_leaves_out_public_holidays_as_the_schedule_says(client, org_x):
    service = ServiceFactory.create(organisation=org_x)
    # Weekly from a week before the next Christmas: Christmas Day and New Year's Day fall on
    # the same weekday, one week apart.
    today = timezone.localdate()
    year = today.year if today < date(today.year, 12, 18) else today.year + 1
    first = datetime(year, 12, 18, 17, 0, tzinfo=HELSINKI)
    Schedule.objects.create(
        service=service,
        starts_at=first,
        ends_at=first + timedelta(hours=2),
        rrule="FREQ=WEEKLY",
        skip_public_holidays=True,
    )

    _cal, events = _events(service, client)

    days = [event.decoded("dtstart").date() for event in events]
    assert days[:3] == [date(year, 12, 18), date(year + 1, 1, 8), date(year + 1, 1, 15)]
    assert events[0].decoded("dtend") - events[0].decoded("dtstart") == timedelta(hours=2)


def test_page_offers_calendar_share_and_map(client, org_x):
    service = ServiceFactory.create(organisation=org_x)
    weekly_from_tomorrow(
        service,
        address="Kauppakatu 1",
        city="Seinäjoki",
        latitude=Decimal("62.790300"),
        longitude=Decimal("22.840300"),
    )

    html = client.get(url_in("fi", "catalogue:service_detail", service.public_id)).content.decode()

    assert url_in("fi", "catalogue:service_calendar", service.public_id) in html
    assert 'id="share-url"' in html and f"/fi/services/{service.public_id}/" in html
    assert "mailto:?subject=" in html
    assert 'class="activity-map"' in html and 'data-lat="62.790300"' in html
    assert "leaflet/leaflet.js" in html and "catalogue/activity.js" in html
    assert "https://www.openstreetmap.org/?mlat=62.790300" in html  # works without the map


def test_without_tiles_the_page_keeps_the_address_and_the_map_link(client, org_x, settings):
    settings.MAP_TILE_URL = ""
    service = ServiceFactory.create(organisation=org_x)
    weekly_from_tomorrow(
        service, address="Kauppakatu 1", latitude=Decimal("62.79"), longitude=Decimal("22.84")
    )

    html = client.get(url_in("fi", "catalogue:service_detail", service.public_id)).content.decode()

    assert 'class="activity-map"' not in html
    assert "Kauppakatu 1" in html and "openstreetmap.org/?mlat=" in html


def test_production_policy_lets_the_page_load_openstreetmap_tiles():
    from kumppani import settings as site_settings

    assert site_settings.MAP_TILE_ORIGIN in ("", "https://tile.openstreetmap.org")
    if site_settings.MAP_TILE_ORIGIN:
        directives = site_settings.CONTENT_SECURITY_POLICY or {}
        assert site_settings.MAP_TILE_ORIGIN in directives["DIRECTIVES"]["img-src"]


# --- accessibility -----------------------------------------------------------------------


def test_unknown_accessibility_is_shown_as_not_reported(client, org_x):
    service = ServiceFactory.create(organisation=org_x)

    with translation.override("fi"):
        html = client.get(
            url_in("fi", "catalogue:service_detail", service.public_id)
        ).content.decode()

    assert 'id="accessibility-heading"' in html
    assert "answer-not_reported" in html


def test_each_feature_says_yes_no_or_not_reported(client, org_x):
    service = ServiceFactory.create(
        organisation=org_x, step_free_access=True, accessible_toilet=False
    )

    report = accessibility_report(service)
    states = {feature.name: feature.state for feature in report.features}
    assert states["step_free_access"] == "yes"
    assert states["accessible_toilet"] == "no"
    assert states["induction_loop"] == NOT_REPORTED

    html = client.get(url_in("en", "catalogue:service_detail", service.public_id)).content.decode()
    assert 'class="answer-yes"' in html and 'class="answer-no"' in html
    assert 'class="answer-not_reported">Not reported' in html


def test_a_new_activity_has_its_accessibility_not_reported(org_x):
    service = ServiceFactory.create(organisation=org_x)
    service.refresh_from_db()
    assert service.step_free_access is None and service.sign_language is None


# --- I'm interested ----------------------------------------------------------------------


@pytest.fixture
def task(org_x) -> VolunteerTask:
    return VolunteerTaskFactory.create(organisation=org_x, contact_email="vapaaehtoiset@example.fi")


def _interest(client, task, language="fi", **fields):
    data = {
        "name": "Maija Meikäläinen",
        "contact": "maija@example.fi",
        "message": "Voisin aloittaa maaliskuussa.",
        "consent": "on",
        "submission_token": "0" * 31 + "1",
        **fields,
    }
    return client.post(url_in(language, "catalogue:task_interest", task.public_id), data)


def test_task_page_offers_i_am_interested(client, task):
    html = client.get(url_in("fi", "catalogue:task_detail", task.public_id)).content.decode()
    assert url_in("fi", "catalogue:task_interest", task.public_id) in html


def test_interest_goes_once_to_the_organisation_in_its_language_and_audited_without_body(
    client, task
):
    first = _interest(client, task, language="sv")
    again = _interest(client, task, language="sv")  # a double click: same token

    thanks = url_in("sv", "catalogue:task_interest_thanks", task.public_id)
    assert first.status_code == 302 and first["Location"] == thanks
    assert again.status_code == 302 and again["Location"] == thanks
    email = OutgoingEmail.objects.get()
    assert email.recipient == "vapaaehtoiset@example.fi"
    assert email.language == "fi"  # the organisation writes in Finnish, the reader in Swedish
    assert "Maija Meikäläinen" in email.body and "maija@example.fi" in email.body
    assert "Voisin aloittaa maaliskuussa." in email.body
    event = AuditEvent.objects.get(action="catalogue.volunteer_task.interest")
    assert event.object_id == str(task.pk)
    assert "maaliskuussa" not in str(event.details) and "Maija" not in str(event.details)
    assert client.get(thanks).status_code == 200


def test_interest_in_a_swedish_organisations_task_is_written_in_swedish(client, org_y):
    org_y.name_fi = ""
    org_y.email = "info@example.fi"
    org_y.save()
    task = VolunteerTaskFactory.create(organisation=org_y, title_fi="", title_sv="Kaffekokare")

    _interest(client, task, language="fi")

    email = OutgoingEmail.objects.get()
    assert email.language == "sv" and email.recipient == "info@example.fi"
    assert "Kaffekokare" in email.subject


def test_filled_honeypot_sends_nothing_but_looks_sent(client, task):
    response = _interest(client, task, homepage="http://spam.example")

    assert response.status_code == 302
    assert not OutgoingEmail.objects.exists()
    assert not AuditEvent.objects.filter(action="catalogue.volunteer_task.interest").exists()


def test_interest_without_consent_is_refused_with_a_sentence(client, task):
    response = _interest(client, task, consent="")

    assert response.status_code == 200
    assert "Tick the box" in response.content.decode() or "Rasti" in response.content.decode()
    assert not OutgoingEmail.objects.exists()


def test_interest_is_limited_per_hour(client, task, settings):
    settings.VOLUNTEER_INTEREST_PER_HOUR = 1
    _interest(client, task, submission_token="a" * 32)

    refused = _interest(client, task, submission_token="b" * 32)

    assert refused.status_code == 200
    assert OutgoingEmail.objects.count() == 1


def test_task_without_an_email_offers_no_form(client, org_x):
    org_x.email = ""
    org_x.save()
    task = VolunteerTaskFactory.create(organisation=org_x, contact_email="")

    html = client.get(url_in("fi", "catalogue:task_detail", task.public_id)).content.decode()

    assert url_in("fi", "catalogue:task_interest", task.public_id) not in html
    assert client.get(url_in("fi", "catalogue:task_interest", task.public_id)).status_code == 404
