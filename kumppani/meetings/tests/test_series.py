"""Meetings made from a series' recurrence: public holidays skipped, each occurrence once."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from kumppani.core.models import AuditEvent
from kumppani.meetings.models import Meeting, MeetingStatus
from kumppani.meetings.services.meetings import meeting_cancel, meeting_update
from kumppani.meetings.services.series import meetings_generate, series_update
from kumppani.testing.factories import municipality

from .conftest import SYSTEM, make_series


def _series(recurrence: str, **fields):
    return make_series(
        recurrence=recurrence,
        default_start_time=time(14, 0),
        default_duration_minutes=90,
        default_place="Kaupungintalo",
        **fields,
    )


def test_first_wednesdays_of_2027_skip_epiphany(db) -> None:
    series = _series("FREQ=MONTHLY;BYDAY=1WE")
    made = meetings_generate(series, date(2027, 12, 31), actor=SYSTEM, since=date(2027, 1, 1))
    days = [m.occurrence_date for m in made]
    assert len(days) == 11
    assert date(2027, 1, 6) not in days  # Epiphany is the first Wednesday
    assert days[0] == date(2027, 2, 3)
    assert made[0].starts_at.isoformat() == "2027-02-03T14:00:00+02:00"
    assert made[5].starts_at.isoformat() == "2027-07-07T14:00:00+03:00"  # summer time


def test_the_sixth_of_each_month_skips_epiphany_easter_monday_and_independence_day(db) -> None:
    series = _series("FREQ=MONTHLY;BYMONTHDAY=6")
    made = meetings_generate(series, date(2026, 12, 31), actor=SYSTEM, since=date(2026, 1, 1))
    days = [m.occurrence_date for m in made]
    assert len(days) == 9
    assert date(2026, 1, 6) not in days  # Epiphany
    assert date(2026, 4, 6) not in days  # Easter Monday
    assert date(2026, 12, 6) not in days  # Independence Day


def test_fridays_of_june_skip_midsummer_eve(db) -> None:
    series = _series("FREQ=WEEKLY;BYDAY=FR")
    made = meetings_generate(series, date(2026, 6, 30), actor=SYSTEM, since=date(2026, 6, 1))
    assert [m.occurrence_date.day for m in made] == [5, 12, 26]  # type: ignore[union-attr]


def test_generating_again_makes_each_occurrence_once(db) -> None:
    series = _series("FREQ=MONTHLY;BYDAY=1WE")
    first = meetings_generate(series, date(2027, 6, 30), actor=SYSTEM, since=date(2027, 1, 1))
    meeting_cancel(actor=SYSTEM, meeting=first[0])
    meeting_update(actor=SYSTEM, meeting=first[1], place="Kirjasto")

    again = meetings_generate(series, date(2027, 12, 31), actor=SYSTEM, since=date(2027, 1, 1))

    assert len(first) == 5
    assert len(again) == 6  # July to December only
    assert Meeting.objects.filter(series=series).count() == 11
    assert Meeting.objects.get(pk=first[0].pk).status == MeetingStatus.CANCELLED
    assert Meeting.objects.get(pk=first[1].pk).place == "Kirjasto"
    assert AuditEvent.objects.filter(action="meetings.meeting.generate").count() == 2


def test_invalid_rule_and_foreign_municipality_are_refused(db) -> None:
    with pytest.raises(ValidationError) as error:
        _series("FREQ=SOMETIMES")
    assert "recurrence" in error.value.message_dict
    series = _series("FREQ=MONTHLY;BYDAY=1WE")
    with pytest.raises(ValidationError) as error:
        series_update(actor=SYSTEM, series=series, organiser_municipality=municipality("905"))
    assert "organiser_municipality" in error.value.message_dict
