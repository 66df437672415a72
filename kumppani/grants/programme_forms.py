"""The coordinator's forms for running grants: the county's goals, a programme with its
criteria and questions (rows of formsets that work without JavaScript: empty rows to add,
a box to remove), a call, and the county's appeal instructions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kumppani.core.concurrency import VersionedForm, version_of
from kumppani.core.forms import DateField, FilterForm, text_field

from .forms import YearField, euros
from .models import (
    AppealInstructions,
    AttachmentKind,
    Call,
    CountyGoal,
    GoalKind,
    GrantKind,
    Programme,
    QuestionKind,
)
from .services.programmes import CALL_FIELDS, PROGRAMME_FIELDS, QUESTION_FIELDS


def _initial(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {**_values(obj, names), "base_version": version_of(obj)}


class GoalForm(VersionedForm):
    kind = forms.ChoiceField(
        label=_("Kind of goal"),
        choices=GoalKind.choices,
        error_messages={"required": _("Choose where the goal comes from.")},
    )
    title_fi = text_field(_("Goal in Finnish"), required=True, max_length=300)
    title_sv = text_field(_("Goal in Swedish"), max_length=300)
    is_active = forms.BooleanField(
        label=_("In use"),
        required=False,
        help_text=_("A goal no longer in use is not offered for new criteria."),
    )

    @classmethod
    def initial_for(cls, goal: CountyGoal) -> dict[str, Any]:
        return _initial(goal, ("kind", "title_fi", "title_sv", "is_active"))


class NewGoalForm(GoalForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["is_active"]
        del self.fields["base_version"]


class ProgrammeForm(VersionedForm):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2023,
        max_value=2100,
        help_text=_("The year the grants are for."),
        error_messages={
            "required": _("Give the year the grants are for."),
            "invalid": _("Write the year as four digits, e.g. 2027."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind of grant"),
        choices=GrantKind.choices,
        error_messages={"required": _("Choose the kind of grant.")},
    )
    title_fi = text_field(_("Title in Finnish"), required=True, max_length=255)
    title_sv = text_field(_("Title in Swedish"), max_length=255)
    description_fi = text_field(_("Description in Finnish"), long=True)
    description_sv = text_field(_("Description in Swedish"), long=True)
    appropriation = euros(
        label=_("Appropriation (€)"),
        error_messages={
            "invalid": _("Write the amount in euros, e.g. 250000 or 250000,50."),
        },
    )
    requires_business_id = forms.BooleanField(
        label=_("The applicant must be registered (have a business ID)"), required=False
    )
    requires_non_profit = forms.BooleanField(
        label=_("The applicant must be non-profit"), required=False
    )
    requires_operating_in_county = forms.BooleanField(
        label=_("The applicant must operate in the county"), required=False
    )
    requires_previous_report = forms.BooleanField(
        label=_("Last year's usage report must have been accepted"), required=False
    )
    required_attachments = forms.MultipleChoiceField(
        label=_("Required attachments"),
        required=False,
        choices=AttachmentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose the attachments from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appropriation"].required = True
        self.fields["appropriation"].error_messages["required"] = _(
            "Give the appropriation: how much money the programme has in all."
        )

    @classmethod
    def initial_for(cls, programme: Programme) -> dict[str, Any]:
        return {
            **_initial(programme, PROGRAMME_FIELDS),
            "required_attachments": list(programme.required_attachments or []),
        }

    @classmethod
    def initial_new(cls, year: int) -> dict[str, Any]:
        return {
            "year": year,
            "requires_business_id": True,
            "requires_non_profit": True,
            "requires_operating_in_county": True,
            "requires_previous_report": True,
        }


class RowForm(forms.Form):
    """A row of criteria or questions: its id (when saved), its place, and removal."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    order = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=0,
        max_value=999,
        help_text=_("Rows are shown from the smallest number up."),
        error_messages={"invalid": _("Write the order as a whole number, e.g. 2.")},
    )


