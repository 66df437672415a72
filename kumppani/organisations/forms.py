"""Forms of the organisation registry: the list filter and the organisation form."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kumppani.core.concurrency import VERSION_FIELD, VersionedForm, version_of
from kumppani.core.forms import (
    CountyCodeField,
    FilterChoiceField,
    FilterForm,
    MunicipalityMultipleChoiceField,
    SearchField,
)
from kumppani.core.languages import content_languages
from kumppani.core.models import County, Municipality
from kumppani.core.selectors import municipalities_by_county, municipality_name

from .models import Organisation, OrganisationKind, OrganisationStatus, VerificationCheck
from .validators import normalise_business_id, validate_business_id


def _municipality_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (group.label, [(m.code, municipality_name(m)) for m in group.municipalities])
        for group in municipalities_by_county()
    ]


class OrganisationFilterForm(FilterForm):
    """The filters of the organisation list, the export and the API list."""

    q = SearchField(label=_("Name contains"), max_length=100)
    county = CountyCodeField()
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "There is no municipality with code %(value)s. Choose a municipality from the list."
            )
        },
    )
    kind = FilterChoiceField(
        label=_("Kind"),
        choices=OrganisationKind.choices,
        invalid=_("“%(value)s” is not a kind of organisation. Choose a kind from the list."),
        everything=_("All kinds"),
    )
    status = FilterChoiceField(
        label=_("Status"),
        choices=OrganisationStatus.choices,
        invalid=_("“%(value)s” is not a status. Choose active or dissolved."),
        everything=_("Active and dissolved"),
    )
    verified = FilterChoiceField(
        label=_("Verification"),
        choices=[
            ("yes", _("Verified")),
            ("changed", _("Changed since verification")),
            ("no", _("Not verified")),
        ],
        invalid=_("“%(value)s” is not a choice here. Choose verified or not."),
        everything=_("Verified or not"),
    )
    umbrella = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [  # type: ignore[attr-defined]
            ("", _("All municipalities")),
            *_municipality_groups(),
        ]

    def clean_county(self) -> County | None:
        code = self.cleaned_data["county"]
        return County.objects.get(code=code) if code else None

    def clean_municipality(self) -> Municipality | None:
        code = self.cleaned_data["municipality"]
        return Municipality.objects.get(code=code) if code else None

    def clean_umbrella(self) -> Organisation | None:
        value = self.cleaned_data["umbrella"].strip()
        if not value:
            return None
        try:
            return Organisation.objects.get(public_id=uuid.UUID(value))
        except (ValueError, Organisation.DoesNotExist):
            raise ValidationError(
                _("The umbrella organisation was not found. Start again from its page."),
                code="umbrella_unknown",
            ) from None


class OrganisationForm(VersionedForm):
    """An organisation's details, as a representative or coordinator edits them."""

    # The services' names of fields this form names otherwise.
    SERVICE_FIELD_NAMES = {"umbrella": "umbrella_business_id"}

    name_fi = forms.CharField(label=_("Name in Finnish"), required=False, max_length=255)
    name_sv = forms.CharField(label=_("Name in Swedish"), required=False, max_length=255)
    name_en = forms.CharField(label=_("Name in English"), required=False, max_length=255)
    description_fi = forms.CharField(
        label=_("Description in Finnish"), required=False, widget=forms.Textarea
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"), required=False, widget=forms.Textarea
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=OrganisationKind.choices,
        error_messages={"required": _("Choose the kind of organisation.")},
    )
    business_id = forms.CharField(
        label=_("Business ID"),
        required=False,
        max_length=20,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, e.g. 1234567-8. Leave empty if the organisation has none."),
    )
    register_number = forms.CharField(
        label=_("Register number"),
        required=False,
        max_length=32,
        help_text=_("Number in the Register of Associations, if registered."),
    )
    is_non_profit = forms.BooleanField(label=_("Non-profit organisation"), required=False)
    umbrella_business_id = forms.CharField(
        label=_("Business ID of the umbrella organisation"),
        required=False,
        max_length=20,
        help_text=_(
            "If the organisation is a member of a regional or national umbrella "
            "organisation, give the umbrella's business ID. Leave empty if none."
        ),
    )
    municipalities = MunicipalityMultipleChoiceField(
        label=_("Municipalities of operation"),
        required=False,
        help_text=_("Choose the municipalities where the organisation works."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Write the email address as name@example.fi.")},
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    street_address = forms.CharField(label=_("Street address"), required=False, max_length=200)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        required=False,
        regex=r"^\d{5}$",
        error_messages={"invalid": _("A postal code has five digits, e.g. 60100.")},
    )
    post_office = forms.CharField(label=_("Post office"), required=False, max_length=100)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Write the website address as https://www.example.fi.")},
    )

    def __init__(
        self, *args: Any, required_counties: list[County] | None = None, **kwargs: Any
    ) -> None:
        """`required_counties`: at least one municipality must lie in one of these."""
        super().__init__(*args, **kwargs)
        self.required_counties = required_counties or []

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(organisation, name) or ""
            for name in cls.base_fields
            if name
            not in {"municipalities", "umbrella_business_id", "is_non_profit", VERSION_FIELD}
        }
        initial[VERSION_FIELD] = version_of(organisation)
        initial["is_non_profit"] = organisation.is_non_profit
        initial["municipalities"] = [m.code for m in organisation.municipalities.all()]
        umbrella = organisation.umbrella
        initial["umbrella_business_id"] = umbrella.business_id if umbrella else ""
        return initial

    def clean_municipalities(self) -> list[Municipality]:
        municipalities: list[Municipality] = self.cleaned_data["municipalities"]
        if self.required_counties and not any(
            m.county_id in {c.pk for c in self.required_counties} for m in municipalities
        ):
            names = ", ".join(str(c.name) for c in self.required_counties)
            raise ValidationError(
                _(
                    "Tick at least one municipality in your wellbeing services county "
                    "(%(counties)s), so that you can look after the organisation."
                ),
                code="municipality_outside_county",
                params={"counties": names},
            )
        return municipalities

    def clean_umbrella_business_id(self) -> Organisation | None:
        value = self.cleaned_data["umbrella_business_id"].strip()
        if not value:
            return None
        validate_business_id(value)
        umbrella = Organisation.objects.filter(business_id=normalise_business_id(value)).first()
        if umbrella is None:
            raise ValidationError(
                _(
                    "No organisation in the registry has business ID %(value)s. "
                    "Check the number, or leave the field empty."
                ),
                code="umbrella_unknown",
                params={"value": value},
            )
        return umbrella

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not any(cleaned.get(f"name_{code}") for code in content_languages())
            and "name_fi" not in self.errors
        ):
            self.add_error(
                "name_fi", _("Give the name of the organisation in at least one language.")
            )
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        """Cleaned data as keyword arguments of organisation_create/organisation_update."""
        data = dict(self.cleaned_data)
        data.pop(VERSION_FIELD, None)
        data["umbrella"] = data.pop("umbrella_business_id")
        if self.initial and "umbrella_business_id" not in self.changed_data:
            # Keep an umbrella that has no business ID and so never showed in the form.
            del data["umbrella"]
        return data


class DissolveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the organisation marked as dissolved?"),
        help_text=_("For example: the association was dissolved at its meeting on 3.12.2026."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Tell why the organisation is marked as dissolved, e.g. when it ceased.")
        },
    )


class VerifyForm(forms.Form):
    checks = forms.MultipleChoiceField(
        label=_("What did you check?"),
        help_text=_("Verify only when every item is true."),
        choices=VerificationCheck.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Check every item before verifying.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_(
            "For example: called the chair on 3.12.2026; the register shows a new address."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the change refused?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Tell the organisation why the change is refused.")},
    )
