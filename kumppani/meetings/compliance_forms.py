"""The statutory calendar's filter: a county and a year."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import CountyCodeField, FilterForm
from kumppani.core.models import County


def _county_choices() -> list[tuple[str, str]]:
    return [
        ("", str(_("Choose a county"))),
        *((county.code, str(county.name)) for county in County.objects.order_by("code")),
    ]


class ComplianceForm(FilterForm):
    """Which county's year the compliance page, its export and the API show."""

    county = CountyCodeField(required=True)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2023,
        max_value=2100,
        error_messages={"invalid": _("Write the year as four digits, e.g. 2027.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        county = self.fields["county"]
        assert isinstance(county, forms.ChoiceField)
        county.error_messages["required"] = _("Choose a county.")
        county.choices = _county_choices

    def chosen(self) -> tuple[County, int]:
        """The county and the year (this year when none is given)."""
        data = self.cleaned_data
        county = County.objects.get(code=data["county"])
        return county, data["year"] or timezone.localdate().year
