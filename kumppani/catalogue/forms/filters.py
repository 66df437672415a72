"""Filter forms of the catalogue list pages and the printable list."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import MunicipalityChoiceField
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation

from ..models import PublicationStatus
from .common import choose_from


class ManageFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *PublicationStatus.choices, ("hidden", _("hidden"))],
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "organisation", organisations)


class StaleFilterForm(forms.Form):
    county: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Wellbeing services county"), queryset=County.objects.none(), required=False
    )
    municipality = MunicipalityChoiceField(
        Municipality.objects.none(), label=_("Municipality"), required=False
    )
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)

    def __init__(self, *args: Any, counties: list[County], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self, "county", County.objects.filter(pk__in=[c.pk for c in counties]))
        choose_from(
            self, "municipality", Municipality.objects.filter(county__in=[c.pk for c in counties])
        )


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    municipality = MunicipalityChoiceField(
        Municipality.objects.filter(county__isnull=False),
        label=_("Municipality"),
        required=False,
        empty_label=_("All municipalities"),
    )
    remote = forms.BooleanField(label=_("Only remote tasks"), required=False)


class PrintForm(forms.Form):
    ids = forms.CharField(required=False)

    def clean_ids(self) -> list[Any]:
        found = []
        for part in (self.cleaned_data.get("ids") or "").split(","):
            try:
                found.append(uuid.UUID(part.strip()))
            except ValueError:
                continue
        return found
