"""The administration site: reference data and the audit log are read-only there; each
app's own admin saves through its services, so every change is audited."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .actor import Actor
from .models import AuditEvent, County, Municipality, OutgoingEmail, StatusChange
from .outbox import email_retry_now


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


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin[OutgoingEmail]):
    """Read-only: the outbox is written by the application. The body is not shown: it may
    hold a one-time link (an invitation or a password reset)."""

    list_display = (
        "created_at",
        "recipient",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("status", "language")
    search_fields = ("recipient", "subject", "message_id")
    date_hierarchy = "created_at"
    fields = (
        "recipient",
        "language",
        "subject",
        "related_type",
        "related_id",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "lease_expires_at",
        "sent_at",
        "created_at",
        "message_id",
    )
    readonly_fields = fields
    actions = ["retry_now"]

    @admin.action(description=_("Retry now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        count = email_retry_now(emails=queryset, actor=Actor.from_request(request))
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be sent again.",
                "%(count)d emails will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
