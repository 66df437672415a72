"""The forms of money after a decision: the coordinator's payment, report and recovery
lists and actions, and the grantee's usage report."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import (
    YES_NO_INVALID,
    CountyCodeField,
    DateField,
    FilterChoiceField,
    FilterForm,
)

from .forms import PaymentFilterForm, YearField, euros
from .models import ReportStatus


class PaymentListForm(PaymentFilterForm):
    """The filters of the coordinator's payments page and the finance system's list."""

    year = YearField()
    due_before = DateField(label=_("To be paid before"), required=False)

    def filters(self) -> dict[str, Any]:
        """The cleaned filters as `selectors.payments_matching` takes them."""
        return {name: self.cleaned_data[name] for name in self.fields}


class ReportFilterForm(FilterForm):
    county = CountyCodeField()
    status = FilterChoiceField(
        label=_("Status"),
        choices=ReportStatus.choices,
        invalid=_("“%(value)s” is not a report status. Choose one from the list."),
    )
    overdue = FilterChoiceField(
        label=_("Late"),
        choices=[("yes", _("Late")), ("no", _("Not late"))],
        invalid=YES_NO_INVALID,
    )
    year = YearField()

    def filters(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class RecoveryFilterForm(FilterForm):
    county = CountyCodeField()
    repaid = FilterChoiceField(
        label=_("Repaid"),
        choices=[("no", _("Open")), ("yes", _("Repaid"))],
        invalid=YES_NO_INVALID,
    )

    def filters(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


def _count(label: Any, required_message: Any = None) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required_message is not None,
        min_value=0,
        max_value=10_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Write a whole number, e.g. 25."),
            **({"required": required_message} if required_message else {}),
        },
    )


class UsageReportForm(forms.Form):
    """The grantee's usage report: what was done, whom it reached, and the money used in each
    cost category of the application's budget (``used_<category>``)."""

    what_was_done = forms.CharField(
        label=_("What was done with the grant"),
        widget=forms.Textarea,
        help_text=_("The activities, how often, where, and what came of them."),
        error_messages={"required": _("Tell what was done with the grant.")},
    )
    people_reached = _count(
        _("People reached"), _("Tell how many people the activity reached, e.g. 120.")
    )
    volunteers = _count(_("Volunteers"))
    volunteer_hours = _count(_("Volunteer hours"))

    def __init__(
        self, *args: Any, planned: Sequence[tuple[str, Any, Decimal]] = (), **kwargs: Any
    ) -> None:
        """``planned``: (category, label, budgeted amount) for each cost category."""
        super().__init__(*args, **kwargs)
        self.categories = [category for category, _label, _amount in planned]
        for category, label, amount in planned:
            self.fields[f"used_{category}"] = euros(
                label=_("%(category)s: used (€)") % {"category": label},
                help_text=_("Budgeted %(amount)s €.") % {"amount": amount},
                error_messages={"invalid": _("Write the amount in euros, e.g. 1200 or 1200,50.")},
            )

    def lines(self) -> dict[str, Decimal]:
        return {c: self.cleaned_data.get(f"used_{c}") or Decimal(0) for c in self.categories}

    def report_fields(self) -> dict[str, Any]:
        names = ("what_was_done", "people_reached", "volunteers", "volunteer_hours")
        return {name: self.cleaned_data[name] for name in names}


class InfoRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What more information is needed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell what more information is needed.")},
    )
    due = DateField(
        label=_("To be answered by"),
        error_messages={"required": _("Give the day by which the information is needed.")},
    )


class RecoveryForm(forms.Form):
    amount = euros(
        label=_("Amount to recover (€)"),
        error_messages={"invalid": _("Write the amount in euros, e.g. 1200 or 1200,50.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell why the money is recovered.")},
    )

    def clean_amount(self) -> Decimal:
        amount = self.cleaned_data.get("amount")
        if amount is None:
            raise forms.ValidationError(_("Give the amount to recover."), code="required")
        return Decimal(amount)


class RepaidForm(forms.Form):
    repaid_on = DateField(
        label=_("Repaid on"),
        error_messages={"required": _("Give the day the money was paid back.")},
    )
