"""The form helpers: a service's errors on fields, the error summary, municipality fields."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from kumppani.core.forms import (
    MunicipalityChoiceField,
    MunicipalityMultipleChoiceField,
    add_service_errors,
    error_summary_items,
)
from kumppani.core.languages import sort_key
from kumppani.core.models import Municipality
from kumppani.core.selectors import municipalities_by_county
from kumppani.core.widgets import MunicipalityPicker


class NameForm(forms.Form):
    name = forms.CharField(label="Name", required=False)
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], required=False, widget=forms.RadioSelect
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)


class PlaceForm(forms.Form):
    address = forms.CharField(label="Address", required=False)


# --- add_service_errors -----------------------------------------------------------------


def test_service_errors_go_on_the_fields_they_name_and_the_rest_on_top() -> None:
    form = NameForm({"name": "x"})
    form.is_valid()

    add_service_errors(
        form, ValidationError({"name": "Name taken.", "budget": "Too much.", "__all__": "No."})
    )

    assert form.errors["name"] == ["Name taken."]
    assert form.non_field_errors() == ["Too much.", "No."]


def test_a_service_error_without_fields_goes_on_top() -> None:
    form = NameForm({})
    add_service_errors(form, ValidationError("The entry is already hidden."))
    assert form.non_field_errors() == ["The entry is already hidden."]


def test_service_errors_find_the_form_with_the_field_and_renamed_fields() -> None:
    first, second = NameForm({}), PlaceForm({})

    add_service_errors(
        [first, second],
        ValidationError({"street": "Give the street.", "other": "Something else."}),
        field_names={"street": "address"},
    )

    assert second.errors["address"] == ["Give the street."]
    assert first.non_field_errors() == ["Something else."]
    assert "address" not in first.errors


# --- the error summary --------------------------------------------------------------------


def test_summary_lists_errors_on_top_first_and_links_each_field_error_to_its_input() -> None:
    form = NameForm({"name": "x", "kind": "zzz"})
    form.is_valid()
    form.add_error("name", "Write a longer name.")
    form.add_error("token", "The page is out of date. Open it again.")
    form.add_error(None, "Something is wrong on top.")

    with translation.override("en"):
        items = error_summary_items([form])

    assert [(item.text, item.target) for item in items] == [
        ("Something is wrong on top.", ""),
        ("Name: Write a longer name.", "id_name"),
        # A radio group links to its first button; a hidden input is not linked.
        ("Kind: Select a valid choice. zzz is not one of the available choices.", "id_kind_0"),
        # No label of its own: no name made up from the field's.
        ("The page is out of date. Open it again.", ""),
    ]


def test_summary_of_unbound_or_valid_forms_is_empty() -> None:
    assert error_summary_items([NameForm(), NameForm({"name": "x"}), None]) == []


def test_form_include_renders_summary_field_links_and_aria_on_the_field() -> None:
    form = NameForm({"name": ""})
    form.is_valid()
    form.add_error("name", "Write a name for the activity.")

    html = Template('{% include "includes/form.html" %}').render(Context({"form": form}))

    summary = html.index("data-error-summary")
    assert summary < html.index('name="name"'), "the summary comes first"
    assert 'tabindex="-1"' in html[max(0, summary - 60) : summary + 60]
    assert '<a href="#id_name">Name: Write a name for the activity.</a>' in html
    field = re.search(r"<input [^>]*name=\"name\"[^>]*>", html)
    assert field is not None
    assert 'aria-invalid="true"' in field.group()
    assert 'aria-describedby="id_name_error"' in field.group()
    assert 'id="id_name_error"' in html


def test_several_forms_share_one_summary() -> None:
    first, second = NameForm({}), PlaceForm({})
    first.add_error("name", "Write a name.")
    second.add_error("address", "Give the street.")
    html = Template("{% load form_helpers %}{% error_summary first forms %}").render(
        Context({"first": first, "forms": [second]})
    )
    assert html.count("data-error-summary") == 1
    assert 'href="#id_name"' in html and 'href="#id_address"' in html


def test_a_group_of_radio_buttons_is_a_fieldset_described_by_its_error() -> None:
    form = NameForm({"kind": "zzz"})
    form.is_valid()
    html = Template('{% include "includes/form.html" %}').render(Context({"form": form}))
    assert re.search(r'<fieldset class="field field-group" aria-describedby="id_kind_error">', html)
    assert "<legend>Kind</legend>" in html


# --- municipalities -------------------------------------------------------------------------


@pytest.mark.django_db
def test_groups_are_in_the_readers_language_and_collation_with_aland_last() -> None:
    with translation.override("sv"):
        groups = municipalities_by_county()
    labels = [group.label for group in groups]
    assert labels[-1] == "Åland" and groups[-1].county is None
    assert len(labels) == 23  # 21 counties, Helsinki, Åland
    counties = labels[:-1]
    assert counties == sorted(counties, key=lambda label: sort_key(label, "sv"))
    # Swedish sorts Ö after Z.
    assert counties[-2:] == ["Österbottens välfärdsområde", "Östra Nylands välfärdsområde"]
    ostrobothnia = next(group for group in groups if group.county_code == "17")
    names = [m.name_sv or m.name_fi for m in ostrobothnia.municipalities]
    assert "Korsholm" in names
    assert names == sorted(names, key=lambda name: sort_key(name, "sv"))


@pytest.mark.django_db
def test_groups_in_finnish_use_finnish_names() -> None:
    with translation.override("fi"):
        groups = municipalities_by_county()
    aland = groups[-1]
    assert aland.label == "Ahvenanmaa"
    names = [m.name_fi for group in groups for m in group.municipalities]
    assert "Mustasaari" in names


@pytest.mark.django_db
def test_picker_renders_a_grouped_select_with_other_language_names_to_filter_by() -> None:
    class AreaForm(forms.Form):
        municipalities = MunicipalityMultipleChoiceField(label="Municipalities", required=False)

    with translation.override("fi"):
        html = str(AreaForm(initial={"municipalities": ["743"]})["municipalities"])

    assert html.count("<select") == 1 and "multiple" in html
    assert re.search(r'<optgroup label="[^"]+" data-county="16">', html)
    assert re.search(r'<option value="743" data-names="Seinäjoki[^"]*" selected>Seinäjoki', html)
    assert re.search(r'<option value="499" data-names="Mustasaari Korsholm">Mustasaari<', html)
    assert 'aria-describedby="id_municipalities_hint"' in html
    assert "data-municipality-picker" in html
    assert "data-county-field" not in html


@pytest.mark.django_db
def test_picker_takes_municipalities_as_initial_values_too() -> None:
    class AreaForm(forms.Form):
        municipalities = MunicipalityMultipleChoiceField(required=False)

    seinajoki = Municipality.objects.get(code="743")
    html = str(AreaForm(initial={"municipalities": [seinajoki]})["municipalities"])
    assert re.search(r'<option value="743"[^>]* selected>', html)


def test_picker_names_the_counties_field_it_ticks() -> None:
    assert MunicipalityPicker(county_field="counties").county_field == "counties"


@pytest.mark.django_db
def test_multiple_choice_cleans_codes_to_municipalities_and_refuses_unknown_codes() -> None:
    field = MunicipalityMultipleChoiceField(required=False)
    assert [m.code for m in field.clean(["743", "005", "743"])] == ["005", "743"]
    assert field.clean([]) == []
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            field.clean(["743", "999"])
        assert error.value.messages == [
            "There is no municipality with code 999. Choose municipalities from the list."
        ]


@pytest.mark.django_db
def test_required_multiple_choice_says_what_to_do() -> None:
    field = MunicipalityMultipleChoiceField(
        error_messages={"required": "Choose at least one municipality."}
    )
    with pytest.raises(ValidationError) as error:
        field.clean([])
    assert error.value.messages == ["Choose at least one municipality."]


@pytest.mark.django_db
def test_single_choice_groups_its_municipalities_by_county() -> None:
    field = MunicipalityChoiceField(
        Municipality.objects.filter(county__code__in=["16", "17"]), required=False
    )
    with translation.override("fi"):
        choices = list(field.iterator(field))
    assert choices[0][0] == ""
    groups = [label for label, _options in choices[1:]]
    assert groups == ["Etelä-Pohjanmaan hyvinvointialue", "Pohjanmaan hyvinvointialue"]
    seinajoki = Municipality.objects.get(code="743")
    assert field.clean(str(seinajoki.pk)) == seinajoki
