"""Who may invite people and manage invitations; deny by default."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kumppani.core.access import first_or_404
from kumppani.core.models import County

from .models import Invitation, InvitationStatus, User
from .roles import coordinated_counties, roles_of

# The rule a view declares when it lets in only coordinators and checks that in its body.
COUNTY_COORDINATOR = "county-coordinator"

INVITATION_REFUSALS = {
    "unknown": _(
        "This invitation link does not work. Check that you copied the whole link from the "
        "email, or ask the coordinator who invited you for a new invitation."
    ),
    InvitationStatus.ACCEPTED: _(
        "This invitation has already been used. Sign in with your email address and password."
    ),
    InvitationStatus.REVOKED: _(
        "This invitation has been withdrawn. Ask the coordinator who invited you if you "
        "still need access."
    ),
    InvitationStatus.EXPIRED: _(
        "This invitation has expired. Ask the coordinator who invited you for a new one."
    ),
}


def counties_user_coordinates(user: User | AnonymousUser) -> QuerySet[County]:
    """Counties in which the user is an NGO coordinator, ordered by code."""
    return coordinated_counties(user)


def can_invite(user: User | AnonymousUser, county: County) -> bool:
    """Only the county's own NGO coordinators invite people into it."""
    return roles_of(user).coordinates_any([county.pk])


def county_for_inviter(user: User | AnonymousUser, code: str) -> County:
    """Return the county with this code if the user may invite into it, or raise."""
    county = first_or_404(County.objects.all(), code=code)
    if not can_invite(user, county):
        raise PermissionDenied
    return county


def invitation_for_coordinator(user: User | AnonymousUser, pk: int) -> Invitation:
    """Return an invitation of a county the user coordinates, or raise 404."""
    return first_or_404(
        Invitation.objects.select_related("county"),
        pk=pk,
        county__in=counties_user_coordinates(user),
    )


def invitation_for_token(token: str, *, for_update: bool = False) -> Invitation:
    """Return the pending invitation the token opens, or raise ValidationError saying why not."""
    invitations = Invitation.objects.select_related("county", "organisation", "municipality")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=Invitation.hash_token(token)).first()
    if invitation is None:
        raise ValidationError(INVITATION_REFUSALS["unknown"], code="unknown")
    status = invitation.status
    if status != InvitationStatus.PENDING:
        raise ValidationError(INVITATION_REFUSALS[status], code=str(status))
    return invitation
