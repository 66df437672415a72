"""The service edit page: one form per section, bundled by ServiceEditor."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.concurrency import VERSION_FIELD, VersionedForm, version_of
from kumppani.core.forms import (
    DateField,
    MunicipalityChoiceField,
    MunicipalityMultipleChoiceField,
    add_service_errors,
)
from kumppani.core.languages import content_languages, translated_ordering
from kumppani.core.models import County
from kumppani.core.widgets import MunicipalityPicker, NativeTimeInput

from ..models import ACCESSIBILITY_FIELDS, HowToJoin, Service, TaxonomyTerm
from ..schedules import Repeat, build_rrule
from ..services import LocationData, ScheduleData, ServiceFields
from ..taxonomy_data import ACTIVITY_TYPES, PTV_SERVICE_CLASSES, PTV_TARGET_GROUPS, THEMES
from .accessibility import AccessibilityAnswerField
from .common import (
    ACTIVITY_LANGUAGES,
    FriendlyErrorsMixin,
    _translated_fields,
    activity_languages_field,
    choose_from,
    free_places_field,
    schedule_initial,
    stored_values,
    term_choices,
    terms_field,
    website_field,
)
from .contact import ContactPersonForm, contact_initial


class ServiceTextsForm(FriendlyErrorsMixin, VersionedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated_fields(self, "name", str(_("Name")), max_length=255)
        _translated_fields(self, "summary", str(_("Short summary")), max_length=400)
        _translated_fields(self, "description", str(_("Description")), widget=forms.Textarea)
        _translated_fields(
            self, "easy_read_summary", str(_("Easy-to-read summary")), widget=forms.Textarea
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"name_{code}") for code in content_languages()):
            self.add_error("name_fi", _("Give the name of the activity in at least one language."))
        return data


class ServiceClassificationForm(FriendlyErrorsMixin, forms.Form):
    activity_types = terms_field(_("Activity types"))
    themes = terms_field(_("Themes"))
    target_groups = terms_field(_("Target groups"))
    service_classes = terms_field(
        _("Service classes (Suomi.fi)"),
        widget=forms.SelectMultiple,
        help_text=_("Hold down Ctrl (Cmd on a Mac) to choose more than one."),
    )

    TAXONOMIES = {
        "activity_types": ACTIVITY_TYPES,
        "themes": THEMES,
        "target_groups": PTV_TARGET_GROUPS,
        "service_classes": PTV_SERVICE_CLASSES,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, code in self.TAXONOMIES.items():
            choose_from(self, name, term_choices(code))

    def terms(self) -> list[TaxonomyTerm]:
        return [term for name in self.TAXONOMIES for term in self.cleaned_data.get(name, [])]


class ServiceAreasForm(FriendlyErrorsMixin, forms.Form):
    municipalities = MunicipalityMultipleChoiceField(
        label=_("Municipalities"),
        required=False,
        widget=MunicipalityPicker(county_field="counties"),
    )
    counties: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Whole wellbeing services counties"),
        queryset=County.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_nationwide = forms.BooleanField(label=_("Nationwide"), required=False)
    is_online = forms.BooleanField(label=_("Online"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "counties", County.objects.order_by(translated_ordering("name")))


class ServicePracticalForm(FriendlyErrorsMixin, forms.Form):
    languages = activity_languages_field()
    other_languages = forms.CharField(
        label=_("Other languages"),
        required=False,
        max_length=100,
        help_text=_("Two- or three-letter language codes separated by commas, e.g. ku, ti."),
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False)
    how_to_join = forms.ChoiceField(
        label=_("How to join"),
        choices=HowToJoin.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how people join the activity.")},
    )
    free_places = free_places_field()
    website = website_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated_fields(self, "fee_description", str(_("Fee")), max_length=255)
        for name in ACCESSIBILITY_FIELDS:
            self.fields[name] = AccessibilityAnswerField(
                label=getattr(Service._meta.get_field(name), "verbose_name", name)
            )

    def clean_other_languages(self) -> list[str]:
        value = self.cleaned_data.get("other_languages") or ""
        codes = [code.strip().lower() for code in value.replace(";", ",").split(",")]
        codes = [code for code in codes if code]
        if any(not (code.isalpha() and 2 <= len(code) <= 3) for code in codes):
            raise ValidationError(
                _("Write each language as a two- or three-letter code, e.g. ku or ti.")
            )
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("is_free") and not any(
            data.get(f"fee_description_{code}") for code in content_languages()
        ):
            self.add_error(
                "fee_description_fi",
                _("Tell what taking part costs, or mark the activity free of charge."),
            )
        return data


class ServiceContactForm(FriendlyErrorsMixin, ContactPersonForm):
    pass


class LocationForm(FriendlyErrorsMixin, forms.Form):
    location_name = forms.CharField(label=_("Name of the place"), required=False, max_length=255)
    address = forms.CharField(label=_("Street address"), required=False, max_length=255)
    address_sv = forms.CharField(
        label=_("Swedish street name"),
        help_text=_("In a bilingual municipality, the street address as it reads in Swedish."),
        required=False,
        max_length=255,
    )
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("A postal code has five digits, e.g. 60100.")},
    )
    city = forms.CharField(label=_("Post office"), required=False, max_length=100)
    municipality = MunicipalityChoiceField(label=_("Municipality"), required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=59, max_value=71, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=19, max_value=32, decimal_places=6
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))
        return data

    def data_for_service(self) -> LocationData:
        data = self.cleaned_data
        return LocationData(
            name=data.get("location_name", ""),
            address=data.get("address", ""),
            address_sv=data.get("address_sv", ""),
            postal_code=data.get("postal_code", ""),
            city=data.get("city", ""),
            municipality=data.get("municipality"),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
        )


REPEAT_CHOICES = [
    (Repeat.NONE, _("Once")),
    (Repeat.WEEKLY, _("Every week")),
    (Repeat.FORTNIGHTLY, _("Every other week")),
    (Repeat.MONTHLY_WEEKDAY, _("Monthly on the same weekday (e.g. every second Tuesday)")),
]


class ScheduleForm(FriendlyErrorsMixin, forms.Form):
    start_date = DateField(label=_("First date"), required=False)
    start_time = forms.TimeField(label=_("Starts at"), required=False, widget=NativeTimeInput())
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=NativeTimeInput())
    repeat = forms.ChoiceField(
        label=_("Repeats"), choices=REPEAT_CHOICES, initial=Repeat.NONE, required=False
    )
    until = DateField(
        label=_("Repeats until"),
        required=False,
        help_text=_("Leave empty if the activity continues."),
    )
    skip_public_holidays = forms.BooleanField(
        label=_("Not on public holidays"), required=False, initial=True
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and not data.get("start_time"):
            self.add_error("start_time", _("Give the time the activity starts."))
        if data.get("start_time") and not data.get("start_date"):
            self.add_error("start_date", _("Give the date of the first time."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The activity must end after it starts."))
        return data

    def data_for_service(self) -> ScheduleData:
        data = self.cleaned_data
        first = data.get("start_date")
        if not first or not data.get("start_time"):
            return ScheduleData()
        zone = timezone.get_current_timezone()
        starts = datetime.combine(first, data["start_time"], tzinfo=zone)
        end_time: time | None = data.get("end_time")
        return ScheduleData(
            starts_at=starts,
            ends_at=datetime.combine(first, end_time, tzinfo=zone) if end_time else None,
            rrule=build_rrule(data.get("repeat") or Repeat.NONE, first),
            until=data.get("until"),
            skip_public_holidays=bool(data.get("skip_public_holidays")),
        )


# The service's names of values the editor's fields give under another name.
SERVICE_FIELD_NAMES = {
    "ends_at": "end_time",
    "starts_at": "start_time",
    "rrule": "repeat",
    "terms": "activity_types",
}


class ServiceEditor:
    """The sections of the service edit page, each a form rendered in its own fieldset."""

    SECTIONS = (
        ("texts", ServiceTextsForm, _("Name and description")),
        ("classification", ServiceClassificationForm, _("Classification")),
        ("areas", ServiceAreasForm, _("Where the activity is offered")),
        ("practical", ServicePracticalForm, _("Taking part")),
        ("contact", ServiceContactForm, _("Contact person")),
        ("location", LocationForm, _("Place")),
        ("schedule", ScheduleForm, _("Time")),
    )

    def __init__(self, data: Any = None, *, service: Service | None = None) -> None:
        initial = initial_for(service) if service is not None else {"is_free": True}
        self.forms: dict[str, forms.Form] = {
            key: form_class(data, initial=initial) for key, form_class, _legend in self.SECTIONS
        }
        self.legends = {key: legend for key, _form, legend in self.SECTIONS}

    def sections(self) -> list[tuple[str, Any, forms.Form]]:
        return [(key, self.legends[key], form) for key, form in self.forms.items()]

    def is_valid(self) -> bool:
        valid = [form.is_valid() for form in self.forms.values()]  # validate every section
        return all(valid)

    def show_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError in the section that has the field."""
        add_service_errors(self.forms.values(), error, field_names=SERVICE_FIELD_NAMES)

    def values(self) -> dict[str, Any]:
        """The keyword arguments of `service_create` and `service_update`."""
        return {**self.fields(), "location": self.location(), "schedule": self.schedule()}

    def fields(self) -> ServiceFields:
        texts = self.forms["texts"].cleaned_data
        areas = self.forms["areas"].cleaned_data
        practical = self.forms["practical"].cleaned_data
        classification = self.forms["classification"]
        assert isinstance(classification, ServiceClassificationForm)
        values: dict[str, Any] = {
            name: texts[name] for name in self.forms["texts"].fields if name != VERSION_FIELD
        }
        values.update(
            terms=classification.terms(),
            municipalities=areas["municipalities"],
            counties=list(areas["counties"]),
            is_nationwide=areas["is_nationwide"],
            is_online=areas["is_online"],
            languages=list(practical["languages"]) + practical["other_languages"],
        )
        for name in self.forms["practical"].fields:
            if name not in ("languages", "other_languages"):
                values[name] = practical[name]
        values.update(self.forms["contact"].cleaned_data)
        return ServiceFields(**values)  # type: ignore[typeddict-item]

    def edited_version(self) -> str | None:
        """The version of the service the editor was filled in from."""
        return self.forms["texts"].cleaned_data.get(VERSION_FIELD)

    def renew_version(self, service: Service) -> None:
        texts = self.forms["texts"]
        assert isinstance(texts, ServiceTextsForm)
        texts.renew_version(service)

    def location(self) -> LocationData:
        form = self.forms["location"]
        assert isinstance(form, LocationForm)
        return form.data_for_service()

    def schedule(self) -> ScheduleData:
        form = self.forms["schedule"]
        assert isinstance(form, ScheduleForm)
        return form.data_for_service()


