"""A time limit that ends on a day off ends on the next working day, at midnight in Helsinki
(Act 150/1930, §5). The expected dates were checked against Python's calendar module."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.easter import easter  # type: ignore[import-untyped, unused-ignore]
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kumppani.core.deadlines import (
    HELSINKI,
    closes_at,
    effective_deadline,
    is_open,
    is_working_day,
    non_working_reason,
)


@pytest.mark.parametrize(
    ("last_day", "effective"),
    [
        # Saturday 14.3.2026 → Monday.
        (date(2026, 3, 14), date(2026, 3, 16)),
        # Independence Day on Sunday 6.12.2026 → Monday.
        (date(2026, 12, 6), date(2026, 12, 7)),
        # Independence Day on Wednesday 6.12.2028 → Thursday.
        (date(2028, 12, 6), date(2028, 12, 7)),
        # Christmas Eve Friday 24.12.2027, Christmas Day and Boxing Day on the weekend.
        (date(2027, 12, 24), date(2027, 12, 27)),
        # Christmas Eve Thursday 24.12.2026, Christmas Day Friday, Boxing Day Saturday.
        (date(2026, 12, 24), date(2026, 12, 28)),
        (date(2026, 12, 25), date(2026, 12, 28)),
        (date(2026, 12, 26), date(2026, 12, 28)),
        # Christmas Eve Sunday 24.12.2028, Christmas Day Monday, Boxing Day Tuesday.
        (date(2028, 12, 24), date(2028, 12, 27)),
        # The day before Christmas Eve is a working day.
        (date(2027, 12, 23), date(2027, 12, 23)),
        # Good Friday 3.4.2026, Easter, Easter Monday 6.4.
        (date(2026, 4, 3), date(2026, 4, 7)),
        (date(2026, 4, 6), date(2026, 4, 7)),
        # Maundy Thursday is a working day.
        (date(2026, 4, 2), date(2026, 4, 2)),
        # May Day on Friday 1.5.2026 → Monday; on Monday 1.5.2028 → Tuesday.
        (date(2026, 5, 1), date(2026, 5, 4)),
        (date(2028, 5, 1), date(2028, 5, 2)),
        # Ascension Day Thursday 14.5.2026 → Friday.
        (date(2026, 5, 14), date(2026, 5, 15)),
        # Midsummer Eve Friday 19.6.2026 and Midsummer Day Saturday → Monday.
        (date(2026, 6, 19), date(2026, 6, 22)),
        (date(2026, 6, 20), date(2026, 6, 22)),
        # Midsummer Eve Friday 25.6.2027; the Friday before (18.6.) is a working day.
        (date(2027, 6, 25), date(2027, 6, 28)),
        (date(2027, 6, 18), date(2027, 6, 18)),
        # Epiphany Wednesday 6.1.2027 → Thursday.
        (date(2027, 1, 6), date(2027, 1, 7)),
        # Saturday 31.12.2022, New Year's Day on Sunday → Monday 2.1.2023.
        (date(2022, 12, 31), date(2023, 1, 2)),
        # Saturday 30.12.2028, Sunday, New Year's Day on Monday → Tuesday 2.1.2029.
        (date(2028, 12, 30), date(2029, 1, 2)),
        # New Year's Eve Friday 31.12.2027 is a working day.
        (date(2027, 12, 31), date(2027, 12, 31)),
        # An ordinary Wednesday.
        (date(2026, 9, 16), date(2026, 9, 16)),
    ],
)
def test_a_last_day_off_moves_to_the_next_working_day(last_day: date, effective: date) -> None:
    assert effective_deadline(last_day) == effective


@pytest.mark.parametrize(
    ("last_day", "closes_utc"),
    [
        # Friday before summer time starts (Sunday 29.3.2026): 23:59:59 EET is 21:59:59 UTC.
        (date(2026, 3, 27), datetime(2026, 3, 27, 21, 59, 59, 999999, tzinfo=UTC)),
        # Saturday before it → Monday 30.3. in summer time: 23:59:59 EEST is 20:59:59 UTC.
        (date(2026, 3, 28), datetime(2026, 3, 30, 20, 59, 59, 999999, tzinfo=UTC)),
        (date(2026, 3, 29), datetime(2026, 3, 30, 20, 59, 59, 999999, tzinfo=UTC)),
        # Friday before summer time ends (Sunday 25.10.2026) is still summer time.
        (date(2026, 10, 23), datetime(2026, 10, 23, 20, 59, 59, 999999, tzinfo=UTC)),
        # Saturday before it → Monday 26.10. in winter time.
        (date(2026, 10, 24), datetime(2026, 10, 26, 21, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_submissions_close_at_midnight_helsinki_time_in_summer_and_winter(
    last_day: date, closes_utc: datetime
) -> None:
    closes = closes_at(last_day)

    assert closes == closes_utc
    assert closes.tzinfo == HELSINKI
    assert closes.timetz().replace(tzinfo=None).isoformat() == "23:59:59.999999"


def test_a_submission_on_the_effective_day_is_in_time_and_one_after_midnight_is_not() -> None:
    # Independence Day 6.12.2026 is a Sunday: the limit ends on Monday 7.12.
    last_day = date(2026, 12, 6)

    assert is_open(datetime(2026, 12, 7, 23, 59, 59, tzinfo=HELSINKI), last_day)
    assert is_open(datetime(2026, 12, 7, 21, 59, 59, tzinfo=UTC), last_day)
    assert not is_open(datetime(2026, 12, 8, 0, 0, tzinfo=HELSINKI), last_day)
    assert not is_open(datetime(2026, 12, 7, 22, 0, tzinfo=UTC), last_day)


def test_a_submission_is_taken_from_the_start_of_the_opening_day_in_helsinki() -> None:
    last_day, opens_on = date(2026, 9, 30), date(2026, 9, 1)

    assert not is_open(datetime(2026, 8, 31, 20, 59, 59, tzinfo=UTC), last_day, opens_on=opens_on)
    assert is_open(datetime(2026, 8, 31, 21, 0, tzinfo=UTC), last_day, opens_on=opens_on)
    assert is_open(datetime(2026, 9, 1, 0, 0, tzinfo=HELSINKI), last_day, opens_on=opens_on)


def test_a_year_past_the_holiday_calendar_is_refused_rather_than_taken_as_working_days() -> None:
    with pytest.raises(ValueError, match="2101"):
        effective_deadline(date(2101, 3, 1))


def test_a_time_without_a_time_zone_is_refused() -> None:
    with pytest.raises(TypeError):
        is_open(datetime(2026, 9, 16, 12, 0), date(2026, 9, 16))


@pytest.mark.parametrize(
    ("day", "language", "reason"),
    [
        (date(2026, 3, 14), "fi", "lauantai"),
        (date(2026, 3, 14), "sv", "lördag"),
        (date(2026, 3, 14), "en", "Saturday"),
        (date(2026, 3, 15), "fi", "sunnuntai"),
        (date(2026, 3, 15), "sv", "söndag"),
        # A holiday on a Sunday is named as the holiday.
        (date(2026, 12, 6), "fi", "Itsenäisyyspäivä"),
        (date(2026, 12, 6), "sv", "Självständighetsdagen"),
        (date(2026, 12, 6), "en", "Independence Day"),
        (date(2026, 5, 1), "fi", "Vappu"),
        (date(2026, 5, 1), "sv", "Första maj"),
        (date(2026, 6, 19), "fi", "Juhannusaatto"),
        (date(2026, 6, 19), "sv", "Midsommarafton"),
        (date(2026, 12, 24), "fi", "Jouluaatto"),
        (date(2026, 12, 24), "sv", "Julafton"),
        (date(2026, 9, 16), "fi", None),
        (date(2026, 9, 16), "sv", None),
    ],
)
def test_a_day_off_is_named_in_the_readers_language(
    day: date, language: str, reason: str | None
) -> None:
    assert non_working_reason(day, language) == reason


def test_the_reason_is_in_the_active_language_by_default() -> None:
    with translation.override("sv"):
        assert non_working_reason(date(2026, 12, 25)) == "Juldagen"


def _day_off_by_law(day: date) -> bool:
    """The days of §5 worked out from the calendar (the rules in force since 1991)."""
    fixed = {(1, 1), (1, 6), (5, 1), (12, 6), (12, 24), (12, 25), (12, 26)}
    # Good Friday, Easter Monday, Ascension Day; the other church holidays fall on weekends.
    from_easter = {-2, 1, 39}
    midsummer_eve = day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4
    return (
        day.weekday() >= 5
        or (day.month, day.day) in fixed
        or (day - easter(day.year)).days in from_easter
        or midsummer_eve
    )


@given(st.dates(min_value=date(1991, 1, 1), max_value=date(2100, 12, 31)))
def test_the_deadline_is_the_first_working_day_from_the_last_day_on(last_day: date) -> None:
    effective = effective_deadline(last_day)

    assert effective >= last_day
    assert not _day_off_by_law(effective)
    assert is_working_day(effective)
    for offset in range((effective - last_day).days):
        assert _day_off_by_law(last_day + timedelta(days=offset))


@given(st.dates(min_value=date(1991, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_off_has_a_reason_and_no_working_day_has_one(day: date) -> None:
    for language in ("fi", "sv", "en"):
        assert (non_working_reason(day, language) is not None) == _day_off_by_law(day)
