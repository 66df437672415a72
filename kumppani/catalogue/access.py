"""Who may see and change catalogue entries.

Everyone sees published services and volunteer tasks that no coordinator has hidden. The
organisation's representatives see and edit its entries in every state. A coordinator of a
county where an entry is offered (a municipality of the county, or the whole county) may hide
and unhide it, and sees it while it is published, archived or hidden. Staff may do
everything.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kumppani.accounts.models import User
from kumppani.accounts.roles import coordinated_counties as _coordinated_counties
from kumppani.accounts.roles import roles_of
from kumppani.core.models import County
from kumppani.organisations.models import Organisation

from .models import PublicationStatus, Service, VolunteerTask
from .selectors import service_counties, task_counties, with_details

SERVICE_EDITOR = "catalogue-editor"  # the organisation's representatives, staff
SERVICE_VIEWER = "catalogue-viewer"  # public if visible; else editors and moderators
SERVICE_MODERATOR = "catalogue-moderator"  # coordinators of a county where it is offered, staff
REPRESENTATIVE = "representative"  # anyone who represents an organisation, staff
COORDINATOR = "coordinator"  # coordinator of any county, staff

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


def can_moderate_service(user: AnyUser, service: Service) -> bool:
    roles = roles_of(user)
    if roles.is_staff:
        return True
    return roles.is_coordinator and roles.coordinates_any(
        service_counties(service).values_list("pk", flat=True)
    )


def can_moderate_task(user: AnyUser, task: VolunteerTask) -> bool:
    roles = roles_of(user)
    if roles.is_staff:
        return True
    return roles.is_coordinator and roles.coordinates_any(
        task_counties(task).values_list("pk", flat=True)
    )


def _can_view(entry: Service | VolunteerTask, can_edit: bool, can_moderate: bool) -> bool:
    visible = entry.status == PublicationStatus.PUBLISHED and entry.hidden_at is None
    if visible or can_edit:
        return True
    # Moderators need to see what they hid, but not an organisation's unfinished drafts.
    return can_moderate and entry.status != PublicationStatus.DRAFT


def can_view_service(user: AnyUser, service: Service) -> bool:
    return _can_view(
        service,
        can_edit_service(user, service),
        service.status != PublicationStatus.DRAFT and can_moderate_service(user, service),
    )


def can_view_task(user: AnyUser, task: VolunteerTask) -> bool:
    return _can_view(
        task,
        can_edit_service(user, task),
        task.status != PublicationStatus.DRAFT and can_moderate_task(user, task),
    )


def service_for_user(user: AnyUser, public_id: UUID | str, *, for_edit: bool) -> Service:
    """Return the service, or raise Http404 (no such, or not visible to the user) or
    PermissionDenied (visible but not the user's to edit)."""
    try:
        service = with_details(Service.objects.all()).get(public_id=public_id)
    except (Service.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    if not can_view_service(user, service):
        # A draft or hidden entry is as unknown to outsiders as a missing one.
        raise Http404
    if for_edit and not can_edit_service(user, service):
        raise PermissionDenied
    return service


def service_for_moderator(user: AnyUser, public_id: UUID | str) -> Service:
    service = service_for_user(user, public_id, for_edit=False)
    if not can_moderate_service(user, service):
        raise PermissionDenied
    return service


def task_for_user(user: AnyUser, public_id: UUID | str, *, for_edit: bool) -> VolunteerTask:
    try:
        task = (
            VolunteerTask.objects.select_related("organisation", "municipality")
            .prefetch_related("terms")
            .get(public_id=public_id)
        )
    except (VolunteerTask.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    if not can_view_task(user, task):
        raise Http404
    if for_edit and not can_edit_service(user, task):
        raise PermissionDenied
    return task


def task_for_moderator(user: AnyUser, public_id: UUID | str) -> VolunteerTask:
    task = task_for_user(user, public_id, for_edit=False)
    if not can_moderate_task(user, task):
        raise PermissionDenied
    return task


def require_representative(user: AnyUser) -> None:
    """Raise PermissionDenied unless the user represents an organisation (or is staff)."""
    if not is_representative(user):
        raise PermissionDenied
