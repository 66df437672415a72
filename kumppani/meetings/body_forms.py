"""Forms of the influence body, statements and consultations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import CountyCodeField, DateField, FilterForm
from kumppani.organisations.models import Organisation

from .models import (
    Attended,
    ConsultationKind,
    ConsultationStatus,
    SeatCategory,
    Series,
    StatementKind,
)


class BodyForm(forms.Form):
    name_fi = forms.CharField(
        label=_("Name in Finnish"),
        max_length=255,
        error_messages={"required": _("Give the name of the body in Finnish.")},
    )
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=255, required=False)
    fee_per_meeting = forms.DecimalField(
        label=_("Meeting fee (euros)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        initial=0,
        error_messages={"required": _("Give the meeting fee in euros (0 if none is paid).")},
    )
    series: forms.ModelChoiceField[Series] = forms.ModelChoiceField(
        label=_("Meeting series"),
        queryset=Series.objects.none(),
        required=False,
        empty_label=_("A new series for the body's meetings"),
        help_text=_("The body's meetings are those of this series."),
    )

    def __init__(self, *args: Any, series: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if series is not None:
            self.fields["series"].queryset = series  # type: ignore[attr-defined]


def _seat_count(label: Any, initial: int, required: Any) -> forms.IntegerField:
    """How many seats of one category a term has."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=99,
        initial=initial,
        error_messages={"required": required},
    )


class TermForm(forms.Form):
    starts_on = DateField(
        label=_("Starts on"), error_messages={"required": _("Give the day the term starts.")}
    )
    ends_on = DateField(
        label=_("Ends on"), error_messages={"required": _("Give the last day of the term.")}
    )
    parish_seats = _seat_count(
        _("Seats for parishes"), 3, _("Give the number of seats for parishes (0 if none).")
    )
    ngo_seats = _seat_count(
        _("Seats for NGOs"), 12, _("Give the number of seats for NGOs (0 if none).")
    )
    other_seats = _seat_count(_("Other seats"), 0, _("Give the number of other seats (0 if none)."))
    decided_by = forms.CharField(
        label=_("Appointed by"),
        max_length=200,
        error_messages={"required": _("Tell who appointed the body, e.g. the regional board.")},
    )
    decided_on = DateField(
        label=_("Date of the decision"),
        error_messages={"required": _("Give the date of the appointment decision.")},
    )
    section = forms.CharField(label=_("Section"), max_length=40, required=False)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["seats"] = {
            SeatCategory.PARISH: data.pop("parish_seats"),
            SeatCategory.NGO: data.pop("ngo_seats"),
            SeatCategory.OTHER: data.pop("other_seats"),
        }
        return data


class VacateForm(forms.Form):
    ends_on = DateField(
        label=_("Last day in office"),
        error_messages={"required": _("Give the member's last day in office.")},
    )


class AppointForm(forms.Form):
    member_name = forms.CharField(
        label=_("Member"), max_length=200, error_messages={"required": _("Give the member's name.")}
    )
    deputy_name = forms.CharField(label=_("Personal deputy"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation represented"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
    )
    appointed_by = forms.CharField(
        label=_("Appointed by"),
        max_length=200,
        error_messages={"required": _("Tell who appointed the member, e.g. the regional board.")},
    )
    decided_on = DateField(
        label=_("Date of the decision"),
        error_messages={"required": _("Give the date of the appointment decision.")},
    )
    section = forms.CharField(label=_("Section"), max_length=40, required=False)
    starts_on = DateField(
        label=_("Starts on"), error_messages={"required": _("Give the day the membership starts.")}
    )


class NominationForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=SeatCategory.choices,
        error_messages={"required": _("Choose the category of the seat.")},
    )
    person_name = forms.CharField(
        label=_("Person nominated"),
        max_length=200,
        error_messages={"required": _("Give the name of the person nominated.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
    )
    nominated_by = forms.CharField(
        label=_("Nominated by"),
        max_length=200,
        error_messages={"required": _("Tell who made the nomination, e.g. the partnership table.")},
    )


ATTENDANCE_CHOICES = [("", _("Absent")), *Attended.choices]


class AttendanceForm(forms.Form):
    """One choice (absent, the member, the deputy) per serving membership."""

    def __init__(self, *args: Any, memberships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for membership in memberships:
            self.fields[f"m{membership.pk}"] = forms.ChoiceField(
                label=_("Seat %(number)s: %(member)s")
                % {"number": membership.seat.number, "member": membership.member_name},
                choices=ATTENDANCE_CHOICES,
                required=False,
            )

    def marks(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class StatementForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=StatementKind.choices,
        error_messages={
            "required": _("Choose whether it is a statement, an initiative or feedback.")
        },
    )
    subject = forms.CharField(
        label=_("Subject"), max_length=255, error_messages={"required": _("Give the subject.")}
    )
    given_on = DateField(
        label=_("Date"), error_messages={"required": _("Give the date it was given.")}
    )
    given_by = forms.CharField(
        label=_("From (body or panel)"),
        max_length=200,
        error_messages={"required": _("Tell which body or panel gave it.")},
    )
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the text.")},
    )


class AnswerForm(forms.Form):
    answered_by = forms.CharField(
        label=_("Answered by"), max_length=200, error_messages={"required": _("Tell who answered.")}
    )
    answered_on = DateField(
        label=_("Answered on"), error_messages={"required": _("Give the date of the answer.")}
    )
    text = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell what was done.")},
    )


class StatementFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *StatementKind.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class CountyChoiceForm(forms.Form):
    county = CountyCodeField(
        required=True,
        error_messages={
            "required": _("Choose a wellbeing services county."),
            "invalid_choice": _("Choose a county from the list."),
        },
    )


class ConsultationFilterForm(FilterForm):
    county = CountyCodeField()
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *[c for c in ConsultationStatus.choices if c[0] != "draft"]],
    )


class ConsultationForm(forms.Form):
    title_fi = forms.CharField(
        label=_("Title in Finnish"),
        max_length=255,
        error_messages={"required": _("Give the title in Finnish.")},
    )
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=255, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ConsultationKind.choices,
        error_messages={"required": _("Choose the kind of document.")},
    )
    document_text = forms.CharField(
        label=_("The draft"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    questions = forms.CharField(
        label=_("Questions"),
        help_text=_("One question a line."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write at least one question, one a line.")},
    )
    opens_on = DateField(
        label=_("Opens on"), error_messages={"required": _("Give the day the consultation opens.")}
    )
    closes_on = DateField(
        label=_("Last day"), error_messages={"required": _("Give the last day for answers.")}
    )

    def clean_questions(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()
        ]


class CloseForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a summary of the answers.")},
    )
    outcome = forms.CharField(
        label=_("What was done with the answers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tell what was done with the answers.")},
    )


class ResponseForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Choose the organisation you answer for.")},
    )
    is_public = forms.BooleanField(
        label=_("The answer may be published"), required=False, initial=True
    )
    file = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_(
            "One file with the answer: PDF, Word or OpenDocument text. A new file takes the "
            "place of the earlier one."
        ),
    )

    def __init__(self, *args: Any, questions: list[str], organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        for index, question in enumerate(questions):
            self.fields[f"q{index}"] = forms.CharField(
                label=question, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
        self.order_fields(
            ["organisation", *[f"q{i}" for i in range(len(questions))], "file", "is_public"]
        )

    def answers(self) -> list[str]:
        return [value for name, value in self.cleaned_data.items() if name.startswith("q")]


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("The draft as a file"),
        help_text=_("PDF, Word or OpenDocument text."),
        error_messages={"required": _("Choose the file of the draft.")},
    )
