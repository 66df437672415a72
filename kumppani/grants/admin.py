"""Grants in the administration site, for staff: a county's goals, programmes, calls and
appeal instructions are saved through the services (audited, as on the coordinator's
pages); applications and what follows them are read-only here, changed only through their
own pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from kumppani.core.actor import Actor
from kumppani.core.admin import ReadOnlyAdminMixin

from .models import (
    AppealInstructions,
    Application,
    Call,
    CallStatus,
    CountyGoal,
    Criterion,
    Decision,
    PartnershipAgreement,
    Payment,
    Programme,
    Question,
    Tranche,
    UsageReport,
)
from .services import county as county_services
from .services import programmes as programme_services


def _changed(form: ModelForm, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in names}


def _saved(obj: Any, made: Any) -> None:
    """Let the admin go on with the object the service saved."""
    obj.pk = made.pk
    obj._state.adding = False


class NoDeleteMixin:
    """Removed nowhere but by the application: history depends on it."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CountyGoal)
class CountyGoalAdmin(NoDeleteMixin, TranslationAdmin):
    list_display = ("title", "county", "kind", "is_active")
    list_filter = ("county", "kind", "is_active")
    search_fields = ("title",)
    fields = ("county", "kind", "title", "is_active")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("county",) if obj else ()

    def save_model(
        self, request: HttpRequest, obj: CountyGoal, form: ModelForm, change: bool
    ) -> None:
        actor = Actor.from_request(request)
        fields = _changed(form, county_services.GOAL_FIELDS)
        if change:
            county_services.goal_update(
                actor=actor, goal=CountyGoal.objects.get(pk=obj.pk), **fields
            )
        else:
            _saved(obj, county_services.goal_create(actor=actor, county=obj.county, **fields))


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CriterionInline(ReadOnlyInline):
    model = Criterion
    fields = ("position", "title", "goal", "weight")


class QuestionInline(ReadOnlyInline):
    model = Question
    fields = ("position", "text", "kind", "is_required")


class CallInline(ReadOnlyInline):
    model = Call
    fields = ("title", "status", "opens_on", "closes_on")
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(NoDeleteMixin, TranslationAdmin):
    """Criteria and questions are changed on the coordinator's programme page."""

    list_display = ("title", "year", "county", "kind", "appropriation")
    list_filter = ("year", "county", "kind")
    search_fields = ("title",)
    readonly_fields = ("public_id",)
    inlines = (CriterionInline, QuestionInline, CallInline)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("public_id", "county") if obj else ("public_id",)

    def save_model(
        self, request: HttpRequest, obj: Programme, form: ModelForm, change: bool
    ) -> None:
        actor = Actor.from_request(request)
        fields = _changed(form, programme_services.PROGRAMME_FIELDS)
        if change:
            programme_services.programme_update(
                actor=actor, programme=Programme.objects.get(pk=obj.pk), **fields
            )
        else:
            _saved(
                obj, programme_services.programme_create(actor=actor, county=obj.county, **fields)
            )

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        """The inlines are read-only: nothing of them is saved (the change message still
        reads what each formset saved)."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(Call)
class CallAdmin(NoDeleteMixin, TranslationAdmin):
    list_display = ("title", "programme", "status", "opens_on", "closes_on", "published_at")
    list_filter = ("status", "programme__county", "programme__year")
    search_fields = ("title", "programme__title")
    list_select_related = ("programme",)
    readonly_fields = ("public_id", "status", "published_at")
    actions = ["publish"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        base = ("public_id", "status", "published_at")
        return (*base, "programme") if obj else base

    def save_model(self, request: HttpRequest, obj: Call, form: ModelForm, change: bool) -> None:
        actor = Actor.from_request(request)
        fields = _changed(form, programme_services.CALL_FIELDS)
        if change:
            programme_services.call_update(actor=actor, call=Call.objects.get(pk=obj.pk), **fields)
        else:
            _saved(
                obj,
                programme_services.call_create(actor=actor, programme=obj.programme, **fields),
            )

    @admin.action(description=_("Publish the chosen calls"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Call]) -> None:
        published = 0
        for call in queryset.filter(status=CallStatus.DRAFT):
            try:
                programme_services.call_publish(actor=Actor.from_request(request), call=call)
            except ValidationError:
                continue  # published meanwhile
            published += 1
        self.message_user(
            request,
            ngettext("%(count)d call was published.", "%(count)d calls were published.", published)
            % {"count": published},
            messages.SUCCESS,
        )


@admin.register(AppealInstructions)
class AppealInstructionsAdmin(NoDeleteMixin, TranslationAdmin):
    list_display = ("county", "updated_at")
    fields = ("county", "text")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("county",) if obj else ()

    def save_model(
        self, request: HttpRequest, obj: AppealInstructions, form: ModelForm, change: bool
    ) -> None:
        made = county_services.appeal_instructions_save(
            actor=Actor.from_request(request),
            county=obj.county,
            **_changed(form, county_services.APPEAL_FIELDS),
        )
        _saved(obj, made)


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Application]):
    list_display = ("public_id", "organisation", "call", "status", "submitted_at")
    list_filter = ("status", "call__programme__county", "call__programme__year")
    search_fields = ("organisation__name", "organisation__business_id", "activity")
    list_select_related = ("organisation", "call")
    date_hierarchy = "created_at"


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Decision]):
    list_display = ("application", "decided_on")
    search_fields = ("application__organisation__name",)
    list_select_related = ("application__organisation",)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Payment]):
    list_display = ("decision", "amount", "status", "due_on")
    list_filter = ("status",)
    search_fields = ("decision__application__organisation__name",)
    list_select_related = ("decision__application__organisation",)


@admin.register(UsageReport)
class UsageReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[UsageReport]):
    list_display = ("decision", "status")
    list_filter = ("status",)
    search_fields = ("decision__application__organisation__name",)
    list_select_related = ("decision__application__organisation",)


class TrancheInline(ReadOnlyInline):
    model = Tranche
    fields = ("year", "amount", "status", "released_at", "released_by")
    readonly_fields = fields


@admin.register(PartnershipAgreement)
class PartnershipAgreementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[PartnershipAgreement]):
    """Made and changed on the coordinator's agreement pages; tranches released there."""

    list_display = ("title", "organisation", "county", "starts_year", "ends_year")
    list_filter = ("county", "starts_year")
    search_fields = ("title", "organisation__name", "organisation__business_id")
    list_select_related = ("organisation", "county")
    inlines = (TrancheInline,)
