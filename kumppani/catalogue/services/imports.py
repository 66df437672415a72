"""Writes of an import: activities and places keyed by the ids of the file they come from.

The same rules as the edit page (a name, a fee or free of charge, how to join, valid
schedules), plus: an id already used by another organisation's activity, another
organisation's place or another activity's schedule is refused, never taken over. A new
activity is created as a draft; the caller publishes it through `service_publish`, whose
rules then apply. Each write is audited like any other (inside `core.audit.audit_batch`,
counted for the import's one event).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from typing_extensions import Unpack

from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes
from kumppani.core.workflow import lock
from kumppani.organisations.models import Organisation

from ..models import Location, PublicationStatus, Schedule, Service, ServiceLocation
from ..occurrences import occurrences_refresh
from . import workflow
from .service import SERVICE, ServiceFields

Change = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class ImportedPlace:
    """A place the activity is held at, and the id of that link in the file."""

    link_id: str
    location: Location
    description: str = ""


@dataclass(frozen=True)
class ImportedTime:
    """One schedule of the activity: its id in the file and Schedule's field values."""

    public_id: str
    location: Location | None
    values: dict[str, Any]


@transaction.atomic
def location_import(
    *,
    public_id: str,
    organisation: Organisation,
    actor: Actor,
    owner: Organisation | None = None,
    **fields: Any,
) -> tuple[Location, Change]:
    """Create the place (kept by `owner`, else the acting organisation), or change it on
    behalf of the organisation that keeps it (or when nobody does); a place another
    organisation keeps may be used as it is, not changed."""
    location = Location.objects.select_for_update().filter(public_id=public_id).first()
    created = location is None
    if location is None:
        location = Location(public_id=public_id, organisation=owner or organisation)
    changed = apply_changes(location, fields)
    if created or changed:
        if not created and location.organisation_id not in (None, organisation.pk):
            raise ValidationError(
                {"id": _("This place belongs to another organisation; it cannot be changed.")}
            )
        location.full_clean()
        location.save(update_fields=None if created else changed)
        action = "catalogue.location.create" if created else "catalogue.location.update"
        audit_record(actor=actor, action=action, obj=location, details={"changed": changed})
    return location, "created" if created else ("updated" if changed else "unchanged")


@transaction.atomic
def service_import(
    *,
    public_id: str,
    organisation: Organisation,
    actor: Actor,
    verified_at: datetime | None = None,
    places: list[ImportedPlace] | None = None,
    times: list[ImportedTime] | None = None,
    **fields: Unpack[ServiceFields],
) -> tuple[Service, Change]:
    """Create (as a draft) or update the organisation's activity with this id; write only
    what differs. None for places or times leaves those as they are."""
    service = Service.objects.filter(public_id=public_id).first()
    created = service is None
    if service is None:
        service = Service(
            public_id=public_id, organisation=organisation, status=PublicationStatus.DRAFT
        )
    elif service.organisation_id != organisation.pk:
        raise ValidationError({"id": _("This id belongs to an activity of another organisation.")})
    else:
        lock(service)
    values: dict[str, Any] = dict(fields)
    if verified_at is not None:
        values["last_verified_at"] = verified_at
    # An import never records consent; a changed person loses the consent given before.
    values.pop("contact_consent", None)
    changed = workflow.save(SERVICE, service, values, actor=actor)
    if places is not None and _set_places(service, places):
        changed.append("locations")
    if times is not None and _set_times(service, times):
        changed.append("schedules")
        occurrences_refresh([service.pk])
    if created:
        workflow.record(SERVICE, service, action="catalogue.service.create", actor=actor)
    elif changed:
        workflow.record(
            SERVICE,
            service,
            action="catalogue.service.update",
            actor=actor,
            details={"changed": sorted(changed)},
        )
    return service, "created" if created else ("updated" if changed else "unchanged")


def _set_places(service: Service, places: list[ImportedPlace]) -> bool:
    changed = False
    for place in places:
        link = ServiceLocation.objects.filter(public_id=place.link_id).first()
        if link is not None and link.service_id != service.pk:
            raise ValidationError(
                {"service_at_locations": _("This id belongs to another activity's place.")}
            )
        link = link or ServiceLocation(public_id=place.link_id, service=service)
        if link._state.adding or apply_changes(
            link, {"location": place.location, "description": place.description}
        ):
            link.location = place.location
            link.description = place.description
            link.full_clean()
            link.save()
            changed = True
    removed = _remove_others(service.service_locations.all(), [p.link_id for p in places])
    return changed or removed


def _set_times(service: Service, times: list[ImportedTime]) -> bool:
    changed = False
    for item in times:
        schedule = Schedule.objects.filter(public_id=item.public_id).first()
        if schedule is not None and schedule.service_id != service.pk:
            raise ValidationError({"schedules": _("This id belongs to another activity's time.")})
        schedule = schedule or Schedule(public_id=item.public_id, service=service)
        values = {**item.values, "location": item.location}
        if apply_changes(schedule, values) or schedule._state.adding:
            ends_at, starts_at = schedule.ends_at, schedule.starts_at
            if ends_at is not None and starts_at is not None and ends_at <= starts_at:
                raise ValidationError({"schedules": _("The activity must end after it starts.")})
            schedule.full_clean()
            schedule.save()
            changed = True
    removed = _remove_others(service.schedules.all(), [t.public_id for t in times])
    return changed or removed


def _remove_others(rows: QuerySet[Any], kept: list[str]) -> bool:
    """Delete the rows whose ids the file no longer has; whether there were any."""
    stale = rows.exclude(public_id__in=kept)
    if not stale.exists():
        return False
    stale.delete()
    return True
