"""The grants forms: the call filters, and the application in its parts."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kumppani.core.concurrency import VersionedForm, version_of
from kumppani.core.forms import (
    YES_NO_INVALID,
    CountyCodeField,
    FilterChoiceField,
    FilterForm,
    MunicipalityMultipleChoiceField,
)
from kumppani.core.languages import translated
from kumppani.organisations.validators import validate_business_id

from .banking import clean_bic, clean_iban, format_iban
from .models import (
    MAX_SCORE,
    AdvanceNotice,
    Application,
    ApplicationStatus,
    AttachmentKind,
    BudgetCategory,
    Criterion,
    GrantKind,
    IncomeSource,
    PaymentStatus,
    Question,
    QuestionKind,
    Score,
    Theme,
)


class EurosField(forms.DecimalField):
    """A localized amount that also takes the spaces people type between thousands (an
    ordinary, a no-break or a narrow no-break space) and a euro sign."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f€]", "", value)
        return super().to_python(value)


def euros(**options: Any) -> forms.DecimalField:
    """An amount of euros as people write it: 12500, 12 500, 12 500 € or 12500,50 in
    Finnish."""
    return EurosField(
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **options,
    )


def theme_choices() -> list[tuple[str, str]]:
    return [(value, str(capfirst(label))) for value, label in Theme.choices]


def _themes_field() -> forms.MultipleChoiceField:
    """The themes of an activity (of an application or an advance notice)."""
    return forms.MultipleChoiceField(
        label=_("Themes of the activity"),
        required=False,
        choices=theme_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose the themes from the list.")},
    )


def _municipalities_field() -> MunicipalityMultipleChoiceField:
    """The municipalities where an activity takes place."""
    return MunicipalityMultipleChoiceField(
        label=_("Municipalities where the activity takes place"), required=False
    )


