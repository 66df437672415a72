"""Reads about users' roles and invitations."""

from django.db.models import QuerySet

from kumppani.core.models import County

from .models import CountyRole, Invitation, OrganisationRole, User
from .roles import roles_of


def county_roles_for(user: User) -> QuerySet[CountyRole]:
    return user.county_roles.select_related("county", "municipality").order_by("county__code")


def organisations_represented_by(user: User) -> QuerySet[OrganisationRole]:
    return user.organisation_roles.select_related("organisation").order_by("organisation__name")


def invitations_for_coordinator(
    user: User, *, county: County | None = None, status: str = "", q: str = ""
) -> QuerySet[Invitation]:
    """Invitations of the counties the user coordinates, newest first, filtered."""
    invitations = Invitation.objects.filter(
        county_id__in=roles_of(user).coordinator_county_ids
    ).select_related("county", "organisation", "municipality", "invited_by")
    if county is not None:
        invitations = invitations.filter(county=county)
    if status:
        invitations = invitations.with_status(status)
    if q:
        invitations = invitations.filter(email__icontains=q.strip())
    return invitations.order_by("-created_at", "-id")
