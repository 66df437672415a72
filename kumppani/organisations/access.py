"""Who may see and change organisations.

Everyone, signed in or not, sees the public fields of every organisation (active and
dissolved). A representative edits their own organisation; a coordinator edits and verifies
organisations that operate in their county; staff may do everything. Representatives' names
and emails are personal data, shown only to the organisation's own representatives, the
coordinators of a county it operates in, and staff.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kumppani.accounts.models import User
from kumppani.accounts.roles import coordinated_counties, roles_of
from kumppani.core.models import County

from .models import Organisation

ORGANISATION_EDITOR = "organisation-editor"  # representative, coordinator of its county, staff
ORGANISATION_VERIFIER = "organisation-verifier"  # coordinator of its county, staff
ORGANISATION_SIGNATORY = "organisation-signatory"  # signing right, coordinator, staff
CHANGE_DECIDER = "change-decider"  # coordinators of the counties concerned, umbrella reps
COORDINATOR = "coordinator"  # coordinator of any county, staff

AnyUser = User | AnonymousUser


def coordinator_counties(user: AnyUser) -> list[County]:
    """Counties in which the user is an NGO coordinator, by code."""
    return list(coordinated_counties(user))


def is_any_coordinator(user: AnyUser) -> bool:
    roles = roles_of(user)
    return roles.is_staff or roles.is_coordinator


def coordinates(user: AnyUser | None, organisation: Organisation) -> bool:
    """Whether the user coordinates a county in which the organisation operates."""
    roles = roles_of(user)
    return roles.is_coordinator and roles.coordinates_any(organisation_county_ids(organisation))


def organisation_county_ids(organisation: Organisation) -> set[int]:
    """The counties of the organisation's municipalities (prefetched ones are used as is)."""
    return {m.county_id for m in organisation.municipalities.all() if m.county_id is not None}


def can_edit(user: AnyUser, organisation: Organisation) -> bool:
    roles = roles_of(user)
    return roles.is_staff or roles.represents(organisation.pk) or coordinates(user, organisation)


def can_change_status(user: AnyUser, organisation: Organisation) -> bool:
    """Marking an organisation dissolved (or active again) takes someone who may sign for it,
    or a coordinator of its county, or staff."""
    roles = roles_of(user)
    return roles.is_staff or roles.signs_for(organisation.pk) or coordinates(user, organisation)


def can_verify(user: AnyUser | None, organisation: Organisation) -> bool:
    return roles_of(user).is_staff or coordinates(user, organisation)


def can_see_representatives(user: AnyUser, organisation: Organisation) -> bool:
    return can_edit(user, organisation)


def can_create(user: AnyUser) -> bool:
    return is_any_coordinator(user)


def can_export(user: AnyUser) -> bool:
    return is_any_coordinator(user)


def organisation_for_user(user: AnyUser, public_id: UUID | str, *, for_edit: bool) -> Organisation:
    """Return the organisation, or raise Http404 (no such) or PermissionDenied (not yours)."""
    try:
        organisation = (
            Organisation.objects.select_related("umbrella")
            .prefetch_related("municipalities__county")
            .get(public_id=public_id)
        )
    except (Organisation.DoesNotExist, ValueError, ValidationError):
        # A malformed UUID is as unknown as a missing one.
        raise Http404 from None
    if for_edit and not can_edit(user, organisation):
        raise PermissionDenied
    return organisation


def organisation_for_signatory(user: AnyUser, public_id: UUID | str) -> Organisation:
    """The organisation, if the user may mark it dissolved or active again; else raise."""
    organisation = organisation_for_user(user, public_id, for_edit=False)
    if not can_change_status(user, organisation):
        raise PermissionDenied
    return organisation


def organisation_for_verifier(user: AnyUser, public_id: UUID | str) -> Organisation:
    organisation = organisation_for_user(user, public_id, for_edit=False)
    if not can_verify(user, organisation):
        raise PermissionDenied
    return organisation
