"""Form helpers every app uses: a service's errors on the form, the error summary, and the
fields every app asks for the same way (municipalities, a county, a date, a search box)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .concurrency import VERSION_FIELD, ChangedMeanwhile, VersionedForm
from .models import County, Municipality
from .selectors import municipalities_by_county, municipality_name
from .widgets import MunicipalityPicker, NativeDateInput

# More values than there are municipalities cannot come from the form.
MAX_MUNICIPALITIES = 400

FormOrForms = forms.BaseForm | Iterable[forms.BaseForm]


def _as_list(forms_: FormOrForms) -> list[forms.BaseForm]:
    return [forms_] if isinstance(forms_, forms.BaseForm) else list(forms_)


def add_service_errors(
    form: FormOrForms,
    error: ValidationError,
    *,
    field_names: Mapping[str, str] | None = None,
) -> None:
    """Show a service's ValidationError on the form fields it names.

    ``form`` is one form or the forms of one page (the sections of an editor): each error
    goes to the form that has the field. Errors without a field, and errors of fields no
    form has, go on top of the first form. ``field_names`` maps the service's names to the
    form's where they differ (``{"umbrella": "umbrella_business_id"}``).
    """
    targets = _as_list(form)
    names = field_names or {}
    if not hasattr(error, "error_dict"):
        targets[0].add_error(None, error)
        return
    for service_name, errors in error.error_dict.items():
        name = names.get(service_name, service_name)
        owner = next((target for target in targets if name in target.fields), None)
        if owner is None:
            targets[0].add_error(None, errors)
        else:
            owner.add_error(name, errors)


def model_initial(form_class: type[forms.Form], obj: Any) -> dict[str, Any]:
    """The initial values of an editing form that is not a ModelForm: for each of its fields
    that is a concrete field of ``obj``'s model, the value ``obj`` has."""
    names = {field.name for field in obj._meta.concrete_fields}
    return {name: getattr(obj, name) for name in form_class.base_fields if name in names}


def service_done(form: FormOrForms, service: Callable[..., object], /, **arguments: Any) -> bool:
    """Call ``service`` with ``arguments`` (a valid form's values); return whether it went
    through. A ValidationError goes on the form (`add_service_errors`), for the page to show
    it again."""
    try:
        service(**arguments)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def service_told(
    request: HttpRequest, service: Callable[..., object], /, *, success: str, **arguments: Any
) -> bool:
    """For a button with no form to show errors on: call ``service`` with ``arguments`` and
    tell the person how it went, ``success`` or the service's refusal; return whether it
    went through."""
    try:
        service(**arguments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


def change_page(
    request: HttpRequest,
    form: forms.BaseForm,
    template: str,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]],
    *,
    change: Callable[[], object],
    then: str,
    success: str | None = None,
) -> HttpResponse:
    """The page of a form for one service step: once ``change`` (the step with the valid
    form's values) has gone through, on to ``then`` (a URL or a view's name), telling
    ``success`` when given; otherwise ``template`` with ``context`` and the form, the
    service's refusal on it. A ``context`` that costs queries is given as a function, so
    that a successful step does not compute it."""
    if request.method == "POST" and form.is_valid() and service_done(form, change):
        if success:
            messages.success(request, success)
        return redirect(then)
    shown = context() if callable(context) else context
    return render(request, template, {**shown, "form": form})


def save_versioned(
    form: VersionedForm,
    obj: Any,
    service: Callable[..., object],
    **arguments: Any,
) -> bool:
    """Call ``service`` with ``arguments``, the valid form's values and the version of
    ``obj`` the form was shown with; return whether it saved. A service's error goes on
    the form, and after ChangedMeanwhile the form takes the current version of ``obj``
    (when there is one), so that sending it again saves the person's input."""
    data = dict(form.cleaned_data)
    try:
        service(base_version=data.pop(VERSION_FIELD, None), **arguments, **data)
    except ValidationError as error:
        add_service_errors(form, error)
        if isinstance(error, ChangedMeanwhile) and obj is not None:
            form.renew_version(obj)
        return False
    return True


# --- the error summary ---------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary; ``target`` is the id of the field it links to."""

    text: str
    target: str = ""


def field_anchor(field: forms.BoundField) -> str:
    """The id of the element an error link should move to: the input itself, or the first
    of a group of radio buttons or checkboxes; nothing for a hidden input."""
    if field.is_hidden or not field.auto_id:
        return ""
    return field.id_for_label or f"{field.auto_id}_0"


