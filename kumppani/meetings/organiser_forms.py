"""The organisers' forms: a series (with its recurrence as a plain choice), a meeting with
its registration questions (rows that work without JavaScript), cancelling a meeting,
making a series' meetings, and the filter of a meeting's participants."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from stdnum.fi import ytunnus

from kumppani.core.concurrency import VersionedForm, version_of
from kumppani.core.forms import (
    CountyChoiceField,
    DateField,
    FilterChoiceField,
    FilterForm,
    MunicipalityChoiceField,
    model_initial,
    text_field,
)
from kumppani.core.models import County, Municipality
from kumppani.core.widgets import NativeTimeInput
from kumppani.organisations.models import Organisation

from .models import Audience, Meeting, Mode, QuestionKind, RegistrationStatus, Series, SeriesKind

# --- the recurrence as a plain choice --------------------------------------------------------

WEEKDAYS = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]
NTH = [
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]
NONE, WEEKLY, MONTHLY, RULE = "", "weekly", "monthly", "rule"
REPEATS = [
    (NONE, _("Does not repeat (meetings are added one by one)")),
    (WEEKLY, _("Every week or every few weeks, on a weekday")),
    (MONTHLY, _("Every month or every few months, on e.g. the first Wednesday")),
    (RULE, _("Advanced: an RFC 5545 rule")),
]
_WEEKLY = re.compile(r"^FREQ=WEEKLY;(?:INTERVAL=(\d+);)?BYDAY=(MO|TU|WE|TH|FR|SA|SU)$")
_MONTHLY = re.compile(r"^FREQ=MONTHLY;(?:INTERVAL=(\d+);)?BYDAY=(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$")


def rule_of(repeat: str, *, interval: int | None, weekday: str, nth: str, rule: str) -> str:
    """The RFC 5545 rule of the plain choice."""
    every = f"INTERVAL={interval};" if interval and interval > 1 else ""
    if repeat == WEEKLY:
        return f"FREQ=WEEKLY;{every}BYDAY={weekday}"
    if repeat == MONTHLY:
        return f"FREQ=MONTHLY;{every}BYDAY={nth}{weekday}"
    if repeat == RULE:
        return rule.strip().upper()
    return ""


def choice_of(rule: str) -> dict[str, Any]:
    """The plain choice that gives the rule (the advanced rule when none does)."""
    if not rule:
        return {"repeat": NONE, "interval": 1}
    if match := _WEEKLY.match(rule):
        return {"repeat": WEEKLY, "interval": int(match[1] or 1), "weekday": match[2]}
    if match := _MONTHLY.match(rule):
        return {
            "repeat": MONTHLY,
            "interval": int(match[1] or 1),
            "nth": match[2],
            "weekday": match[3],
        }
    return {"repeat": RULE, "interval": 1, "rule": rule}


class CoHostsField(forms.CharField):
    """Organisations by business ID or exact name, one a line; cleans to a list of them."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value: Any) -> list[Organisation]:
        lines = [line.strip() for line in str(super().clean(value) or "").splitlines()]
        found: list[Organisation] = []
        for line in dict.fromkeys(line for line in lines if line):
            if ytunnus.is_valid(line):
                match = Q(business_id__in={line, ytunnus.compact(line), ytunnus.format(line)})
            else:
                match = Q(name__iexact=line)
            organisations = list(Organisation.objects.filter(match)[:2])
            if len(organisations) != 1:
                raise ValidationError(
                    _(
                        "No single organisation has the business ID or name “%(line)s”. "
                        "Check it in the organisation registry."
                    ),
                    params={"line": line[:100]},
                    code="co_host",
                )
            found.append(organisations[0])
        return found


def co_host_lines(series: Series) -> str:
    return "\n".join(o.business_id or o.name for o in series.co_hosts.order_by("name"))


