from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ("name", "kind", "business_id", "status", "verified_at")
    list_filter = ("kind", "status", "is_non_profit")
    search_fields = ("name", "business_id", "register_number")
    autocomplete_fields = ("umbrella", "municipalities")
    readonly_fields = ("public_id", "verified_at", "verified_by")