class YearField(forms.IntegerField):
    """A list filter: a year of grants as four digits, or all years."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 2023)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault(
            "error_messages", {"invalid": _("Write the year as four digits, e.g. 2027.")}
        )
        super().__init__(**kwargs)


class CallFilterForm(FilterForm):
    """The filters of the call list and the calls API."""

    county = CountyCodeField()
    kind = FilterChoiceField(
        label=_("Kind"),
        choices=GrantKind.choices,
        invalid=_("“%(value)s” is not a kind of grant. Choose a kind from the list."),
        everything=_("All kinds"),
    )
    year = YearField()

    def filters(self) -> dict[str, Any]:
        """The cleaned filters as `selectors.published_calls` takes them."""
        data = self.cleaned_data
        return {"county": data["county"], "kind": data["kind"], "year": data["year"]}


class DecisionFilterForm(CallFilterForm):
    """The filters of the register of decisions."""

    organisation = forms.CharField(
        label=_("Business ID"),
        required=False,
        max_length=20,
        validators=[validate_business_id],
    )

    def filters(self) -> dict[str, Any]:
        return {**super().filters(), "organisation": self.cleaned_data["organisation"]}


class PaymentFilterForm(FilterForm):
    county = CountyCodeField()
    status = FilterChoiceField(
        label=_("Status"),
        choices=PaymentStatus.choices,
        invalid=_("“%(value)s” is not a payment status. Choose one from the list."),
    )
    on_hold = FilterChoiceField(
        label=_("On hold"),
        choices=[("yes", _("On hold")), ("no", _("Not on hold"))],
        invalid=YES_NO_INVALID,
    )


class ApplicationFilterForm(FilterForm):
    call = forms.UUIDField(
        label=_("Call"),
        required=False,
        error_messages={"invalid": _("Give the call's id as it appears in the calls list.")},
    )
    status = FilterChoiceField(
        label=_("Status"),
        choices=ApplicationStatus.choices,
        invalid=_("“%(value)s” is not a status of an application. Choose one from the list."),
    )


class ApplicationForm(VersionedForm):
    """The application's own fields (the draft a representative fills in)."""

    activity = forms.CharField(
        label=_("Name of the activity"),
        max_length=255,
        required=False,
        help_text=_("E.g. Peer support groups for family carers."),
    )
    description = forms.CharField(
        label=_("What will be done with the grant"), required=False, widget=forms.Textarea
    )
    target_groups = forms.CharField(
        label=_("Whom the activity is for"), required=False, widget=forms.Textarea
    )
    goals_and_measures = forms.CharField(
        label=_("Goals, and how you will know they were reached"),
        required=False,
        widget=forms.Textarea,
    )
    municipalities = _municipalities_field()
    requested_amount = euros(
        label=_("Amount applied for (€)"),
        error_messages={"invalid": _("Write the amount in euros, e.g. 12500 or 12500,50.")},
    )
    themes = _themes_field()
    language = forms.ChoiceField(
        label=_("Language of the decision"),
        choices=[("fi", _("Finnish")), ("sv", _("Swedish"))],
        error_messages={
            "required": _("Choose whether the decision is written in Finnish or Swedish.")
        },
    )
    iban = forms.CharField(
        label=_("Bank account (IBAN)"),
        max_length=42,
        required=False,
        help_text=_("The organisation's account the grant is paid to."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    bic = forms.CharField(
        label=_("BIC of the bank"),
        max_length=14,
        required=False,
        help_text=_("E.g. NDEAFIHH (Nordea) or OKOYFIHH (OP)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_iban(self) -> str:
        return clean_iban(self.cleaned_data.get("iban") or "")

    def clean_bic(self) -> str:
        return clean_bic(self.cleaned_data.get("bic") or "")

    @classmethod
    def initial_for(cls, application: Application) -> dict[str, Any]:
        return {
            "activity": application.activity,
            "description": application.description,
            "target_groups": application.target_groups,
            "goals_and_measures": application.goals_and_measures,
            "municipalities": [m.code for m in application.municipalities.all()],
            "requested_amount": application.requested_amount,
            "language": application.language,
            "iban": format_iban(application.iban),
            "bic": application.bic,
            "themes": list(application.themes or []),
            "base_version": version_of(application),
        }


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Cost category"), choices=[("", "---"), *BudgetCategory.choices], required=False
    )
    description = forms.CharField(label=_("What for"), max_length=255, required=False)
    amount = euros(
        label=_("Amount (€)"),
        error_messages={"invalid": _("Write the amount in euros, e.g. 1200 or 1200,50.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("amount") is not None and not data.get("category"):
            self.add_error("category", _("Choose the cost category of the line."))
        return data


class IncomeLineForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", "---"), *IncomeSource.choices], required=False
    )
    amount = euros(
        label=_("Amount (€)"),
        error_messages={"invalid": _("Write the amount in euros, e.g. 1200 or 1200,50.")},
    )
    decision_reference = forms.CharField(
        label=_("Decision reference"), max_length=100, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("amount") is not None and not data.get("source"):
            self.add_error("source", _("Choose where the money comes from."))
        return data


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=1, max_num=40, absolute_max=40)
IncomeFormSet = forms.formset_factory(IncomeLineForm, extra=1, max_num=20, absolute_max=20)


def budget_rows(formset: forms.BaseFormSet) -> list[tuple[str, str, Decimal]]:
    return [
        (f.cleaned_data["category"], f.cleaned_data["description"], f.cleaned_data["amount"])
        for f in formset.forms
        if f.cleaned_data.get("amount") is not None
    ]


def income_rows(formset: forms.BaseFormSet) -> list[tuple[str, Decimal, str]]:
    return [
        (f.cleaned_data["source"], f.cleaned_data["amount"], f.cleaned_data["decision_reference"])
        for f in formset.forms
        if f.cleaned_data.get("amount") is not None
    ]


class AnswersForm(forms.Form):
    """The programme's extra questions, one field each (``q<id>``)."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = _question_field(question)

    def answers(self) -> dict[int, str]:
        return {q.pk: str(self.cleaned_data.get(f"q{q.pk}") or "") for q in self.questions}


def _question_field(question: Question) -> forms.Field:
    label = str(question.text)
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(label=label, required=False, widget=forms.Textarea)
    if question.kind == QuestionKind.NUMBER:
        return forms.DecimalField(
            label=label,
            required=False,
            error_messages={"invalid": _("Write a number, e.g. 25.")},
        )
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", "---"), *((o, o) for o in question.option_list())],
            error_messages={"invalid_choice": _("Choose one of the options.")},
        )
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("yes", _("Yes")), ("no", _("No"))],
            widget=forms.RadioSelect,
        )
    return forms.CharField(label=label, required=False, max_length=500)


class SubmitForm(forms.Form):
    declarations = forms.BooleanField(
        label=_(
            "I confirm that the activity is non-profit, that the county does not buy it as a "
            "purchased service, and that the information given is correct. I have the right "
            "to sign for the organisation."
        ),
        error_messages={"required": _("Confirm the declarations to send the application.")},
    )


class DeclarationForm(forms.Form):
    disqualified = forms.TypedChoiceField(
        label=_("Are you disqualified from reviewing this application?"),
        choices=[
            ("no", _("No, I am not disqualified")),
            ("yes", _("Yes, I am disqualified")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you are disqualified.")},
    )
    reason = forms.CharField(
        label=_("Why (if you are)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. you sit on the applicant's board, or a close relative works for it."),
    )


class ScoresForm(forms.Form):
    """A score (0–5) and a comment per criterion; ``given`` are the reviewer's earlier ones."""

    def __init__(
        self, *args: Any, criteria: list[Criterion], given: dict[int, Score], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in self.criteria:
            title = translated(criterion, "title").text
            old = given.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)s)")
                % {"criterion": title, "weight": criterion.weight},
                choices=[(str(n), str(n)) for n in range(MAX_SCORE + 1)],
                coerce=int,
                initial=str(old.score) if old else None,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Give a score from 0 to %(max)s.") % {"max": MAX_SCORE}
                },
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": title},
                required=False,
                initial=old.comment if old else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }


class NoticeForm(forms.Form):
    """An advance notice: what the organisation means to apply for."""

    activity = forms.CharField(
        label=_("Name of the activity"),
        max_length=255,
        error_messages={"required": _("Give the activity a name.")},
    )
    description = forms.CharField(
        label=_("What will be done"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = _themes_field()
    municipalities = _municipalities_field()
    estimated_amount = euros(
        label=_("Estimated amount to apply for (€)"),
        error_messages={"invalid": _("Write the amount in euros, e.g. 12500 or 12500,50.")},
    )
    other_funding = forms.CharField(
        label=_("Other funding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your own funding and what you apply for elsewhere (STEA, a municipality)."),
    )

    @classmethod
    def initial_for(cls, notice: AdvanceNotice) -> dict[str, Any]:
        return {
            "activity": notice.activity,
            "description": notice.description,
            "themes": list(notice.themes or []),
            "municipalities": [m.code for m in notice.municipalities.all()],
            "estimated_amount": notice.estimated_amount,
            "other_funding": notice.other_funding,
        }


class NoticeFilterForm(FilterForm):
    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        choices=lambda: [("", _("All themes")), *theme_choices()],
        error_messages={"invalid_choice": _("Choose the theme from the list.")},
    )


class PartnerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Business ID or name of the partner organisation"),
        max_length=200,
        min_length=3,
        error_messages={
            "required": _("Write the partner's business ID or a part of its name."),
            "min_length": _("Write at least 3 characters of the name."),
        },
    )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of attachment"),
        choices=[("", "---"), *AttachmentKind.choices],
        error_messages={
            "required": _("Choose what kind of attachment the file is."),
            "invalid_choice": _("Choose the kind of the attachment from the list."),
        },
    )
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Choose the file to add."),
            "empty": _("The file is empty."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, OpenDocument text, PNG or JPEG, at most %(limit)s."
        ) % {"limit": filesizeformat(settings.GRANT_ATTACHMENT_MAX_BYTES)}


class ReviewState(models.TextChoices):
    """Where a review stands for its reviewer (the reviewer's queue filters by it)."""

    TO_DO = "to_do", _("to do")
    DONE = "done", _("done")


class MyReviewsFilterForm(FilterForm):
    state = FilterChoiceField(
        label=_("Reviews"),
        choices=ReviewState.choices,
        invalid=_("“%(value)s” is not a choice here. Choose one from the list."),
    )


class MyApplicationsFilterForm(FilterForm):
    status = FilterChoiceField(
        label=_("Status"),
        choices=ApplicationStatus.choices,
        invalid=_("“%(value)s” is not a status of an application. Choose one from the list."),
    )
