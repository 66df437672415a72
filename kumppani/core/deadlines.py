"""Statutory time limits: the day a deadline really ends, and until when a submission is taken.

The Act on the Calculation of Statutory Time Limits (150/1930, §5) says that when the last day
of a time limit is a Saturday, a Sunday, a public holiday, Independence Day, May Day,
Christmas Eve or Midsummer Eve, the limit ends on the next working day instead. The Finnish
calendar of the ``holidays`` package holds every one of those days but the weekend (Christmas
Eve and Midsummer Eve included), so nothing is added to it here. A submission is accepted
until the very end of the effective day in Helsinki; pages and the API show both the
published last day and the effective deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays
from babel.dates import get_day_names

from .languages import current_language

HELSINKI = ZoneInfo("Europe/Helsinki")

# The locale the holidays package (and babel) name days in, per content language: the
# package's Swedish names are under "sv_FI", and a plain "sv" silently gives English.
_LOCALES = {"fi": "fi", "sv": "sv_FI", "en": "en_US"}


@lru_cache(maxsize=128)
def _public_holidays(year: int, language: str) -> Mapping[date, str]:
    """Return the year's Finnish public holidays (eves included) with their names.

    Raise ValueError for a year the package has no calendar for (it ends in 2100): every
    day would pass for a working day.
    """
    calendar = holidays.country_holidays("FI", years=year, language=_LOCALES[language])
    if not calendar:
        raise ValueError(f"No Finnish holiday calendar for the year {year}.")
    return MappingProxyType(dict(calendar))


def non_working_reason(day: date, language: str | None = None) -> str | None:
    """Return why `day` is not a working day (the holiday's or the weekday's name in
    `language`, the reader's by default), or None on a working day.

    A holiday on a weekend is named as the holiday: 6.12.2026 is Independence Day, not
    a Sunday.
    """
    language = language or current_language()
    holiday = _public_holidays(day.year, language).get(day)
    if holiday:
        return holiday
    if day.weekday() >= 5:
        names = get_day_names("wide", context="stand-alone", locale=_LOCALES[language])
        return str(names[day.weekday()])
    return None


def is_working_day(day: date) -> bool:
    """Return whether a time limit may end on `day`."""
    return day.weekday() < 5 and day not in _public_holidays(day.year, "fi")


def effective_deadline(last_day: date) -> date:
    """Return the day a time limit whose published last day is `last_day` really ends:
    that day itself, or the first working day after it. Raise ValueError past the years
    the holiday calendar covers (up to 2100)."""
    day = last_day
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def closes_at(last_day: date) -> datetime:
    """Return the last moment a submission is accepted: the end of the effective day in
    Helsinki (23:59:59.999999, summer or winter time)."""
    return datetime.combine(effective_deadline(last_day), time.max, tzinfo=HELSINKI)


def is_open(now: datetime, last_day: date, *, opens_on: date | None = None) -> bool:
    """Return whether a submission made at `now` (an aware datetime) is in time: from the
    start of `opens_on` in Helsinki, when given, until `closes_at(last_day)`."""
    if opens_on is not None and now < datetime.combine(opens_on, time.min, tzinfo=HELSINKI):
        return False
    return now <= closes_at(last_day)


def is_public_holiday(day: date) -> bool:
    """Return whether `day` is a Finnish public holiday (eves included: Midsummer Eve,
    Christmas Eve), whatever the weekday: recurring meetings skip these."""
    return day in _public_holidays(day.year, "fi")
