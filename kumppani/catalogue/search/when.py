"""The search's time filters: when (any time, today, this week, chosen dates) and weekdays.

The fields and their checks for ``forms.SearchForm`` (page and API alike); ``time_filter``
turns the valid input into the dates and weekdays ``filters.SearchFilters`` holds, which
``filters.filter_conditions`` matches against the activities' materialised occurrences.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from kumppani.core.languages import format_date

from ..occurrences import occurrence_window

TODAY = "today"
THIS_WEEK = "this_week"
DATES = "dates"
WHEN_CHOICES = [
    ("", _("Any time")),
    (TODAY, _("Today")),
    (THIS_WEEK, _("This week")),
    (DATES, _("Choose dates")),
]
# Weekday values, Monday first (Python's weekday(): 0 = Monday).
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_RANGE_DAYS = 366
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
# chosen_filters counts the date range and the "when" choice as one filter.
COUNTED_AS = {"date_from": "when", "date_to": "when"}

_NO_SUCH_CHOICE = _("There is no such choice: %(value)s. Pick one from the list.")


def weekday_choices() -> list[tuple[str, Any]]:
    """The days of the week, Monday first, named in the current language."""
    return [(code, WEEKDAYS[number]) for number, code in enumerate(WEEKDAY_CODES)]


class WeekdayField(forms.MultipleChoiceField):
    """Days of the week as mon..sun (any case); any number of them."""

    def to_python(self, value: Any) -> list[str]:
        return [str(v).strip().lower() for v in super().to_python(value)]


def when_field() -> forms.ChoiceField:
    # Not "When": that is the legend of the group around it (forms.FILTER_GROUPS).
    return forms.ChoiceField(
        label=_("Time period"),
        required=False,
        widget=forms.RadioSelect,
        choices=WHEN_CHOICES,
        error_messages={"invalid_choice": _NO_SUCH_CHOICE},
    )


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Give the date as year-month-day or day.month.year, e.g. 24.12.2026.")
        },
    )


def weekday_field() -> WeekdayField:
    return WeekdayField(
        label=_("Days of the week"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=weekday_choices,
        error_messages={"invalid_choice": _NO_SUCH_CHOICE},
    )


def check_dates(form: forms.Form, today: date | None = None) -> None:
    """Add the errors of the chosen dates (for the form's ``clean``): the last not before the
    first, a year apart at most, and at least one of them when the choice is "choose dates"."""
    data = form.cleaned_data
    if data.get("when") not in ("", None, DATES) or {"date_from", "date_to"} & set(form.errors):
        return  # today or this week (the dates are not used), or a date already wrong
    first, last = data.get("date_from"), data.get("date_to")
    if data.get("when") == DATES and first is None and last is None:
        form.add_error("date_from", _("Choose the first date, the last date or both."))
    elif first and last and last < first:
        form.add_error("date_to", _("The last date cannot be before the first date."))
    elif last and (last - (first or today or timezone.localdate())).days > MAX_RANGE_DAYS:
        form.add_error("date_to", _("Choose dates at most one year apart."))
    elif first and first > (known := occurrence_window(today)[1]):
        form.add_error(
            "date_from",
            _("Activities' times are known until %(date)s. Choose a first date no later than that.")
            % {"date": format_date(known)},
        )


def time_filter(
    data: dict[str, Any], today: date | None = None
) -> tuple[date | None, date | None, tuple[int, ...]]:
    """The first and last date and the weekdays an activity must happen on.

    None for both dates and no weekdays when there is no time filter; a set filter never
    starts before today (the occurrences of past days are not kept).
    """
    today = today or timezone.localdate()
    weekdays = tuple(sorted({WEEKDAY_CODES.index(code) for code in data.get("weekday") or ()}))
    when = data.get("when") or ""
    if when == TODAY:
        return today, today, weekdays
    if when == THIS_WEEK:
        return today, today + timedelta(days=6 - today.weekday()), weekdays
    first, last = data.get("date_from"), data.get("date_to")
    if first is None and last is None and not weekdays:
        return None, None, ()
    return max(first or today, today), last, weekdays


class TimeFilterForm(forms.Form):
    """The time filters alone (the HSDS API's ``/services``), checked as on the search."""

    when = when_field()
    date_from = date_field(_("From date"))
    date_to = date_field(_("To date"))
    weekday = weekday_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_dates(self)
        return cleaned

    def error_message(self) -> str:
        return " ".join(
            f"'{name}': {error}" for name, errors in self.errors.items() for error in errors
        )
