"""The volunteer task edit form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kumppani.core.concurrency import VERSION_FIELD, VersionedForm, version_of
from kumppani.core.forms import DateField, MunicipalityChoiceField, add_service_errors
from kumppani.core.languages import content_languages
from kumppani.core.models import Municipality

from ..models import TimeCommitment, VolunteerTask
from ..services import TaskFields
from ..taxonomy_data import ACTIVITY_TYPES
from .common import (
    FriendlyErrorsMixin,
    _translated_fields,
    choose_from,
    stored_values,
    term_choices,
    terms_field,
)
from .contact import ContactPersonForm, contact_initial

# The task's texts, each in every content language.
TEXTS = ("title", "description", "time_commitment", "skills")


class TaskForm(FriendlyErrorsMixin, ContactPersonForm, VersionedForm):
    municipality = MunicipalityChoiceField(
        Municipality.objects.filter(county__isnull=False),
        label=_("Municipality"),
        required=False,
    )
    is_remote = forms.BooleanField(label=_("Can be done remotely"), required=False)
    frequency = forms.ChoiceField(
        label=_("How often"),
        required=False,
        choices=[("", _("Not given")), *TimeCommitment.choices],
        widget=forms.RadioSelect,
    )
    starts_on = DateField(label=_("Starts"), required=False)
    ends_on = DateField(label=_("Ends"), required=False)
    activity_types = terms_field(_("Activity types"))
    field_order = [
        *[f"{f}_{c}" for f in TEXTS[:2] for c in content_languages()],
        "frequency",
        *[f"{f}_{c}" for f in TEXTS[2:] for c in content_languages()],
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated_fields(self, "title", str(_("Title")), max_length=255)
        _translated_fields(self, "description", str(_("Description")), widget=forms.Textarea)
        _translated_fields(
            self, "time_commitment", str(_("Time commitment in your own words")), max_length=255
        )
        _translated_fields(self, "skills", str(_("Skills wanted")), widget=forms.Textarea)
        self.order_fields(self.field_order)
        choose_from(self, "activity_types", term_choices(ACTIVITY_TYPES))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"title_{code}") for code in content_languages()):
            self.add_error("title_fi", _("Give the title of the task in at least one language."))
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The task cannot end before it starts."))
        return data

    def values(self) -> TaskFields:
        """The keyword arguments of `volunteer_task_create` and `volunteer_task_update`."""
        values = dict(self.cleaned_data)
        values.pop(VERSION_FIELD, None)
        values["terms"] = list(values.pop("activity_types"))
        return TaskFields(**values)  # type: ignore[typeddict-item]

    def show_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)

    def edited_version(self) -> str | None:
        """The version of the task the form was filled in from."""
        return self.cleaned_data.get(VERSION_FIELD)

    @classmethod
    def initial_for(cls, task: VolunteerTask) -> dict[str, Any]:
        return {
            VERSION_FIELD: version_of(task),
            **stored_values(
                task,
                texts=TEXTS,
                fields=("municipality", "is_remote", "frequency", "starts_on", "ends_on"),
            ),
            **contact_initial(task),
            "activity_types": [term.pk for term in task.terms.all()],
        }
