"""Validate search input (page and API alike): every value checked, every error a sentence."""

from __future__ import annotations

import re
import uuid
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kumppani.catalogue.models import HowToJoin, Service, Taxonomy, TaxonomyTerm
from kumppani.catalogue.search import when as times
from kumppani.catalogue.search.query import (
    ACCESSIBILITY_FIELDS,
    MAX_PER_PAGE,
    TERM_FACETS,
    SearchFilters,
)
from kumppani.core.models import County, Municipality
from kumppani.core.neighbours import neighbours
from kumppani.core.selectors import municipalities_by_county, municipality_name

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000
MAX_VALUES = 20
BOOLEAN_CHOICES = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]
_BOOLEAN_VALUES = {
    "true": True,
    "1": True,
    "on": True,
    "yes": True,
    "false": False,
    "0": False,
    "no": False,
    "": None,
}


def accessibility_choices() -> list[tuple[str, Any]]:

    return [
        (f, getattr(Service._meta.get_field(f), "verbose_name", f)) for f in ACCESSIBILITY_FIELDS
    ]


class LenientBooleanField(forms.Field):
    """true/false (also 1/0, on, yes/no); anything else is a clear error."""

    def to_python(self, value: Any) -> bool | None:
        key = str(value or "").strip().lower()
        if key not in _BOOLEAN_VALUES:
            raise ValidationError(_("Choose yes or no."), code="invalid")
        return _BOOLEAN_VALUES[key]


def _page_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": _("The page number must be a whole number."),
            "min_value": _("The page number must be 1 or more."),
            "max_value": _("The page number is too large."),
        },
        **kwargs,
    )


def _per_page_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PER_PAGE,
        error_messages={
            "invalid": _("The number of results per page must be a whole number."),
            "min_value": _("Show at least one result per page."),
            "max_value": _("Show at most %(limit_value)s results per page."),
        },
        **kwargs,
    )


_NO_SUCH_CHOICE = _("There is no such choice: %(value)s. Pick one from the list.")


class TermsField(forms.Field):
    """Taxonomy terms of one taxonomy, given by code or public id; any number of values."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, taxonomy: str, **kwargs: Any) -> None:
        self.taxonomy = taxonomy
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> tuple[int, ...]:
        if value in (None, "", [], ()):
            return ()
        values = [str(v).strip() for v in (value if isinstance(value, list | tuple) else [value])]
        values = [v for v in values if v]
        if any("\x00" in v for v in values):
            raise ValidationError(
                _("The text contains a character that cannot be used. Remove it and try again."),
                code="null_characters",
            )
        if len(values) > MAX_VALUES:
            raise ValidationError(_("Choose at most %(max)d values."), params={"max": MAX_VALUES})
        codes = [v for v in values if len(v) <= 80]
        ids: list[uuid.UUID] = []
        for v in values:
            with suppress(ValueError):
                ids.append(uuid.UUID(v))
        found = TaxonomyTerm.objects.filter(taxonomy__code=self.taxonomy).filter(
            Q(code__in=codes) | Q(public_id__in=ids)
        )
        known: dict[str, int] = {}
        for pk, code, public_id in found.values_list("pk", "code", "public_id"):
            known[code] = pk
            known[str(public_id)] = pk
        unknown = [v for v in values if v not in known and _norm_uuid(v) not in known]
        if unknown:
            raise ValidationError(
                _NO_SUCH_CHOICE,
                params={"value": unknown[0][:80]},
                code="invalid_choice",
            )
        return tuple(sorted({known.get(v) or known[_norm_uuid(v)] for v in values}))


def _norm_uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return value


@lru_cache(maxsize=1)
def _codes() -> tuple[frozenset[str], frozenset[str]]:
    """The municipality and county codes (reference data: cached per process)."""
    return (
        frozenset(Municipality.objects.values_list("code", flat=True)),
        frozenset(County.objects.values_list("code", flat=True)),
    )


class CodeChoiceField(forms.ChoiceField):
    """A choice among reference codes: checked against a cached set, listed only to render.

    Normalizing the 308 municipality choices for every API request costs milliseconds; the
    choices are a callable here, evaluated only when the form is shown.
    """

    def __init__(self, *, codes: Any, **kwargs: Any) -> None:
        self.codes = codes
        super().__init__(**kwargs)

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.codes()


def municipality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Municipalities grouped by county (for a <select> with <optgroup>s)."""
    return _municipality_choices(get_language() or "fi")


# Reference data (loaded by a migration, changed by a new migration only): cache per process.
@lru_cache(maxsize=8)
def _municipality_choices(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (group.label, [(m.code, municipality_name(m, language)) for m in group.municipalities])
        for group in municipalities_by_county(language=language)
    ]


@lru_cache(maxsize=8)
def _county_choices(language: str) -> list[tuple[str, str]]:
    return [(c.code, str(c)) for c in County.objects.order_by("code")]


def _municipality_field() -> CodeChoiceField:
    """A municipality filter: its 3-digit code, or empty for any."""
    return CodeChoiceField(
        label=_("Municipality"),
        required=False,
        codes=lambda: _codes()[0],
        choices=lambda: [("", _("Any municipality")), *municipality_choices()],
        error_messages={
            "invalid_choice": _(
                "There is no municipality with the code %(value)s. Choose one from the list."
            )
        },
    )


def _cost_choices() -> list[tuple[str, Any]]:
    return [("", _("Any")), ("free", _("Free of charge")), ("fee", _("With a fee"))]


def _how_to_join_choices() -> list[tuple[str, Any]]:
    return [("", _("Any")), *HowToJoin.choices]


