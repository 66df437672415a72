"""The activity editor in steps: a short first step that is enough to publish, then optional
steps (languages, target groups, service classes, accessibility, further details).

Every step writes its own fields only, in the reader's language; the rest of the activity
stays as it is. Coordinates are never typed: the place is given by its address, and a pin
may be placed on a map (hidden fields the map fills in; without the map they keep the pin as
it was). Each form carries the version of the activity it was filled in from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel import Locale
from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kumppani.core.concurrency import VERSION_FIELD, VersionedForm, version_of
from kumppani.core.forms import DateField, MunicipalityChoiceField
from kumppani.core.languages import current_language, language_name
from kumppani.core.models import Municipality
from kumppani.core.widgets import NativeTimeInput
from kumppani.organisations.models import Organisation

from ..models import ACCESSIBILITY_FIELDS, HowToJoin, Service, TaxonomyTerm
from ..schedules import Repeat, build_rrule
from ..services import LocationData, ScheduleData
from ..suggestions import suggested_service_classes
from ..taxonomy_data import PTV_SERVICE_CLASSES, PTV_TARGET_GROUPS
from .accessibility import AccessibilityAnswerField
from .common import (
    ACTIVITY_LANGUAGES,
    FriendlyErrorsMixin,
    activity_languages_field,
    free_places_field,
    schedule_initial,
    website_field,
)

# PTV's target groups of people (KR1 "Citizens" and its groups); businesses (KR2) and
# authorities (KR3) are not who a volunteer activity is for.
CITIZEN_GROUPS_PREFIX = "KR1"

SIMPLE_REPEATS = [
    (Repeat.WEEKLY, _("Every week")),
    (Repeat.FORTNIGHTLY, _("Every other week")),
    (Repeat.MONTHLY_WEEKDAY, _("Once a month on the same weekday")),
    (Repeat.NONE, _("Only once")),
]


def organisation_home(organisation: Organisation | None) -> Municipality | None:
    """The organisation's own municipality: the first of those it operates in."""
    if organisation is None:
        return None
    return organisation.municipalities.order_by("code").first()


@dataclass(frozen=True)
class StepGroup:
    """A fieldset of the first step: its legend, its rows of fields (side by side where
    there is room), whether the map follows them, and the Swedish texts that may."""

    legend: Any
    rows: list[list[forms.BoundField]]
    with_map: bool
    swedish: list[forms.BoundField]

    @property
    def swedish_open(self) -> bool:
        """Show the Swedish texts at once when there are some, or errors in them."""
        return any(field.value() or field.errors for field in self.swedish)


class StepForm(FriendlyErrorsMixin, VersionedForm):
    """A step's form: it carries the version of the activity it was filled in from."""

    def edited_version(self) -> str | None:
        return self.cleaned_data.get(VERSION_FIELD) or None


def pin_field() -> forms.DecimalField:
    """A coordinate of the pin: filled in by the map, never typed, never shown."""
    return forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )


