"""The administration site: reference data and the audit log are read-only there; each
app's own admin saves through its services, so every change is audited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from .models import AuditEvent, County, Municipality, StatusChange


class ReadOnlyAdminMixin:
    """Nothing to add, change or delete here: the model is changed by the application (its
    pages and services) or by migrations, never by hand."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(County)
class CountyAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    """Loaded from Statistics Finland's classification by a migration."""

    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    """Loaded from Statistics Finland's classification by a migration."""

    list_display = ("code", "name", "county", "language")
    list_filter = ("county", "language")
    search_fields = ("code", "name")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[AuditEvent]):
    """Audit events are appended by the application and never edited."""

    list_display = ("occurred_at", "actor_label", "action", "object_label", "county", "outcome")
    list_filter = ("outcome", "county")
    search_fields = ("action", "actor_label", "object_label")
    date_hierarchy = "occurred_at"


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[StatusChange]):
    list_display = ("changed_at", "content_type", "object_id", "from_state", "to_state")
    list_filter = ("content_type",)
