"""Shared pieces of the catalogue forms: language fields, friendly errors, choices."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.languages import content_languages, in_language, language_choices
from kumppani.organisations.models import Organisation

from ..models import Schedule, TaxonomyTerm
from ..schedules import repeat_of

# Languages activities are most often held in; others go in the free-text field.
ACTIVITY_LANGUAGES = ("fi", "sv", "en", "se", "ru", "uk", "et", "ar", "so", "fa", "fse")


def activity_language_choices() -> list[tuple[str, str]]:
    return language_choices(ACTIVITY_LANGUAGES)


def schedule_initial(schedule: Schedule) -> dict[str, Any]:
    """The first time of a schedule and how it repeats, as the initial values of a form's
    time fields (the editor and the first step)."""
    starts = timezone.localtime(schedule.starts_at)
    return {
        "start_date": starts.date(),
        "start_time": starts.time().replace(second=0, microsecond=0),
        "end_time": timezone.localtime(schedule.ends_at).time() if schedule.ends_at else None,
        "repeat": repeat_of(schedule.rrule),
    }


def term_choices(taxonomy_code: str) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy__code=taxonomy_code).order_by("code")


def choose_from(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Offer these rows in the form's model choice field (set per form, not at import)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def terms_field(label: Any, **kwargs: Any) -> forms.ModelMultipleChoiceField[Any]:
    """Terms to tick (their taxonomy's are offered per form, with `choose_from`)."""
    kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
    return forms.ModelMultipleChoiceField(
        label=label, queryset=TaxonomyTerm.objects.none(), required=False, **kwargs
    )


def stored_values(
    entry: Any, *, texts: Iterable[str] = (), fields: Iterable[str] = ()
) -> dict[str, Any]:
    """An edit form's initial values from an entry: each text in every content language
    (empty where there is none), each other field as it is stored."""
    initial = {
        f"{field}_{code}": getattr(entry, f"{field}_{code}") or ""
        for field in texts
        for code in content_languages()
    }
    initial.update((name, getattr(entry, name)) for name in fields)
    return initial


def _translated_fields(
    form: forms.Form, field: str, label: str, *, widget: Any = None, max_length: int | None = None
) -> None:
    for code in content_languages():
        form.fields[f"{field}_{code}"] = forms.CharField(
            label=f"{label} {in_language(code)}",
            required=False,
            max_length=max_length,
            widget=widget,
        )


class FriendlyErrorsMixin:
    """Give fields error texts a volunteer understands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            field.error_messages.setdefault("invalid_choice", _("Choose one of the options."))
            if isinstance(field, forms.DecimalField):
                field.error_messages["invalid"] = _("Write a number, e.g. 62.7903.")
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _("Write the date as day.month.year.")
            if isinstance(field, forms.TimeField):
                field.error_messages["invalid"] = _("Write the time as hours:minutes, e.g. 18:00.")


class OrganisationChoiceForm(FriendlyErrorsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Choose the organisation that offers the activity.")},
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "organisation", organisations)
        # Someone who represents one organisation is not asked which: it is chosen for them.
        only = list(organisations[:2])
        self.only: Organisation | None = only[0] if len(only) == 1 else None
        if self.only is not None:
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)
            field.initial = self.only.pk
            field.empty_label = None
            field.widget = forms.HiddenInput()
            if self.is_bound and not self.data.get(self.add_prefix("organisation")):
                data: Any = self.data.copy()  # type: ignore[attr-defined]
                data[self.add_prefix("organisation")] = self.only.pk
                self.data = data

    def chosen(self) -> Organisation | None:
        """The organisation chosen (after is_valid), or the only one there is."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["organisation"]
        return self.only


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("The organisation's representatives receive this text by email."),
        error_messages={"required": _("Tell the organisation why the entry is hidden.")},
    )


def activity_languages_field() -> forms.MultipleChoiceField:
    """The languages an activity is held in, ticked from the usual ones (the editor and its
    languages step)."""
    return forms.MultipleChoiceField(
        label=_("Languages of the activity"),
        choices=activity_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def free_places_field() -> forms.IntegerField:
    """How many places are free for referred clients (the editor and its details step)."""
    return forms.IntegerField(
        label=_("Free places for referrals"),
        required=False,
        min_value=0,
        help_text=_("Leave empty if there is no limit or you do not know."),
    )


def website_field() -> forms.URLField:
    """An activity's web page (the editor and its details step)."""
    return forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Write the web address in the form https://example.fi.")},
    )
