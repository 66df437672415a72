"""Users and their roles in the administration site, saved through the accounts services:
every change and every role granted or removed is audited. Users are deactivated, never
deleted, and staff send a password reset instead of setting someone's password."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.core.actor import Actor
from kumppani.core.admin import ReadOnlyAdminMixin

from . import services
from .models import CountyRole, Invitation, OrganisationRole, User


class CountyRoleInline(admin.TabularInline[CountyRole, User]):
    model = CountyRole
    extra = 0
    autocomplete_fields = ("municipality",)


class OrganisationRoleInline(admin.TabularInline[OrganisationRole, User]):
    model = OrganisationRole
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "is_staff", "is_active")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email",)}),
        (gettext_lazy("Personal details"), {"fields": ("full_name", "language")}),
        (gettext_lazy("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (gettext_lazy("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = (CountyRoleInline, OrganisationRoleInline)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: the audit trail keeps its people

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        messages.info(
            request,
            _("Staff do not set passwords. Ask the person to reset their password by email."),
        )
        return HttpResponseRedirect(reverse("admin:accounts_user_change", args=[id]))

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        actor = Actor.from_request(request)
        if not change:
            created = services.user_create(
                actor=actor, email=obj.email, password=form.cleaned_data.get("password1")
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        services.user_update(
            user=obj, actor=actor, **{k: v for k, v in fields.items() if k in services.USER_FIELDS}
        )

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        """Grant, change and remove roles through the services, one audit event each."""
        actor = Actor.from_request(request)
        user = form.instance
        # What formset.save() would have recorded, for the admin's change message.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for role_form in formset.forms:
            if not hasattr(role_form, "cleaned_data") or not role_form.cleaned_data:
                continue
            data = role_form.cleaned_data
            existing = role_form.instance if role_form.instance.pk else None
            if data.get("DELETE"):
                if existing is not None:
                    _remove(actor, existing)
                    formset.deleted_objects.append(existing)
                continue
            if existing is not None and not role_form.has_changed():
                continue
            if isinstance(existing, CountyRole):
                # A county role is its county, role and municipality: a changed one is another.
                _remove(actor, CountyRole.objects.get(pk=existing.pk))
            role = _grant(actor, user, data)
            if existing is None:
                formset.new_objects.append(role)
            else:
                formset.changed_objects.append((role, role_form.changed_data))


def _remove(actor: Actor, role: CountyRole | OrganisationRole) -> None:
    if isinstance(role, CountyRole):
        services.county_role_remove(actor=actor, county_role=role)
    else:
        services.organisation_role_remove(actor=actor, organisation_role=role)


def _grant(actor: Actor, user: User, data: dict[str, Any]) -> CountyRole | OrganisationRole:
    if "county" in data:
        return services.county_role_grant(
            actor=actor,
            user=user,
            county=data["county"],
            role=data["role"],
            municipality=data.get("municipality"),
        )
    return services.organisation_role_grant(
        actor=actor,
        user=user,
        organisation=data["organisation"],
        title=data["title"],
        has_signing_right=data.get("has_signing_right", False),
    )


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Invitation]):
    """Coordinators send and withdraw invitations on the site's own pages."""

    list_display = ("email", "county", "county_role", "organisation", "expires_at", "accepted_at")
    list_filter = ("county", "county_role")
    search_fields = ("email",)
    exclude = ("token_hash",)