def error_summary_items(forms_: Iterable[forms.BaseForm | None]) -> list[SummaryItem]:
    """Every error of the forms, those of no field first, each field's linked to it."""
    bound = [form for form in forms_ if form is not None and form.is_bound]
    items = [SummaryItem(str(error)) for form in bound for error in form.non_field_errors()]
    for form in bound:
        for field in form:
            # A field without a label of its own (a hidden page number) gets none made up.
            label = field.field.label
            for error in field.errors:
                text = f"{label}: {error}" if label else str(error)
                items.append(SummaryItem(text, field_anchor(field)))
    return items


# --- municipalities --------------------------------------------------------------------------


class MunicipalityMultipleChoiceField(forms.MultipleChoiceField):
    """Municipalities by code, chosen with the MunicipalityPicker; cleans to a list of
    Municipality objects (by code)."""

    widget = MunicipalityPicker
    default_error_messages = {
        "invalid_choice": _(
            "There is no municipality with code %(value)s. Choose municipalities from the list."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        # The widget lists the municipalities itself; the codes are checked in clean().
        kwargs.setdefault("choices", ())
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        # Initial values may be Municipality objects as well as codes.
        if isinstance(value, list | tuple):
            return [getattr(item, "code", item) for item in value]
        return value

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def clean(self, value: Any) -> list[Municipality]:
        codes = list(dict.fromkeys(self.to_python(value)))
        self.validate(codes)
        self.run_validators(codes)
        if len(codes) > MAX_MUNICIPALITIES:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": codes[-1][:10]},
            )
        found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": unknown[0][:10]},
            )
        return sorted(found.values(), key=lambda municipality: municipality.code)


class _MunicipalitiesByCounty(ModelChoiceIterator):
    """The field's municipalities in an optgroup per county, in the reader's language."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for group in municipalities_by_county(self.queryset):
            yield (group.label, [self.choice(m) for m in group.municipalities])

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class MunicipalityChoiceField(forms.ModelChoiceField):
    """One municipality from a `<select>` grouped by county (the reader's language)."""

    iterator = _MunicipalitiesByCounty

    def __init__(self, queryset: QuerySet[Municipality] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "invalid_choice", _("Choose a municipality from the list.")
        )
        super().__init__(
            queryset=Municipality.objects.all() if queryset is None else queryset, **kwargs
        )

    def label_from_instance(self, obj: Municipality) -> str:
        return municipality_name(obj)


class CountyChoiceField(forms.ModelChoiceField[County]):
    """A wellbeing services county by its code; the form gives the counties to choose from
    (``field.queryset = ...``), none until it does."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Wellbeing services county"))
        super().__init__(queryset=County.objects.none(), to_field_name="code", **kwargs)


def _county_codes() -> list[tuple[str, Any]]:
    return [
        ("", _("All counties")),
        *((county.code, str(county.name)) for county in County.objects.order_by("code")),
    ]


class CountyCodeField(forms.ChoiceField):
    """A list filter: a wellbeing services county by its two-digit code, or all of them."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Wellbeing services county"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _(
                    "There is no wellbeing services county with code %(value)s. "
                    "Choose a county from the list."
                )
            },
        )
        super().__init__(choices=_county_codes, **kwargs)


class DateField(forms.DateField):
    """A date with the browser's date picker, and an error that shows how to write one."""

    widget = NativeDateInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "invalid", _("Enter the date as day.month.year, e.g. 1.3.2026.")
        )
        super().__init__(**kwargs)


class SearchField(forms.CharField):
    """Free text to look for, in an `<input type="search">`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)


def text_field(
    label: Any, *, required: bool = False, long: bool = False, **options: Any
) -> forms.CharField:
    """The text of content in one of its languages (``long``: a box of four rows); the
    required one is the Finnish, which must be written at least."""
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 4}) if long else forms.TextInput,
        error_messages={"required": _("Write this in Finnish at least.")},
        **options,
    )


class FilterChoiceField(forms.ChoiceField):
    """A list filter: everything (the empty first option, named ``everything``) or one of
    ``choices`` (a list, or a callable giving one when the form is made); a value not
    offered is refused with ``invalid``, which says what to choose."""

    def __init__(
        self,
        *,
        choices: Any,
        invalid: Any,
        everything: Any = None,
        **kwargs: Any,
    ) -> None:
        everything = _("All") if everything is None else everything
        offered = (
            (lambda: [("", everything), *choices()])
            if callable(choices)
            else [("", everything), *choices]
        )
        kwargs.setdefault("required", False)
        super().__init__(choices=offered, error_messages={"invalid_choice": invalid}, **kwargs)


YES_NO_INVALID = _("Choose yes or no.")


class FilterForm(forms.Form):
    """The filters of a list (its page, export and API), with errors as sentences that
    name the filter. Labels stand without a colon after them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def error_sentences(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {message}" if name in self.fields else str(message)
            for name, messages in self.errors.items()
            for message in messages
        ]
