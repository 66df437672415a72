"""The catalogue in the administration site. Activities, volunteer tasks and places are
changed on the catalogue's own pages (audited); staff only look at them here. Taxonomy terms
are saved through the taxonomy services."""

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from kumppani.core.actor import Actor
from kumppani.core.admin import ReadOnlyAdminMixin

from .models import Location, Service, Taxonomy, TaxonomyTerm, VolunteerTask
from .services.taxonomy import TERM_FIELDS, taxonomy_term_create, taxonomy_term_update


@admin.register(Taxonomy)
class TaxonomyAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    """Loaded by migrations (PTV code lists and our own vocabularies)."""

    list_display = ("code", "name", "uri")


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(TranslationAdmin):
    list_display = ("code", "name", "taxonomy", "parent")
    list_filter = ("taxonomy",)
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    raw_id_fields = ("parent",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # activities refer to terms

    def save_model(
        self, request: HttpRequest, obj: TaxonomyTerm, form: ModelForm, change: bool
    ) -> None:
        actor = Actor.from_request(request)
        fields = {
            name: form.cleaned_data[name] for name in form.changed_data if name in TERM_FIELDS
        }
        if change:
            taxonomy_term_update(term=TaxonomyTerm.objects.get(pk=obj.pk), actor=actor, **fields)
        else:
            created = taxonomy_term_create(
                actor=actor, taxonomy=form.cleaned_data["taxonomy"], **fields
            )
            obj.pk = created.pk
            obj._state.adding = False


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ("name", "organisation", "status", "hidden_at", "last_verified_at")
    list_filter = ("status",)
    search_fields = ("name_fi", "name_sv", "name_en", "organisation__name")


@admin.register(VolunteerTask)
class VolunteerTaskAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ("title", "organisation", "status", "hidden_at")
    list_filter = ("status",)
    search_fields = ("title_fi", "title_sv", "title_en", "organisation__name")


@admin.register(Location)
class LocationAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ("name", "address", "city", "municipality")
    search_fields = ("name_fi", "address", "city")