class SearchForm(forms.Form):
    """The search query and filters of the catalogue search page and API.

    Every field is declared whole here (choices as callables, evaluated only when the form
    is shown): the API validates each request with this form, and Django copies its fields
    for every instance.
    """

    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("For example: peer support for carers, food aid, chair exercise."),
        error_messages={
            "max_length": _("Please shorten the search text to at most %(limit_value)d characters.")
        },
    )
    municipality = _municipality_field()
    nearby = LenientBooleanField(
        label=_("Also nearby municipalities"),
        required=False,
        help_text=_("With a municipality chosen, also its neighbours' activities, after its own."),
    )
    county = CodeChoiceField(
        label=_("Wellbeing services county"),
        required=False,
        codes=lambda: _codes()[1],
        choices=lambda: [("", _("Any county")), *_county_choices(get_language() or "fi")],
        error_messages={
            "invalid_choice": _("There is no wellbeing services county with the code %(value)s.")
        },
    )
    online = LenientBooleanField(label=_("Online"), required=False)
    activity_type = TermsField(
        label=_("Activity type"), taxonomy=TERM_FACETS["activity_type"], required=False
    )
    theme = TermsField(label=_("Theme"), taxonomy=TERM_FACETS["theme"], required=False)
    target_group = TermsField(
        label=_("Target group"), taxonomy=TERM_FACETS["target_group"], required=False
    )
    language = forms.CharField(label=_("Language of the activity"), required=False, max_length=3)
    cost = forms.ChoiceField(
        label=_("Cost"),
        required=False,
        choices=_cost_choices,
        error_messages={"invalid_choice": _NO_SUCH_CHOICE},
    )
    how_to_join = forms.ChoiceField(
        label=_("How to join"),
        required=False,
        choices=_how_to_join_choices,
        error_messages={"invalid_choice": _NO_SUCH_CHOICE},
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=accessibility_choices,
        error_messages={"invalid_choice": _("There is no accessibility feature called %(value)s.")},
    )
    when = times.when_field()
    date_from = times.date_field(_("From date"))
    date_to = times.date_field(_("To date"))
    weekday = times.weekday_field()
    page = _page_field(widget=forms.HiddenInput)
    per_page = _per_page_field(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        times.check_dates(self)
        return cleaned

    def clean_language(self) -> str | None:
        value = (self.cleaned_data.get("language") or "").strip().lower()
        if value and not re.fullmatch(r"[a-z]{2,3}", value):
            raise ValidationError(
                _("Give the language as a two-letter code, for example fi, sv or en.")
            )
        return value or None

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        municipality = data.get("municipality") or None
        date_from, date_to, weekdays = times.time_filter(data)
        return SearchFilters(
            municipality=municipality,
            county=data.get("county") or None,
            online=data.get("online"),
            activity_type=data.get("activity_type") or (),
            theme=data.get("theme") or (),
            target_group=data.get("target_group") or (),
            language=data.get("language"),
            cost=data.get("cost") or None,
            how_to_join=data.get("how_to_join") or None,
            accessibility=tuple(data.get("accessibility") or ()),
            # Without a municipality there is nothing to be near: the option is ignored.
            nearby=neighbours(municipality) if municipality and data.get("nearby") else (),
            date_from=date_from,
            date_to=date_to,
            weekdays=weekdays,
        )

    def error_message(self) -> str:
        """All errors as one sentence list, for the API's 400 response."""
        parts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            for error in errors:
                parts.append(f"{label}: {error}" if label else str(error))
        return " ".join(parts)


# The search page's filters in groups, each drawn as a fieldset with its legend.
FILTER_GROUPS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (_("Where"), ("municipality", "nearby", "county", "online")),
    (_("When"), ("when", "date_from", "date_to", "weekday")),
    (_("Kind of activity"), ("activity_type", "theme", "target_group")),
    (_("Language, cost and joining"), ("language", "cost", "how_to_join")),
    (_("Accessibility"), ("accessibility",)),
)


@dataclass(frozen=True)
class FilterGroup:
    legend: Any
    fields: list[forms.BoundField]


def filter_groups(form: SearchForm) -> list[FilterGroup]:
    """The form's filters in their groups, for the search page."""
    return [FilterGroup(legend, [form[name] for name in names]) for legend, names in FILTER_GROUPS]


def chosen_filters(form: SearchForm) -> int:
    """How many filters the request sets (shown beside the button that opens them)."""
    data = form.data
    chosen: set[str] = set()
    for _legend, names in FILTER_GROUPS:
        for name in names:
            values: list[Any] = (
                data.getlist(name) if isinstance(data, QueryDict) else [data.get(name)]
            )
            if any(str(value or "").strip() for value in values):
                chosen.add(times.COUNTED_AS.get(name, name))
    return len(chosen)


class _PagingForm(forms.Form):
    page = _page_field()
    per_page = _per_page_field()

    def error_message(self) -> str:
        return " ".join(
            f"{self.fields[name].label or name}: {error}" if name in self.fields else str(error)
            for name, errors in self.errors.items()
            for error in errors
        )


class TaskSearchForm(_PagingForm):
    q = forms.CharField(
        label=_("What would you like to do?"), required=False, max_length=MAX_QUERY_LENGTH
    )
    municipality = _municipality_field()
    remote = LenientBooleanField(label=_("Remote"), required=False)


class TermListForm(_PagingForm):
    taxonomy = forms.ChoiceField(label=_("Taxonomy"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        field = self.fields["taxonomy"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Any")),
            *[(c, c) for c in Taxonomy.objects.values_list("code", flat=True)],
        ]
        field.error_messages["invalid_choice"] = _("There is no taxonomy with the code %(value)s.")