def initial_for(service: Service) -> dict[str, Any]:
    """The editor's initial values from a (prefetched) service."""
    initial: dict[str, Any] = {
        VERSION_FIELD: version_of(service),
        **stored_values(
            service,
            texts=("name", "summary", "description", "easy_read_summary", "fee_description"),
            fields=(
                "is_nationwide",
                "is_online",
                "is_free",
                "how_to_join",
                "free_places",
                "website",
                *ACCESSIBILITY_FIELDS,
            ),
        ),
        **contact_initial(service),
    }
    terms = list(service.terms.all())
    for name, code in ServiceClassificationForm.TAXONOMIES.items():
        initial[name] = [term.pk for term in terms if term.taxonomy.code == code]
    initial["municipalities"] = [m.code for m in service.municipalities.all()]
    initial["counties"] = [c.code for c in service.counties.all()]
    codes = [language.code for language in service.languages.all()]
    known = set(ACTIVITY_LANGUAGES)
    initial["languages"] = [code for code in codes if code in known]
    initial["other_languages"] = ", ".join(code for code in codes if code not in known)
    links = list(service.service_locations.all())
    if links:
        location = links[0].location
        initial.update(
            location_name=getattr(location, "name_fi", "") or location.name,
            address=location.address,
            address_sv=location.address_sv,
            postal_code=location.postal_code,
            city=location.city,
            municipality=location.municipality_id,
            latitude=location.latitude,
            longitude=location.longitude,
        )
    schedules = list(service.schedules.all())
    if schedules:
        schedule = schedules[0]
        initial.update(
            schedule_initial(schedule),
            until=schedule.until,
            skip_public_holidays=schedule.skip_public_holidays,
        )
    return initial
