"""Organisations in the administration site, saved through the registry's services so that
every change is audited. Organisations are marked dissolved, never deleted."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from kumppani.core.actor import Actor

from . import services
from .models import Organisation

# The fields the services set; the admin's other fields are read-only.
_SERVICE_FIELDS = set(services.OrganisationFields.__annotations__)


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ("name", "kind", "business_id", "status", "verified_at")
    list_filter = ("kind", "status", "is_non_profit")
    search_fields = ("name", "business_id", "register_number")
    autocomplete_fields = ("umbrella", "municipalities")
    readonly_fields = ("public_id", "status", "verified_at", "verified_by")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Organisation, form: ModelForm, change: bool
    ) -> None:
        fields = {
            name: form.cleaned_data[name] for name in form.changed_data if name in _SERVICE_FIELDS
        }
        actor = Actor.from_request(request)
        if change:
            current = Organisation.objects.get(pk=obj.pk)
            services.organisation_update(organisation=current, actor=actor, **fields)
        else:
            created = services.organisation_create(actor=actor, **fields)
            obj.pk = created.pk
            obj._state.adding = False

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        """The municipalities were saved by the service with the rest."""
