"""Catalogue work done in the background: the freshness reminders (a periodic job, see
settings.PERIODIC_JOBS)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kumppani.core.actor import Actor

from . import notifications
from .selectors import services_due_for_reminder
from .services import service_mark_reminded


@task()
def freshness_reminders() -> int:
    """Periodic job: remind representatives of services due for confirmation."""
    return send_freshness_reminders()


def send_freshness_reminders(*, now: datetime | None = None) -> int:
    """Queue reminders about services due for confirmation; return the emails queued.

    Each organisation's emails are queued and its services marked reminded in one
    transaction, with the services locked, so a service is reminded once per CONFIRM_EVERY
    even when two runs overlap.
    """
    now = now or timezone.now()
    organisation_ids = list(
        services_due_for_reminder(now)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    actor = Actor.system("send_freshness_reminders")
    return sum(_remind_organisation(pk, now=now, actor=actor) for pk in organisation_ids)


@transaction.atomic
def _remind_organisation(organisation_id: int, *, now: datetime, actor: Actor) -> int:
    services = list(
        services_due_for_reminder(now)
        .filter(organisation_id=organisation_id)
        .select_for_update(of=("self",))
    )
    if not services:
        return 0  # another run got here first
    organisation = services[0].organisation
    recipients = notifications.representatives(organisation)
    if not recipients:
        return 0  # nobody to remind; try again when someone represents it
    for user in recipients:
        notifications.email_freshness_reminder(
            user=user, organisation=organisation, services=services
        )
    service_mark_reminded(services=services, actor=actor)
    return len(recipients)