class CriterionForm(RowForm):
    goal: forms.ModelChoiceField[CountyGoal] = forms.ModelChoiceField(
        label=_("Goal it serves"),
        queryset=CountyGoal.objects.none(),
        empty_label="---",
        error_messages={
            "required": _("Choose the county goal the criterion serves."),
            "invalid_choice": _("Choose one of the county's goals in use."),
        },
    )
    title_fi = text_field(_("Criterion in Finnish"), required=True, max_length=300)
    title_sv = text_field(_("Criterion in Swedish"), max_length=300)
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=100,
        initial=1,
        error_messages={
            "required": _("Give the weight, e.g. 1."),
            "invalid": _("Write the weight as a whole number, e.g. 2."),
        },
    )

    def __init__(self, *args: Any, goals: QuerySet[CountyGoal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["goal"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = goals


class QuestionForm(RowForm):
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=[("", "---"), *QuestionKind.choices],
        error_messages={"required": _("Choose the kind of answer.")},
    )
    text_fi = text_field(_("Question in Finnish"), required=True, max_length=500)
    text_sv = text_field(_("Question in Swedish"), max_length=500)
    text_en = text_field(_("Question in English"), max_length=500)
    options_fi = text_field(
        _("Options in Finnish"), long=True, help_text=_("For a choice: one option a line.")
    )
    options_sv = text_field(
        _("Options in Swedish"), long=True, help_text=_("For a choice: one option a line.")
    )
    is_required = forms.BooleanField(label=_("An answer is required"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == QuestionKind.CHOICE and not (data.get("options_fi") or "").strip():
            self.add_error("options_fi", _("Give the options of the choice, one a line."))
        return data


class RowFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict[str, Any]]:
        """The rows kept, in their order, as the service takes them."""
        kept = [
            (form.cleaned_data.get("order"), index, form.cleaned_data)
            for index, form in enumerate(self.forms)
            if form.has_changed() or index < self.initial_form_count()
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda row: (row[0] if row[0] is not None else 1000, row[1]))
        return [
            {name: value for name, value in data.items() if name not in {"order", "DELETE"}}
            for _order, _index, data in kept
        ]


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=RowFormSet, extra=2, can_delete=True, max_num=30, absolute_max=30
)
QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=RowFormSet, extra=2, can_delete=True, max_num=30, absolute_max=30
)


def _values(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def criterion_rows(programme: Programme) -> list[dict[str, Any]]:
    return [
        {
            "id": c.pk,
            "order": position,
            "goal": c.goal_id,
            **_values(c, ("title_fi", "title_sv", "weight")),
        }
        for position, c in enumerate(programme.criteria.all(), start=1)
    ]


def question_rows(programme: Programme) -> list[dict[str, Any]]:
    return [
        {"id": q.pk, "order": position, **_values(q, QUESTION_FIELDS)}
        for position, q in enumerate(programme.questions.all(), start=1)
    ]


class CallForm(VersionedForm):
    title_fi = text_field(_("Title in Finnish"), required=True, max_length=255)
    title_sv = text_field(_("Title in Swedish"), max_length=255)
    text_fi = text_field(
        _("Call text in Finnish"),
        long=True,
        help_text=_("What is applied for and how. An empty line starts a new paragraph."),
    )
    text_sv = text_field(_("Call text in Swedish"), long=True)
    opens_on = DateField(
        label=_("Applications from"),
        error_messages={"required": _("Give the first day applications are taken.")},
    )
    closes_on = DateField(
        label=_("Last day for applications"),
        help_text=_(
            "As published. When it falls on a weekend or a public holiday, applications are "
            "accepted until the end of the next working day, as the law requires."
        ),
        error_messages={"required": _("Give the last day for applications.")},
    )
    notices_open_on = DateField(
        label=_("Advance notices from"),
        required=False,
        help_text=_("Leave both days of the advance notices empty if none are asked for."),
    )
    notices_close_on = DateField(label=_("Advance notices until"), required=False)

    @classmethod
    def initial_for(cls, call: Call) -> dict[str, Any]:
        return _initial(call, CALL_FIELDS)


class AppealInstructionsForm(VersionedForm):
    text_fi = forms.CharField(
        label=_("Appeal instructions in Finnish"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the instructions in Finnish at least.")},
    )
    text_sv = forms.CharField(
        label=_("Appeal instructions in Swedish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    @classmethod
    def initial_for(cls, instructions: AppealInstructions | None) -> dict[str, Any]:
        if instructions is None:
            return {}
        return _initial(instructions, ("text_fi", "text_sv"))


class ProgrammeFilterForm(FilterForm):
    """The filter of the coordinator's programmes."""

    year = YearField()
