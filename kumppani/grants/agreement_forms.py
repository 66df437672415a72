"""The coordinator's forms for partnership agreements: the agreement (its organisation found
by business ID or name among the county's organisations), its yearly tranches as rows of a
formset that works without JavaScript, and the filters of the agreements list."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.core.concurrency import VersionedForm, version_of
from kumppani.core.forms import CountyCodeField, FilterForm
from kumppani.core.models import County
from kumppani.organisations.models import Organisation, OrganisationStatus
from kumppani.organisations.validators import validate_business_id

from .forms import euros
from .models import PartnershipAgreement, Tranche
from .services.agreements import AGREEMENT_FIELDS

TEXTAREA = forms.Textarea(attrs={"rows": 3})
MATCHES_SHOWN = 5


def _year(label: Any, **options: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=2020,
        max_value=2100,
        error_messages={
            "invalid": _("Write the year as four digits, e.g. 2027."),
            "min_value": _("Write the year as four digits, e.g. 2027."),
            "max_value": _("Write the year as four digits, e.g. 2027."),
        },
        **options,
    )


def county_organisations(county: County, query: str) -> list[Organisation]:
    """The county's organisations (operating there, not dissolved) with the business ID,
    or with the words in their name."""
    found = Organisation.objects.in_county(county).exclude(status=OrganisationStatus.DISSOLVED)
    try:
        validate_business_id(query)
    except ValidationError:
        found = found.filter(
            Q(name__icontains=query) | Q(name_fi__icontains=query) | Q(name_sv__icontains=query)
        )
    else:
        found = found.filter(business_id=query)
    return list(found.order_by("name", "id")[: MATCHES_SHOWN + 1])


class AgreementForm(VersionedForm):
    title = forms.CharField(
        label=_("Title of the agreement"),
        max_length=255,
        error_messages={"required": _("Give the agreement a title.")},
    )
    description = forms.CharField(
        label=_("What the partnership is for"), required=False, widget=TEXTAREA
    )
    starts_year = _year(_("First year"))
    ends_year = _year(_("Last year"))
    premises = forms.CharField(
        label=_("Premises"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Premises the county lends, e.g. meeting rooms and when."),
    )
    communications = forms.CharField(
        label=_("Communications"),
        required=False,
        widget=TEXTAREA,
        help_text=_("How the county tells about the organisation's activities."),
    )
    other_support = forms.CharField(label=_("Other support"), required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_year"].error_messages["required"] = _(
            "Give the first year of the agreement."
        )
        self.fields["ends_year"].error_messages["required"] = _(
            "Give the last year of the agreement."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_year"), data.get("ends_year")
        if starts and ends and ends < starts:
            self.add_error("ends_year", _("The last year cannot be before the first."))
        return data

    def values(self) -> dict[str, Any]:
        """The agreement's fields as the services take them."""
        return {name: self.cleaned_data[name] for name in AGREEMENT_FIELDS}

    @classmethod
    def initial_for(cls, agreement: PartnershipAgreement) -> dict[str, Any]:
        return {
            **{name: getattr(agreement, name) for name in AGREEMENT_FIELDS},
            "base_version": version_of(agreement),
        }


class NewAgreementForm(AgreementForm):
    """A new agreement: also the organisation, by business ID or name."""

    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_(
            "The business ID (e.g. 1234567-8) or the name of an organisation that operates "
            "in the county."
        ),
        error_messages={"required": _("Give the organisation's business ID or name.")},
    )
    field_order = ["organisation"]

    def __init__(self, *args: Any, county: County, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.county = county
        del self.fields["base_version"]

    def clean_organisation(self) -> Organisation:
        query = self.cleaned_data["organisation"].strip()
        found = county_organisations(self.county, query)
        if not found:
            raise ValidationError(
                _("No organisation operating in %(county)s was found with “%(query)s”.")
                % {"county": self.county.name, "query": query}
            )
        exact = [o for o in found if query.casefold() in {o.name.casefold(), o.business_id}]
        if len(exact) == 1:
            return exact[0]
        if len(found) > 1:
            names = ", ".join(
                f"{o.name} ({o.business_id})" if o.business_id else o.name
                for o in found[:MATCHES_SHOWN]
            )
            raise ValidationError(
                _(
                    "Several organisations match: %(names)s. Write the business ID or the whole "
                    "name of one."
                )
                % {"names": names}
            )
        return found[0]


class TrancheForm(forms.Form):
    year = _year(_("Year"), required=False)
    amount = euros(
        label=_("Amount (€)"),
        help_text=_("Leave empty for a year without money."),
        error_messages={"invalid": _("Write the amount in euros, e.g. 20000 or 20000,50.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("amount") is not None and not data.get("year"):
            self.add_error("year", _("Give the year of the tranche."))
        return data


class TrancheFormSet(forms.BaseFormSet):
    def tranches(self) -> list[tuple[int, Decimal]]:
        """The rows with both a year and an amount, as (year, amount)."""
        return [
            (form.cleaned_data["year"], form.cleaned_data["amount"])
            for form in self.forms
            if form.cleaned_data
            and form.cleaned_data.get("year")
            and form.cleaned_data.get("amount") is not None
        ]


TrancheRows = forms.formset_factory(
    TrancheForm, formset=TrancheFormSet, extra=1, max_num=30, absolute_max=30
)


def tranche_rows(
    starts_year: int, ends_year: int, planned: list[Tranche] | None = None
) -> list[dict[str, Any]]:
    """One row per year of the agreement, with the planned tranche's amount where there is
    one (and a row for a planned tranche outside the years, so none is lost unseen)."""
    amounts = {t.year: t.amount for t in planned or []}
    years = sorted(set(range(starts_year, ends_year + 1)) | set(amounts))
    return [{"year": year, "amount": amounts.get(year)} for year in years]


class AgreementFilterForm(FilterForm):
    county = CountyCodeField()
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    year = _year(_("Year"), required=False, help_text=_("Agreements in force during the year."))
