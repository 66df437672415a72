from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Location, Service, Taxonomy, TaxonomyTerm, VolunteerTask


@admin.register(Taxonomy)
class TaxonomyAdmin(TranslationAdmin):
    list_display = ("code", "name", "uri")


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(TranslationAdmin):
    list_display = ("code", "name", "taxonomy", "parent")
    list_filter = ("taxonomy",)
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    raw_id_fields = ("parent",)


@admin.register(Service)
class ServiceAdmin(TranslationAdmin):
    """Read-mostly: changes go through the catalogue pages so they are audited."""

    list_display = ("name", "organisation", "status", "hidden_at", "last_verified_at")
    list_filter = ("status",)
    search_fields = ("name_fi", "name_sv", "name_en", "organisation__name")
    raw_id_fields = ("organisation", "hidden_by")
    filter_horizontal = ("municipalities", "counties")
    autocomplete_fields = ("terms",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(VolunteerTask)
class VolunteerTaskAdmin(TranslationAdmin):
    list_display = ("title", "organisation", "status", "hidden_at")
    list_filter = ("status",)
    search_fields = ("title_fi", "title_sv", "title_en", "organisation__name")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ("name", "address", "city", "municipality")
    search_fields = ("name_fi", "address", "city")