class SeriesForm(VersionedForm):
    county = CountyChoiceField(error_messages={"required": _("Choose the county.")})
    organiser_municipality = MunicipalityChoiceField(
        label=_("Organising municipality"),
        required=False,
        to_field_name="code",
        help_text=_("Leave empty when the county itself organises."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", "---"), *SeriesKind.choices],
        error_messages={"required": _("Choose the kind of series.")},
    )
    title_fi = text_field(_("Title in Finnish"), required=True, max_length=255)
    title_sv = text_field(_("Title in Swedish"), max_length=255)
    description_fi = text_field(_("Description in Finnish"), long=True)
    description_sv = text_field(_("Description in Swedish"), long=True)
    audience = forms.ChoiceField(
        label=_("Who may take part"),
        choices=Audience.choices,
        error_messages={"required": _("Choose who may take part.")},
    )
    target_per_year = forms.IntegerField(
        label=_("Meetings a year (target)"),
        required=False,
        min_value=0,
        max_value=366,
        error_messages={"invalid": _("Write the number of meetings as a whole number.")},
    )
    co_hosts = CoHostsField(
        label=_("Co-hosting organisations"),
        required=False,
        help_text=_("Business IDs (e.g. 1234567-8) or exact names, one a line."),
    )
    repeat = forms.ChoiceField(
        label=_("How the series repeats"),
        choices=REPEATS,
        required=False,
        widget=forms.RadioSelect,
    )
    interval = forms.IntegerField(
        label=_("Every how many weeks or months"),
        min_value=1,
        max_value=12,
        initial=1,
        required=False,
        help_text=_("1 for every week or month, 2 for every other, and so on."),
        error_messages={"invalid": _("Write a whole number from 1 to 12.")},
    )
    nth = forms.ChoiceField(label=_("Which one in the month"), choices=NTH, required=False)
    weekday = forms.ChoiceField(label=_("Weekday"), choices=WEEKDAYS, required=False)
    rule = forms.CharField(
        label=_("Advanced rule"),
        required=False,
        max_length=255,
        help_text=_("For example FREQ=MONTHLY;BYDAY=1WE (the first Wednesday of each month)."),
    )
    default_start_time = forms.TimeField(
        label=_("Usual start time"),
        widget=NativeTimeInput,
        error_messages={
            "required": _("Give the usual start time."),
            "invalid": _("Write the time as hours and minutes, e.g. 14.00."),
        },
    )
    default_duration_minutes = forms.IntegerField(
        label=_("Usual length (minutes)"),
        min_value=1,
        max_value=24 * 60,
        error_messages={
            "required": _("Give the usual length in minutes."),
            "invalid": _("Write the length in minutes, e.g. 90."),
        },
    )
    default_mode = forms.ChoiceField(
        label=_("Usual way to attend"),
        choices=Mode.choices,
        error_messages={"required": _("Choose how people usually attend.")},
    )
    default_place = text_field(_("Usual place"), max_length=255)
    default_online_link = forms.URLField(
        label=_("Usual online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Write the link as a full address, starting https://.")},
    )
    default_capacity = forms.IntegerField(
        label=_("Usual seats"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for no limit."),
        error_messages={"invalid": _("Write the number of seats as a whole number.")},
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        counties: QuerySet[County],
        municipalities: QuerySet[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        county_field = self.fields["county"]
        assert isinstance(county_field, forms.ModelChoiceField)
        county_field.queryset = counties
        municipality_field = self.fields["organiser_municipality"]
        assert isinstance(municipality_field, forms.ModelChoiceField)
        municipality_field.queryset = municipalities

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        repeat = data.get("repeat") or NONE
        if repeat in (WEEKLY, MONTHLY) and not data.get("weekday"):
            self.add_error("weekday", _("Choose the weekday."))
        if repeat == MONTHLY and not data.get("nth"):
            self.add_error("nth", _("Choose which weekday of the month."))
        if repeat == RULE and not (data.get("rule") or "").strip():
            self.add_error("rule", _("Write the rule, or choose another way to repeat."))
        data["recurrence"] = rule_of(
            repeat,
            interval=data.get("interval"),
            weekday=data.get("weekday") or "",
            nth=data.get("nth") or "",
            rule=data.get("rule") or "",
        )
        return data

    def series_values(self) -> dict[str, Any]:
        """The cleaned values as the series services take them."""
        data = dict(self.cleaned_data)
        for name in ("repeat", "interval", "nth", "weekday", "rule", "county", "base_version"):
            data.pop(name, None)
        return data

    @classmethod
    def initial_for(cls, series: Series) -> dict[str, Any]:
        return {
            **model_initial(cls, series),
            **choice_of(series.recurrence),
            "county": series.county.code,
            "co_hosts": co_host_lines(series),
            "base_version": version_of(series),
        }


class GenerateForm(forms.Form):
    until = DateField(
        label=_("Make meetings until"),
        error_messages={"required": _("Give the last day to make meetings for.")},
    )


# --- meetings ------------------------------------------------------------------------------


class LocalDateTimeInput(forms.DateTimeInput):
    """`<input type="datetime-local">`, in the site's time zone (Europe/Helsinki)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _moment(label: Any, *, required: bool = True, **options: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=LocalDateTimeInput,
        error_messages={
            "required": _("Give the day and time."),
            "invalid": _("Write the day and time as day.month.year hours.minutes."),
        },
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"],
        **options,
    )


class LanguagesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=[("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))],
            error_messages={"invalid_choice": _("Choose the languages from the list.")},
            **kwargs,
        )


class MeetingForm(VersionedForm):
    title_fi = text_field(_("Title in Finnish"), required=True, max_length=255)
    title_sv = text_field(_("Title in Swedish"), max_length=255)
    agenda_fi = text_field(_("Agenda in Finnish"), long=True)
    agenda_sv = text_field(_("Agenda in Swedish"), long=True)
    mode = forms.ChoiceField(
        label=_("How to attend"),
        choices=Mode.choices,
        error_messages={"required": _("Choose how people attend: in person, online or both.")},
    )
    place = text_field(_("Place"), max_length=255, help_text=_("The address, and the room."))
    place_accessibility = text_field(
        _("Accessibility of the place"),
        long=True,
        help_text=_("Steps, lift, induction loop, accessible toilet, parking."),
    )
    online_link = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to those with a confirmed seat."),
        error_messages={"invalid": _("Write the link as a full address, starting https://.")},
    )
    starts_at = _moment(_("Starts"), help_text=_("Finnish time."))
    ends_at = _moment(_("Ends"))
    languages = LanguagesField(label=_("Languages"), required=False)
    capacity = forms.IntegerField(
        label=_("Seats"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for no limit. When the seats are taken, a waiting list opens."),
        error_messages={"invalid": _("Write the number of seats as a whole number.")},
    )
    enrolment_opens_at = _moment(_("Registration opens"), required=False)
    enrolment_closes_at = _moment(
        _("Registration closes"),
        required=False,
        help_text=_("Leave both empty to take registrations until the meeting starts."),
    )
    is_public = forms.BooleanField(
        label=_("Public: shown in the calendar to everyone"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode, place, link = data.get("mode"), data.get("place"), data.get("online_link")
        if mode in (Mode.IN_PERSON, Mode.HYBRID) and not place:
            self.add_error("place", _("Give the place of a meeting held in person."))
        if mode in (Mode.ONLINE, Mode.HYBRID) and not link and "online_link" not in self.errors:
            self.add_error("online_link", _("Give the link of a meeting held online."))
        return data

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        return {
            **model_initial(cls, meeting),
            "base_version": version_of(meeting),
        }


class NewMeetingForm(MeetingForm):
    """A meeting made by hand: a one-off of a county (or an extra one of a series)."""

    county = CountyChoiceField(error_messages={"required": _("Choose the county.")})

    def __init__(self, *args: Any, counties: QuerySet[County] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        del self.fields["base_version"]
        if counties is None:
            del self.fields["county"]
        else:
            field = self.fields["county"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = counties
            self.order_fields(["county"])


class QuestionForm(forms.Form):
    """A registration question: its key, its text in Finnish and Swedish, its kind."""

    key = forms.RegexField(
        label=_("Short name"),
        regex=r"^[a-z0-9_]{1,40}$",
        help_text=_("Lowercase letters, digits and _, e.g. diet. Kept in the answers."),
        error_messages={
            "required": _("Give the question a short name, e.g. diet."),
            "invalid": _("Use only lowercase letters a–z, digits and _, e.g. diet."),
        },
    )
    text_fi = text_field(_("Question in Finnish"), required=True, max_length=500)
    text_sv = text_field(_("Question in Swedish"), max_length=500)
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=[("", "---"), *QuestionKind.choices],
        error_messages={"required": _("Choose the kind of answer.")},
    )


QUESTION_FIELDS = ("key", "text_fi", "text_sv", "kind")


class QuestionRows(forms.BaseFormSet):
    def clean(self) -> None:
        keys = [row["key"] for row in self.rows()]
        if len(keys) != len(set(keys)):
            raise ValidationError(_("Give each question a different short name."))

    def rows(self) -> list[dict[str, Any]]:
        """The questions kept, as the meeting stores them."""
        return [
            {name: form.cleaned_data.get(name) or "" for name in QUESTION_FIELDS}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
            if form.has_changed() or form in self.initial_forms
        ]


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=QuestionRows, extra=2, can_delete=True, max_num=20, absolute_max=20
)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the meeting's history."),
    )


class ParticipantFilterForm(FilterForm):
    status = FilterChoiceField(
        label=_("Status"),
        choices=RegistrationStatus.choices,
        invalid=_("Choose a status from the list."),
        everything=_("All but cancelled"),
    )
