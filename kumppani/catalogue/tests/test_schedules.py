from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kumppani.catalogue.models import Schedule
from kumppani.catalogue.schedules import Repeat, build_rrule, next_occurrences, repeat_of

from .factories import ServiceFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


def weekly_thursday(**kwargs) -> Schedule:
    # Not saved: occurrences need only the schedule's own fields.
    return Schedule(
        starts_at=datetime(2026, 1, 8, 18, 0, tzinfo=HELSINKI),
        rrule="FREQ=WEEKLY;BYDAY=TH",
        **kwargs,
    )


def test_weekly_thursday_skips_ascension_day_2026():
    found = next_occurrences(
        weekly_thursday(), after=datetime(2026, 5, 1, tzinfo=HELSINKI), count=3
    )
    # 14.5.2026 is Ascension Day.
    assert [d.date() for d in found] == [date(2026, 5, 7), date(2026, 5, 21), date(2026, 5, 28)]
    assert all(d.hour == 18 for d in found)


def test_weekly_thursday_skips_christmas_eve_2026_and_ascension_2027():
    schedule = weekly_thursday()
    december = next_occurrences(schedule, after=datetime(2026, 12, 15, tzinfo=HELSINKI), count=2)
    assert [d.date() for d in december] == [date(2026, 12, 17), date(2026, 12, 31)]
    may = next_occurrences(schedule, after=datetime(2027, 5, 1, tzinfo=HELSINKI), count=2)
    assert [d.date() for d in may] == [date(2027, 5, 13), date(2027, 5, 20)]


def test_holidays_are_kept_when_the_activity_runs_on_them():
    found = next_occurrences(
        weekly_thursday(skip_public_holidays=False),
        after=datetime(2026, 12, 20, tzinfo=HELSINKI),
        count=1,
    )
    assert found[0].date() == date(2026, 12, 24)


def test_until_ends_the_series():
    found = next_occurrences(
        weekly_thursday(until=date(2026, 1, 22)),
        after=datetime(2026, 1, 1, tzinfo=HELSINKI),
        count=5,
    )
    assert [d.date() for d in found] == [date(2026, 1, 8), date(2026, 1, 15), date(2026, 1, 22)]


def test_wall_clock_time_stays_the_same_over_daylight_saving():
    found = next_occurrences(
        weekly_thursday(), after=datetime(2026, 3, 20, tzinfo=HELSINKI), count=2
    )
    # Summer time begins 29.3.2026; the group still meets at 18.00 local time.
    assert [(d.date(), d.hour) for d in found] == [(date(2026, 3, 26), 18), (date(2026, 4, 2), 18)]


@pytest.mark.parametrize(
    ("repeat", "first", "rrule"),
    [
        (Repeat.NONE, date(2026, 12, 3), ""),
        (Repeat.WEEKLY, date(2026, 12, 3), "FREQ=WEEKLY;BYDAY=TH"),
        (Repeat.FORTNIGHTLY, date(2026, 12, 1), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        (Repeat.MONTHLY_WEEKDAY, date(2026, 12, 8), "FREQ=MONTHLY;BYDAY=+2TU"),
        (Repeat.MONTHLY_WEEKDAY, date(2026, 12, 29), "FREQ=MONTHLY;BYDAY=-1TU"),
    ],
)
def test_repeat_choices_become_rrules_and_back(repeat, first, rrule):
    assert build_rrule(repeat, first) == rrule
    assert repeat_of(rrule) == repeat


def test_service_schedule_occurrences_through_the_model(db):
    service = ServiceFactory.create()
    schedule = Schedule.objects.create(
        service=service,
        starts_at=datetime(2026, 12, 10, 17, 0, tzinfo=HELSINKI),
        rrule=build_rrule(Repeat.WEEKLY, date(2026, 12, 10)),
    )
    found = schedule.occurrences(after=datetime(2026, 12, 11, tzinfo=HELSINKI), count=2)
    assert [d.date() for d in found] == [date(2026, 12, 17), date(2026, 12, 31)]
