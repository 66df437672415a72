"""Who may see and change catalogue entries.

Everyone sees published services and volunteer tasks that no coordinator has hidden. The
organisation's representatives see and edit its entries in every state. A coordinator of a
county where an entry is offered (a municipality of the county, or the whole county) may hide
and unhide it, and sees it while it is published, archived or hidden. Staff may do
everything.
"""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from kumppani.accounts.models import CountyRoleKind, User
from kumppani.accounts.roles import coordinated_counties as _coordinated_counties
from kumppani.accounts.roles import roles_of
from kumppani.core.languages import translated_ordering
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation

from .models import PublicationStatus, Service, VolunteerTask
from .selectors import service_counties, task_counties, with_details

SERVICE_EDITOR = "catalogue-editor"  # the organisation's representatives, staff
SERVICE_VIEWER = "catalogue-viewer"  # public if visible; else editors and moderators
SERVICE_MODERATOR = "catalogue-moderator"  # coordinators of a county where it is offered, staff
REPRESENTATIVE = "representative"  # anyone who represents an organisation, staff
COORDINATOR = "coordinator"  # coordinator of any county, staff
# The overview of a county: its coordinators (every municipality), its liaison persons (their
# own municipality), staff.
OVERVIEW = "catalogue-overview"

AnyUser = User | AnonymousUser


def is_representative(user: AnyUser) -> bool:
    roles = roles_of(user)
    return roles.is_staff or roles.is_representative


def is_coordinator(user: AnyUser) -> bool:
    roles = roles_of(user)
    return roles.is_staff or roles.is_coordinator


def coordinated_counties(user: AnyUser) -> list[County]:
    """Counties whose stale list the user may read: coordinated ones, all for staff."""
    if roles_of(user).is_staff:
        return list(County.objects.all())
    return list(_coordinated_counties(user))


def can_edit_service(user: AnyUser, service: Service | VolunteerTask) -> bool:
    roles = roles_of(user)
    return roles.is_staff or roles.represents(service.organisation_id)


def can_manage_entries_of(user: AnyUser, organisation: Organisation) -> bool:
    """The organisation's representatives (and staff) manage its activities and tasks."""
    roles = roles_of(user)
    return roles.is_staff or roles.represents(organisation.pk)


Entry = TypeVar("Entry", Service, VolunteerTask)


def _counties_of(entry: Service | VolunteerTask) -> QuerySet[County]:
    return service_counties(entry) if isinstance(entry, Service) else task_counties(entry)


def can_moderate(user: AnyUser, entry: Service | VolunteerTask) -> bool:
    """Coordinators of a county where the entry is offered (and staff) may hide it."""
    roles = roles_of(user)
    if roles.is_staff:
        return True
    return roles.is_coordinator and roles.coordinates_any(
        _counties_of(entry).values_list("pk", flat=True)
    )


def can_view(user: AnyUser, entry: Service | VolunteerTask) -> bool:
    if entry.status == PublicationStatus.PUBLISHED and entry.hidden_at is None:
        return True
    if can_edit_service(user, entry):
        return True
    # Moderators need to see what they hid, but not an organisation's unfinished drafts.
    return entry.status != PublicationStatus.DRAFT and can_moderate(user, entry)


def _entry_for_user(
    user: AnyUser, entries: QuerySet[Entry], public_id: UUID | str, *, for_edit: bool
) -> Entry:
    """Return the entry, or raise Http404 (no such, or not visible to the user) or
    PermissionDenied (visible but not the user's to edit)."""
    try:
        entry = entries.get(public_id=public_id)
    except (ObjectDoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    if not can_view(user, entry):
        # A draft or hidden entry is as unknown to outsiders as a missing one.
        raise Http404
    if for_edit and not can_edit_service(user, entry):
        raise PermissionDenied
    return entry


def _moderated(user: AnyUser, entry: Entry) -> Entry:
    if not can_moderate(user, entry):
        raise PermissionDenied
    return entry


def service_for_user(user: AnyUser, public_id: UUID | str, *, for_edit: bool) -> Service:
    return _entry_for_user(user, with_details(Service.objects.all()), public_id, for_edit=for_edit)


def task_for_user(user: AnyUser, public_id: UUID | str, *, for_edit: bool) -> VolunteerTask:
    tasks = VolunteerTask.objects.select_related("organisation", "municipality").prefetch_related(
        "terms"
    )
    return _entry_for_user(user, tasks, public_id, for_edit=for_edit)


def service_for_moderator(user: AnyUser, public_id: UUID | str) -> Service:
    return _moderated(user, service_for_user(user, public_id, for_edit=False))


def task_for_moderator(user: AnyUser, public_id: UUID | str) -> VolunteerTask:
    return _moderated(user, task_for_user(user, public_id, for_edit=False))


def require_representative(user: AnyUser) -> None:
    """Raise PermissionDenied unless the user represents an organisation (or is staff)."""
    if not is_representative(user):
        raise PermissionDenied


def overview_counties(user: AnyUser) -> list[County]:
    """Counties whose overview the user may open: coordinated ones and those where the
    user is a liaison person (every county for staff), by code."""
    roles = roles_of(user)
    counties = County.objects.order_by("code")
    if roles.is_staff:
        return list(counties)
    ids = roles.county_ids(CountyRoleKind.COORDINATOR, CountyRoleKind.LIAISON)
    return list(counties.filter(pk__in=ids))


def overview_municipalities(user: AnyUser, county: County) -> list[Municipality]:
    """The municipalities of the county the user's overview shows: all of them to its
    coordinators and staff, a liaison person's own; PermissionDenied to others."""
    roles = roles_of(user)
    municipalities = Municipality.objects.filter(county=county).order_by(
        translated_ordering("name"), "code"
    )
    if not (roles.is_staff or roles.coordinates_any([county.pk])):
        if county.pk not in roles.county_ids(CountyRoleKind.LIAISON):
            raise PermissionDenied
        municipalities = municipalities.filter(pk__in=roles.liaison_municipality_ids)
    return list(municipalities)
