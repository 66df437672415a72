"""Reads about users' roles."""

from django.db.models import QuerySet

from kumppani.core.models import County

from .models import CountyRole, CountyRoleKind, Invitation, OrganisationRole, User


def county_roles_for(user: User) -> QuerySet[CountyRole]:
    return user.county_roles.select_related("county", "municipality").order_by("county__code")


def organisations_represented_by(user: User) -> QuerySet[OrganisationRole]:
    return user.organisation_roles.select_related("organisation").order_by("organisation__name")


def counties_where(user: User, *roles: str) -> QuerySet[County]:
    """Counties in which the user holds one of the roles."""
    if not user.is_authenticated:
        return County.objects.none()
    return County.objects.filter(roles__user=user, roles__role__in=roles).distinct()


def is_coordinator(user: User, county: County) -> bool:
    return (
        user.is_authenticated
        and user.county_roles.filter(county=county, role=CountyRoleKind.COORDINATOR).exists()
    )


def represents(user: User, organisation_id: int) -> bool:
    return (
        user.is_authenticated
        and user.organisation_roles.filter(organisation_id=organisation_id).exists()
    )


def invitations_for_coordinator(
    user: User, *, county: County | None = None, status: str = "", q: str = ""
) -> QuerySet[Invitation]:
    """Invitations of the counties the user coordinates, newest first, filtered."""
    counties = County.objects.filter(roles__user=user, roles__role=CountyRoleKind.COORDINATOR)
    invitations = Invitation.objects.filter(county__in=counties).select_related(
        "county", "organisation", "municipality", "invited_by"
    )
    if county is not None:
        invitations = invitations.filter(county=county)
    if status:
        invitations = invitations.with_status(status)
    if q:
        invitations = invitations.filter(email__icontains=q.strip())
    return invitations.order_by("-created_at", "-id")
