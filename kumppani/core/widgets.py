"""Form widgets shared by every app."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import municipalities_by_county, municipality_name, other_names


class NativeDateInput(forms.DateInput):
    """`<input type="date">`: the browser's date picker needs ISO dates whatever the locale."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class NativeTimeInput(forms.TimeInput):
    """`<input type="time">` with the 24-hour HH:MM value browsers expect."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class MunicipalityPicker(forms.SelectMultiple):
    """Municipalities grouped by county: a plain `<select multiple>` with an `<optgroup>` per
    county (names in the reader's language, Åland last), which works without JavaScript.

    `core/municipality-picker.js` turns it into a list of checkboxes grouped by county that
    typing filters, where a whole county is chosen with one checkbox. The select stays in the
    form and holds the choice, so the form receives the same municipality codes either way.

    ``county_field`` names the form's field of whole counties (checkboxes whose values are
    county codes): where there is one, choosing a whole county in the enhanced list ticks the
    county there, as a person without JavaScript would, instead of each municipality.
    """

    template_name = "core/widgets/municipality_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, county_field: str = "") -> None:
        super().__init__(attrs)
        self.county_field = county_field

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # The groups come from the reference data, not from the field's choices.
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        chosen = {str(code) for code in widget["value"]}
        hint_id = f"{widget['attrs'].get('id') or name}_hint"
        described_by = widget["attrs"].get("aria-describedby", "")
        widget["attrs"]["aria-describedby"] = f"{described_by} {hint_id}".strip()
        widget["hint_id"] = hint_id
        widget["county_field"] = self.county_field
        widget["groups"] = [
            {
                "label": group.label,
                "county": group.county_code,
                "options": [
                    {
                        "value": municipality.code,
                        "label": municipality_name(municipality),
                        "names": " ".join(other_names(municipality)),
                        "selected": municipality.code in chosen,
                    }
                    for municipality in group.municipalities
                ],
            }
            for group in municipalities_by_county()
        ]
        widget["texts"] = {
            "no_script_hint": _(
                "On a computer, hold down Ctrl (Cmd on a Mac) to choose more than one."
            ),
            "filter_hint": _(
                "Type part of a name to narrow the list. Each county's first checkbox "
                "chooses all of it."
            ),
            "status": _("Municipalities shown: {shown}. Chosen: {chosen}."),
            "status_with_counties": _(
                "Municipalities shown: {shown}. Chosen: {chosen}. Whole counties: {counties}."
            ),
            "all_of_county": _("All municipalities of {county}"),
            "whole_county": _("The whole county: {county}"),
            "no_match": _("No municipality or county matches “{query}”."),
        }
        return context