class FirstStepForm(StepForm):
    """Name, what happens, where, when, how to join and whom to contact: enough to publish."""

    name = forms.CharField(
        label=_("Name of the activity"),
        max_length=255,
        error_messages={"required": _("Give the activity a name.")},
    )
    summary = forms.CharField(
        label=_("What happens"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell in a sentence or two what happens.")},
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        empty_label=_("Choose the municipality"),
        to_field_name="code",
        error_messages={"required": _("Choose the municipality where the activity is.")},
    )
    address = forms.CharField(
        label=_("Street address"),
        max_length=255,
        required=False,
    )
    start_date = DateField(
        label=_("First date"),
        error_messages={"required": _("Give the date of the first time.")},
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        widget=NativeTimeInput(),
        error_messages={"required": _("Give the time the activity starts.")},
    )
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=NativeTimeInput())
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        choices=SIMPLE_REPEATS,
        initial=Repeat.WEEKLY,
        error_messages={"required": _("Choose how often the activity repeats.")},
    )
    how_to_join = forms.ChoiceField(
        label=_("How to join"),
        choices=HowToJoin.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how people join the activity.")},
    )
    contact_name = forms.CharField(label=_("Contact person's name"), required=False, max_length=200)
    contact_phone = forms.CharField(
        label=_("Contact person's phone"), required=False, max_length=40
    )
    contact_email = forms.EmailField(
        label=_("Contact person's email"),
        required=False,
        error_messages={"invalid": _("Write the email address in the form name@example.fi.")},
    )
    contact_consent = forms.BooleanField(
        label=_("The person has agreed that their name and contact details are shown publicly"),
        required=False,
        help_text=_("Without it, the organisation's contact details are shown."),
    )
    pin_lat = pin_field()
    pin_lon = pin_field()

    # The page's fieldsets: a legend and the rows of fields under it (fields in one row stand
    # side by side where there is room; a group of radio buttons is a fieldset of its own).
    # The map for the pin follows the fields of the group numbered MAP_GROUP; the Swedish
    # texts of an activity in a bilingual municipality follow the group SWEDISH_GROUP.
    MAP_GROUP = 1
    SWEDISH_GROUP = 0
    GROUPS: tuple[tuple[Any, tuple[tuple[str, ...], ...]], ...] = (
        (_("What"), (("name",), ("summary",))),
        (_("Where"), (("municipality", "address"),)),
        (_("When"), (("start_date", "repeat"), ("start_time", "end_time"))),
        (None, (("how_to_join",),)),
        (
            _("Whom to contact"),
            (("contact_name",), ("contact_phone", "contact_email"), ("contact_consent",)),
        ),
    )

    def __init__(
        self,
        *args: Any,
        service: Service | None = None,
        organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        self.service = service
        self.language = current_language()
        if service is not None:
            kwargs.setdefault("initial", first_step_initial(service, self.language))
        else:
            kwargs.setdefault("initial", {"municipality": organisation_home(organisation)})
        super().__init__(*args, **kwargs)
        home = self.initial.get("municipality")
        self.swedish_too = (
            self.language != "sv" and isinstance(home, Municipality) and home.is_bilingual
        )
        if self.swedish_too:
            self.fields["name_sv"] = forms.CharField(
                label=_("Name in Swedish"),
                required=False,
                max_length=255,
                widget=forms.TextInput(attrs={"lang": "sv"}),
            )
            self.fields["summary_sv"] = forms.CharField(
                label=_("What happens, in Swedish"),
                required=False,
                max_length=400,
                widget=forms.Textarea(attrs={"rows": 3, "lang": "sv"}),
            )

    def groups(self) -> list[StepGroup]:
        """The page's fieldsets, with the map and the Swedish texts where they go."""
        swedish = [self["name_sv"], self["summary_sv"]] if self.swedish_too else []
        return [
            StepGroup(
                legend=legend,
                rows=[[self[name] for name in row] for row in rows],
                with_map=index == self.MAP_GROUP,
                swedish=swedish if index == self.SWEDISH_GROUP else [],
            )
            for index, (legend, rows) in enumerate(self.GROUPS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The activity must end after it starts."))
        return data

    def values(self) -> dict[str, Any]:
        """The keyword arguments of `service_create` or `service_update`."""
        data = self.cleaned_data
        language = self.language
        fields: dict[str, Any] = {
            f"name_{language}": data["name"],
            f"summary_{language}": data["summary"],
            "how_to_join": data["how_to_join"],
            "contact_name": data["contact_name"],
            "contact_phone": data["contact_phone"],
            "contact_email": data["contact_email"],
            "contact_consent": data["contact_consent"],
            "municipalities": self._municipalities(),
            "location": self._location(),
            "schedule": self._schedule(),
        }
        if self.swedish_too:
            fields.update(name_sv=data["name_sv"], summary_sv=data["summary_sv"])
        if self.service is None:
            fields["is_free"] = True
        return fields

    def _municipalities(self) -> list[Municipality]:
        chosen: Municipality = self.cleaned_data["municipality"]
        if self.service is None:
            return [chosen]
        previous = self.initial.get("municipality")
        kept = [m for m in self.service.municipalities.all() if m != previous]
        return sorted({*kept, chosen}, key=lambda municipality: municipality.code)

    def _location(self) -> LocationData:
        data = self.cleaned_data
        old = _first_location(self.service)
        if "pin_lat" in self.data:  # the page's pin (empty: removed)
            latitude, longitude = data.get("pin_lat"), data.get("pin_lon")
        else:  # sent without the page's fields: the pin stays as it was
            latitude, longitude = getattr(old, "latitude", None), getattr(old, "longitude", None)
        return LocationData(
            name=getattr(old, "name", "") or "",
            address=data["address"],
            postal_code=getattr(old, "postal_code", "") or "",
            city=getattr(old, "city", "") or "",
            municipality=data["municipality"],
            latitude=latitude,
            longitude=longitude,
        )

    def _schedule(self) -> ScheduleData:
        data = self.cleaned_data
        first = data["start_date"]
        zone = timezone.get_current_timezone()
        end_time = data.get("end_time")
        old = self.service.schedules.order_by("id").first() if self.service else None
        return ScheduleData(
            starts_at=datetime.combine(first, data["start_time"], tzinfo=zone),
            ends_at=datetime.combine(first, end_time, tzinfo=zone) if end_time else None,
            rrule=build_rrule(data["repeat"], first),
            until=old.until if old else None,
            skip_public_holidays=old.skip_public_holidays if old else True,
        )


def _first_location(service: Service | None) -> Any:
    if service is None:
        return None
    link = service.service_locations.select_related("location").order_by("id").first()
    return link.location if link else None


def first_step_initial(service: Service, language: str) -> dict[str, Any]:
    """The first step's values from a saved activity."""
    initial: dict[str, Any] = {
        "name": getattr(service, f"name_{language}") or "",
        "summary": getattr(service, f"summary_{language}") or "",
        "name_sv": getattr(service, "name_sv", "") or "",
        "summary_sv": getattr(service, "summary_sv", "") or "",
        "how_to_join": service.how_to_join,
        "contact_name": service.contact_name,
        "contact_phone": service.contact_phone,
        "contact_email": service.contact_email,
        "contact_consent": service.contact_consent,
    }
    location = _first_location(service)
    if location is not None:
        initial.update(
            address=location.address,
            municipality=location.municipality,
            pin_lat=location.latitude,
            pin_lon=location.longitude,
        )
    else:
        initial["municipality"] = organisation_home(service.organisation)
    schedule = service.schedules.order_by("id").first()
    if schedule is not None:
        initial.update(schedule_initial(schedule))
    return initial


# --- the optional steps ------------------------------------------------------------------


def other_language_choices() -> list[tuple[str, str]]:
    """Every language with a two-letter code, by its name in the reader's language."""
    codes = [str(code) for code in Locale.parse("en").languages]
    codes = [code for code in codes if len(code) == 2 and code not in ACTIVITY_LANGUAGES]
    choices = [(code, capfirst(language_name(code))) for code in codes]
    choices.sort(key=lambda choice: choice[1].casefold())
    return [("", str(_("No other language"))), *choices]


class LanguagesStepForm(StepForm):
    languages = activity_languages_field()
    other_language = forms.ChoiceField(
        label=_("Another language"), choices=other_language_choices, required=False
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        codes = [language.code for language in service.languages.all()]
        others = [code for code in codes if code not in ACTIVITY_LANGUAGES]
        kwargs.setdefault(
            "initial",
            {
                "languages": [code for code in codes if code in ACTIVITY_LANGUAGES],
                "other_language": others[0] if others else "",
            },
        )
        self.kept = others[1:]  # further languages saved earlier stay as they are
        super().__init__(*args, **kwargs)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        other = [data["other_language"]] if data.get("other_language") else []
        return {"languages": [*data["languages"], *other, *self.kept]}


class TermsStepForm(StepForm):
    """Terms of one taxonomy; the activity's terms of other taxonomies are kept."""

    taxonomy = ""
    label: Promise | str = ""

    terms: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=TaxonomyTerm.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        self.service = service
        chosen = [term for term in service.terms.all() if term.taxonomy.code == self.taxonomy]
        kwargs.setdefault("initial", {"terms": [term.pk for term in chosen]})
        super().__init__(*args, **kwargs)
        field = self.fields["terms"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = self.offered()
        field.label = self.label  # type: ignore[assignment]
        field.label_from_instance = _term_label  # type: ignore[method-assign,assignment]

    def offered(self) -> Any:
        return TaxonomyTerm.objects.filter(taxonomy__code=self.taxonomy).order_by("code")

    def values(self) -> dict[str, Any]:
        others = [term for term in self.service.terms.all() if term.taxonomy.code != self.taxonomy]
        return {"terms": [*others, *self.cleaned_data["terms"]]}


def _term_label(term: TaxonomyTerm) -> str:
    return str(getattr(term, f"name_{current_language()}", "") or term.name)


class TargetGroupsStepForm(TermsStepForm):
    taxonomy = PTV_TARGET_GROUPS
    label = _("Who the activity is for")

    def offered(self) -> Any:
        return super().offered().filter(code__startswith=CITIZEN_GROUPS_PREFIX)


class ServiceClassesStepForm(TermsStepForm):
    """Classes suggested from the activity's texts first; the rest behind a disclosure."""

    taxonomy = PTV_SERVICE_CLASSES
    label = _("Service classes (Suomi.fi)")

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, service=service, **kwargs)
        self.suggested = suggested_service_classes(service, current_language())
        self.fields["suggested"] = forms.ModelMultipleChoiceField(
            label=_("Suggested from your text"),
            queryset=TaxonomyTerm.objects.filter(pk__in=[term.pk for term in self.suggested]),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["suggested"].label_from_instance = _term_label  # type: ignore[attr-defined]
        chosen = set(self.initial.get("terms", []))
        self.initial["suggested"] = [term.pk for term in self.suggested if term.pk in chosen]
        self.initial["terms"] = [pk for pk in chosen if pk not in self.initial["suggested"]]
        self.order_fields(["suggested", "terms"])
        self.fields["terms"].label = _("All service classes")

    def values(self) -> dict[str, Any]:
        others = [term for term in self.service.terms.all() if term.taxonomy.code != self.taxonomy]
        chosen = {*self.cleaned_data["suggested"], *self.cleaned_data["terms"]}
        return {"terms": [*others, *sorted(chosen, key=lambda term: term.code)]}


class AccessibilityStepForm(StepForm):
    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {name: getattr(service, name) for name in ACCESSIBILITY_FIELDS}
        )
        super().__init__(*args, **kwargs)
        for name in ACCESSIBILITY_FIELDS:
            self.fields[name] = AccessibilityAnswerField(
                label=getattr(Service._meta.get_field(name), "verbose_name", name)
            )

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ACCESSIBILITY_FIELDS}


class DetailsStepForm(StepForm):
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False)
    fee_description = forms.CharField(label=_("Fee"), required=False, max_length=255)
    free_places = free_places_field()
    website = website_field()
    is_online = forms.BooleanField(label=_("Can also be joined online"), required=False)

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        self.language = current_language()
        kwargs.setdefault(
            "initial",
            {
                "description": getattr(service, f"description_{self.language}") or "",
                "fee_description": getattr(service, f"fee_description_{self.language}") or "",
                "is_free": service.is_free,
                "free_places": service.free_places,
                "website": service.website,
                "is_online": service.is_online,
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("is_free") and not data.get("fee_description"):
            self.add_error(
                "fee_description",
                _("Tell what taking part costs, or mark the activity free of charge."),
            )
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            f"description_{self.language}": data["description"],
            f"fee_description_{self.language}": data["fee_description"],
            "is_free": data["is_free"],
            "free_places": data["free_places"],
            "website": data["website"],
            "is_online": data["is_online"],
        }


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    form_class: Any  # a form of this module, built with the activity (`service=`)


FIRST_STEP = "basics"
STEPS = (
    Step(FIRST_STEP, _("The essentials"), FirstStepForm),
    Step("languages", _("Languages"), LanguagesStepForm),
    Step("target-groups", _("Who it is for"), TargetGroupsStepForm),
    Step("classes", _("Service classes"), ServiceClassesStepForm),
    Step("accessibility", _("Accessibility"), AccessibilityStepForm),
    Step("details", _("Further details"), DetailsStepForm),
)
STEP_SLUGS = tuple(step.slug for step in STEPS)


def step_form(step: Step, data: Any, service: Service) -> Any:
    """The step's form for a saved activity, carrying the activity's current version."""
    form = step.form_class(data, service=service)
    form.initial[VERSION_FIELD] = version_of(service)
    return form


def step_named(slug: str) -> Step | None:
    return next((step for step in STEPS if step.slug == slug), None)


def step_after(slug: str) -> Step | None:
    index = STEP_SLUGS.index(slug)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None
