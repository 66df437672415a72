"""The coordinator's grants forms: the filters of a call's applications, and what is done
to one application (accept despite checks, assign a reviewer, ask for more information,
decide)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.accounts.models import User
from kumppani.core.forms import (
    YES_NO_INVALID,
    DateField,
    FilterChoiceField,
    FilterForm,
    MunicipalityChoiceField,
    SearchField,
)
from kumppani.core.models import County, Municipality

from .forms import euros
from .models import ApplicationStatus

YES, NO = "yes", "no"
# Drafts are the applicant's own until they are sent.
SENT_STATES = [(value, label) for value, label in ApplicationStatus.choices if value != "draft"]


class ApplicationFilterForm(FilterForm):
    """The filters of a call's applications (page and export)."""

    q = SearchField(label=_("Organisation or activity"), max_length=200)
    status = FilterChoiceField(
        label=_("Status"),
        choices=SENT_STATES,
        invalid=_("“%(value)s” is not a status of an application. Choose one."),
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), required=False, empty_label=_("All municipalities")
    )
    override = FilterChoiceField(
        label=_("Accepted despite checks"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        invalid=YES_NO_INVALID,
    )

    def __init__(self, *args: Any, county: County | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if county is not None:
            field = self.fields["municipality"]
            assert isinstance(field, MunicipalityChoiceField)
            field.queryset = Municipality.objects.filter(county=county)

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "q": data["q"],
            "status": data["status"],
            "municipality": data["municipality"],
            "override": {YES: True, NO: False}.get(data["override"]),
        }


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the application is accepted despite the checks"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell why the application is accepted.")},
    )


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose the reviewer to give the application to."),
            "invalid_choice": _("Choose a reviewer of this wellbeing services county."),
        },
    )

    def __init__(self, *args: Any, reviewers: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = reviewers if reviewers is not None else User.objects.none()


class InfoRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What the applicant should add or correct"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell what the applicant should add or correct.")},
    )
    respond_by = DateField(
        label=_("Last day to answer"),
        help_text=_(
            "If the day is a weekend or a holiday, answers are taken until the next working day."
        ),
        error_messages={"required": _("Give the last day to answer.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"respond_by": timezone.localdate() + timedelta(days=14)})
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    """The decision on one application; the confirmation of passing the appropriation is
    there only when the decision would do so."""

    amount = euros(
        label=_("Amount granted (€)"),
        help_text=_("0 refuses the grant."),
        error_messages={
            "invalid": _("Write the amount in euros, e.g. 12500 or 12500,50."),
            "required": _("Give the amount granted (0 to refuse)."),
        },
    )
    decision_maker = forms.CharField(
        label=_("Decision maker"),
        max_length=200,
        error_messages={"required": _("Give who makes the decision.")},
    )
    decided_on = DateField(
        label=_("Date of the decision"),
        error_messages={"required": _("Give the date of the decision.")},
    )
    section = forms.CharField(label=_("Section (§)"), max_length=40, required=False)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    report_due = DateField(
        label=_("Usage report due"),
        error_messages={"required": _("Give the day the usage report is due.")},
    )
    confirm_over_appropriation = forms.BooleanField(
        label=_("I confirm the decision although it goes past the appropriation."),
        required=False,
    )

    def __init__(self, *args: Any, show_confirmation: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].required = True
        if not show_confirmation:
            del self.fields["confirm_over_appropriation"]

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "amount": data["amount"],
            "decision_maker": data["decision_maker"],
            "decided_on": data["decided_on"],
            "report_due": data["report_due"],
            "section": data["section"],
            "conditions": data["conditions"],
            "confirm_over_appropriation": data.get("confirm_over_appropriation", False),
        }


class InstalmentForm(forms.Form):
    amount = euros(
        label=_("Instalment (€)"),
        error_messages={"invalid": _("Write the amount in euros, e.g. 6000 or 6000,50.")},
    )
    due_on = DateField(label=_("To be paid on"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("amount") is not None and not data.get("due_on"):
            self.add_error("due_on", _("Give the day the instalment is paid."))
        if data.get("due_on") and data.get("amount") is None:
            self.add_error("amount", _("Give the amount of the instalment."))
        return data


InstalmentFormSet = forms.formset_factory(InstalmentForm, extra=2, max_num=12, absolute_max=12)


def instalment_rows(formset: forms.BaseFormSet) -> list[tuple[Decimal, Any]]:
    return [
        (f.cleaned_data["amount"], f.cleaned_data["due_on"])
        for f in formset.forms
        if f.cleaned_data.get("amount") is not None
    ]


def decision_prefix(application_id: int) -> str:
    """The decision form's prefix: the same on the application page and the decisions list,
    so either may send it to the application page."""
    return f"decide-{application_id}"


def decision_forms(
    application_id: int,
    data: Any,
    *,
    show_confirmation: bool,
    initial: dict[str, Any] | None = None,
) -> tuple[DecisionForm, forms.BaseFormSet]:
    prefix = decision_prefix(application_id)
    confirm_key = f"{prefix}-confirm_over_appropriation"
    form = DecisionForm(
        data,
        prefix=prefix,
        initial={"decided_on": timezone.localdate(), **(initial or {})},
        show_confirmation=show_confirmation or bool(data and confirm_key in data),
    )
    return form, InstalmentFormSet(data, prefix=f"{prefix}-instalments")
