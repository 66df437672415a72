"""The materialised occurrences the search's time filters read: holidays, writes, the roll."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

import holidays
import pytest
from django.conf import settings
from django.utils import timezone

from kumppani.catalogue.models import Occurrence, Schedule, Service
from kumppani.catalogue.occurrences import (
    occurrence_window,
    occurrences_rebuild,
    occurrences_refresh,
    occurrences_roll,
    occurrences_roll_forward,
)
from kumppani.catalogue.services import ScheduleData, service_create, service_update
from kumppani.core.actor import Actor
from kumppani.core.jobs import periodic_jobs

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


def tuesday_holiday() -> date:
    """A Finnish public holiday on a Tuesday, in a coming year."""
    year = timezone.localdate().year + 1
    while True:
        found = sorted(d for d in holidays.country_holidays("FI", years=year) if d.weekday() == 1)
        if found:
            return found[0]
        year += 1


def weekly(service: Service, first: date, rrule: str, **kwargs: object) -> Schedule:
    return Schedule.objects.create(
        service=service,
        starts_at=datetime.combine(first, datetime.min.time(), tzinfo=HELSINKI).replace(hour=18),
        rrule=rrule,
        **kwargs,
    )


def dates(service: Service) -> list[date]:
    return sorted(Occurrence.objects.filter(service=service).values_list("date", flat=True))


def test_a_weekly_tuesday_schedule_leaves_out_a_tuesday_public_holiday() -> None:
    holiday = tuesday_holiday()
    service = cast(Service, ServiceFactory())
    other = cast(Service, ServiceFactory())
    weekly(service, holiday - timedelta(days=14), "FREQ=WEEKLY;BYDAY=TU")
    weekly(other, holiday - timedelta(days=14), "FREQ=WEEKLY;BYDAY=TU", skip_public_holidays=False)

    occurrences_refresh([service.pk, other.pk], today=holiday - timedelta(days=20))

    tuesdays = [holiday + timedelta(days=7 * n) for n in range(-2, 3)]
    assert holiday not in dates(service)
    assert set(tuesdays) - {holiday} <= set(dates(service))
    assert set(tuesdays) <= set(dates(other))  # this schedule keeps the holidays
    row = Occurrence.objects.filter(service=service).first()
    assert row is not None and row.weekday == 1
    assert timezone.localtime(row.starts_at).hour == 18


@pytest.fixture
def settings_days(settings: Any) -> None:
    settings.CATALOGUE_OCCURRENCE_DAYS = 10


def test_only_the_window_of_days_is_kept(settings_days: None) -> None:
    service = cast(Service, ServiceFactory())
    today = date(2030, 3, 4)  # a Monday
    weekly(service, today - timedelta(days=30), "FREQ=DAILY", skip_public_holidays=False)
    weekly(service, today + timedelta(days=3), "", skip_public_holidays=False)  # one-off

    occurrences_refresh([service.pk], today=today)

    first, last = occurrence_window(today)
    assert (first, last) == (today, today + timedelta(days=9))
    assert dates(service)[0] == today and dates(service)[-1] == last
    assert len(dates(service)) == 10 + 1


def test_the_write_services_keep_the_occurrences(bob: Any, org_x: Any) -> None:
    today = timezone.localdate()
    start = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=HELSINKI)
    actor = Actor(user=bob)
    service = service_create(
        organisation=org_x,
        actor=actor,
        name_fi="Kuoro",
        schedule=ScheduleData(starts_at=start.replace(hour=18), skip_public_holidays=False),
    )
    assert dates(service) == [today + timedelta(days=1)]

    service_update(
        service=service,
        actor=actor,
        schedule=ScheduleData(
            starts_at=start.replace(hour=18) + timedelta(days=2), skip_public_holidays=False
        ),
    )
    assert dates(service) == [today + timedelta(days=3)]

    service_update(service=service, actor=actor, schedule=ScheduleData(starts_at=None))
    assert dates(service) == []


def test_the_daily_job_rolls_the_window_forward(settings_days: None) -> None:
    monday = date(2030, 3, 4)
    daily = cast(Service, ServiceFactory())
    fridays = cast(Service, ServiceFactory())
    weekly(daily, monday, "FREQ=DAILY", skip_public_holidays=False)
    weekly(fridays, monday, "FREQ=WEEKLY;BYDAY=FR", skip_public_holidays=False)
    occurrences_rebuild(today=monday)
    assert dates(daily)[-1] == monday + timedelta(days=9)

    later = monday + timedelta(days=4)
    added = occurrences_roll(today=later)

    assert added == 4 + 1  # four new days of the daily one, one new Friday
    assert dates(daily) == [later + timedelta(days=n) for n in range(10)]
    assert dates(fridays) == [date(2030, 3, 8), date(2030, 3, 15)]
    assert occurrences_roll(today=later) == 0  # safe to run twice
    rolled = set(Occurrence.objects.values_list("schedule_id", "starts_at"))
    occurrences_rebuild(today=later)
    assert set(Occurrence.objects.values_list("schedule_id", "starts_at")) == rolled


def test_the_roll_fills_in_schedules_it_has_no_times_for(settings_days: None) -> None:
    service = cast(Service, ServiceFactory())
    weekly(service, date(2030, 3, 4), "FREQ=DAILY", skip_public_holidays=False)
    assert occurrences_roll(today=date(2030, 3, 6)) == 10
    assert dates(service)[0] == date(2030, 3, 6)


def test_the_roll_is_a_daily_periodic_job() -> None:
    jobs = {job.name: job for job in periodic_jobs()}
    assert jobs["occurrences-roll"].task is occurrences_roll_forward
    assert jobs["occurrences-roll"].every == timedelta(days=1)
    assert settings.CATALOGUE_OCCURRENCE_DAYS == 180
    service = cast(Service, ServiceFactory())
    weekly(service, timezone.localdate(), "FREQ=DAILY", skip_public_holidays=False)
    occurrences_roll_forward.call()
    assert len(dates(service)) == 180
