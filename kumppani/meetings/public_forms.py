"""The forms of the public side: the calendar's filters and the registration form with the
organiser's questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import (
    YES_NO_INVALID,
    CountyCodeField,
    FilterChoiceField,
    FilterForm,
    MunicipalityChoiceField,
)
from kumppani.core.languages import current_language, language_name
from kumppani.core.submissions import TOKEN_FIELD
from kumppani.organisations.models import Organisation

from .models import Meeting, QuestionKind, SeriesKind

# The languages a meeting may be filtered by: the content languages and Sámi.
FILTER_LANGUAGES = ("fi", "sv", "en", "se")
YES, NO = "yes", "no"


class CalendarFilterForm(FilterForm):
    """The filters of the calendar page and the meetings API."""

    county = CountyCodeField()
    municipality = MunicipalityChoiceField(
        label=_("Organising municipality"),
        required=False,
        to_field_name="code",
        empty_label=_("All municipalities"),
    )
    kind = FilterChoiceField(
        label=_("Kind of meeting"),
        choices=SeriesKind.choices,
        invalid=_("Choose a kind of meeting from the list."),
        everything=_("All kinds"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=lambda: (
            [("", _("All languages"))] + [(code, language_name(code)) for code in FILTER_LANGUAGES]
        ),
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )
    online = FilterChoiceField(
        label=_("Online"),
        choices=[(YES, _("Can take part online")), (NO, _("Can take part in person"))],
        invalid=YES_NO_INVALID,
        everything=_("Online or in person"),
    )

    def filters(self) -> dict[str, Any]:
        """The cleaned filters as `selectors.upcoming_meetings` takes them."""
        return dict(self.cleaned_data)


def question_text(question: dict[str, Any], language: str | None = None) -> str:
    language = language or current_language()
    return str(question.get(f"text_{language}") or question.get("text_fi") or "")


class RegistrationForm(forms.Form):
    """Register for a meeting: a signed-in user for themselves or an organisation they
    represent; anyone else with a name and an email address. The organiser's questions
    follow as fields ``q_<key>``."""

    def __init__(
        self,
        *args: Any,
        meeting: Meeting,
        signed_in: bool,
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        if organisations:
            self.fields["on_behalf"] = forms.ChoiceField(
                label=_("Who takes part"),
                required=False,
                widget=forms.RadioSelect,
                choices=[("", _("Myself"))] + [(str(o.public_id), o.name) for o in organisations],
                error_messages={"invalid_choice": _("Choose yourself or an organisation.")},
            )
        if not signed_in:
            self.fields["name"] = forms.CharField(
                label=_("Your name"),
                max_length=200,
                error_messages={"required": _("Write your name.")},
                widget=forms.TextInput(attrs={"autocomplete": "name"}),
            )
            self.fields["email"] = forms.EmailField(
                label=_("Email address"),
                help_text=_(
                    "We send a link to this address; the registration holds once you open it."
                ),
                error_messages={
                    "required": _("Write your email address."),
                    "invalid": _("Write the email address in the form name@example.fi."),
                },
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )
        for question in meeting.questions:
            name = f"q_{question['key']}"
            label = question_text(question)
            if question["kind"] == QuestionKind.YES_NO:
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    required=False,
                    widget=forms.RadioSelect,
                    choices=[(YES, _("Yes")), (NO, _("No"))],
                    error_messages={"invalid_choice": _("Answer yes or no.")},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def answers(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for question in self.meeting.questions:
            value = self.cleaned_data.get(f"q_{question['key']}")
            if question["kind"] == QuestionKind.YES_NO:
                if value in (YES, NO):
                    answers[question["key"]] = value == YES
            elif value:
                answers[question["key"]] = value
        return answers
