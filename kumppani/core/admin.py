from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from .models import AuditEvent, County, Municipality


@admin.register(County)
class CountyAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = ("code", "name", "county", "language")
    list_filter = ("county", "language")
    search_fields = ("code", "name")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: audit events are appended by the application and never edited."""

    list_display = ("occurred_at", "actor_label", "action", "object_label", "county", "outcome")
    list_filter = ("outcome", "county")
    search_fields = ("action", "actor_label", "object_label")
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
