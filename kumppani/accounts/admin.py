from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

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
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("full_name", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = (CountyRoleInline, OrganisationRoleInline)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ("email", "county", "county_role", "organisation", "expires_at", "accepted_at")
    list_filter = ("county", "county_role")
    search_fields = ("email",)
    readonly_fields = ("token_hash",)
