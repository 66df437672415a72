"""An organisation's entries follow it: archived when it is marked dissolved, offered for
publishing again when it is active once more."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kumppani.core.actor import Actor
from kumppani.core.models import StatusChange
from kumppani.core.workflow import lock
from kumppani.organisations.models import Organisation

from ..models import PublicationStatus, Service, VolunteerTask
from . import workflow
from .service import SERVICE, service_publish
from .volunteer_task import TASK, volunteer_task_publish

# StatusChange.cause of an entry archived because its organisation was marked dissolved.
ORGANISATION_DISSOLVED = "organisation_dissolved"


def _archive(
    kind: workflow.EntryKind[Any], entries: QuerySet[Any], *, actor: Actor, reason: str
) -> int:
    count = 0
    for entry in entries.filter(status=PublicationStatus.PUBLISHED).order_by("pk"):
        lock(entry)
        workflow.transition(
            kind,
            entry,
            to=PublicationStatus.ARCHIVED,
            allowed_from={PublicationStatus.PUBLISHED},
            refusal=_("The entry is not published."),
            actor=actor,
            action=f"{kind.actions}.archive",
            reason=reason,
            cause=ORGANISATION_DISSOLVED,
        )
        count += 1
    return count


@transaction.atomic
def organisation_entries_archive(
    *, organisation: Organisation, actor: Actor, reason: str
) -> tuple[int, int]:
    """Archive the organisation's published activities and volunteer tasks (it has been
    marked dissolved), with history; return how many of each."""
    services = Service.objects.filter(organisation=organisation)
    tasks = VolunteerTask.objects.filter(organisation=organisation)
    return (
        _archive(SERVICE, services, actor=actor, reason=reason),
        _archive(TASK, tasks, actor=actor, reason=reason),
    )


@dataclass
class Restorable:
    """The entries archived when the organisation was marked dissolved, still archived."""

    services: list[Service] = field(default_factory=list)
    tasks: list[VolunteerTask] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.services or self.tasks)


def _archived_by_dissolution(
    model: type[Service] | type[VolunteerTask], organisation: Organisation
) -> list[Any]:
    archived = {
        entry.pk: entry
        for entry in model.objects.filter(
            organisation=organisation, status=PublicationStatus.ARCHIVED
        )
    }
    if not archived:
        return []
    latest: dict[str, str] = {}
    changes = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in archived],
        field="status",
    ).order_by("changed_at", "id")
    for change in changes:
        latest[change.object_id] = change.cause
    return [
        entry for pk, entry in archived.items() if latest.get(str(pk)) == ORGANISATION_DISSOLVED
    ]


def restorable_entries(organisation: Organisation) -> Restorable:
    """What marking the organisation dissolved took down and nobody has published since."""
    return Restorable(
        services=_archived_by_dissolution(Service, organisation),
        tasks=_archived_by_dissolution(VolunteerTask, organisation),
    )


def organisation_entries_restore(
    *,
    organisation: Organisation,
    actor: Actor,
    services: list[Service],
    tasks: list[VolunteerTask],
) -> list[tuple[Service | VolunteerTask, ValidationError]]:
    """Publish again the chosen entries of a reactivated organisation, each in its own
    transaction; return those the publishing rules refused, with why."""
    if not organisation.is_active:
        raise ValidationError(_("Mark the organisation active before publishing its entries."))
    chosen: list[tuple[Service | VolunteerTask, Callable[..., object]]] = [
        *((service, partial(service_publish, service=service)) for service in services),
        *((task, partial(volunteer_task_publish, task=task)) for task in tasks),
    ]
    refused: list[tuple[Service | VolunteerTask, ValidationError]] = []
    for entry, publish in chosen:
        try:
            publish(actor=actor)
        except ValidationError as error:
            refused.append((entry, error))
    return refused
