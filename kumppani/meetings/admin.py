"""Meetings in the administration site, for staff: read-only. Series, meetings and
registrations change only through their services (audited, with the waiting list kept)."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from kumppani.core.admin import ReadOnlyAdminMixin

from .models import Meeting, Registration, Requirement, Series


@admin.register(Series)
class SeriesAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ("title", "county", "organiser_municipality", "kind", "is_active")
    list_filter = ("county", "kind", "is_active")
    search_fields = ("title",)
    list_select_related = ("county", "organiser_municipality")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ("title", "county", "series", "starts_at", "status", "capacity")
    list_filter = ("status", "county", "mode")
    search_fields = ("title",)
    list_select_related = ("county", "series")
    date_hierarchy = "starts_at"


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Registration]):
    list_display = ("meeting", "name", "status", "queue_position", "created_at")
    list_filter = ("status",)
    search_fields = ("meeting__title", "name", "email")
    list_select_related = ("meeting",)


@admin.register(Requirement)
class RequirementAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ("name", "county", "year", "series_kind", "scope", "minimum", "maximum")
    list_filter = ("county", "year", "scope")
    list_select_related = ("county",)
