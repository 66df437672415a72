"""Meetings work done in the background (periodic jobs, see settings.PERIODIC_JOBS): the
reminder before a meeting to those with a seat, and the anonymisation of anonymous
registrations once the retention period has passed."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record

from .models import MeetingStatus, Registration, RegistrationStatus
from .notifications import tell_registrant

# How long before the meeting its registrants are reminded.
REMINDER_AHEAD = timedelta(days=2)
SYSTEM = Actor.system("meetings.tasks")


@task()
def registration_reminders() -> int:
    """Periodic job: remind the confirmed registrants of the coming meetings."""
    return send_registration_reminders()


def send_registration_reminders(*, now: datetime | None = None) -> int:
    """Queue the reminder to each confirmed registrant of a scheduled meeting starting within
    `REMINDER_AHEAD`, once (the registration is locked while its reminder is recorded);
    return how many were queued."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        anonymised_at__isnull=True,
        meeting__status=MeetingStatus.SCHEDULED,
        meeting__starts_at__gt=now,
        meeting__starts_at__lte=now + REMINDER_AHEAD,
    )
    sent = 0
    for pk in due.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            registration = (
                due.select_for_update(of=("self",)).select_related("meeting").filter(pk=pk).first()
            )
            if registration is None:  # reminded meanwhile, or no longer confirmed
                continue
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            tell_registrant(registration, "reminder", {})
            sent += 1
    return sent


@task()
def registrations_anonymise() -> int:
    """Periodic job: blank the personal data of old anonymous registrations."""
    return anonymise_registrations()


def anonymise_registrations(*, now: datetime | None = None) -> int:
    """Blank the name, email address and answers of the anonymous registrations (made
    without an account) of meetings that ended more than
    ``settings.MEETINGS_REGISTRATION_RETENTION`` days ago, and mark them anonymised; the
    registrations themselves stay, so the counts do. Return how many were anonymised."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MEETINGS_REGISTRATION_RETENTION)
    with transaction.atomic():
        rows = list(
            Registration.objects.select_for_update(of=("self",))
            .select_related("meeting__county")
            .filter(user__isnull=True, anonymised_at__isnull=True, meeting__ends_at__lt=cutoff)
            .order_by("pk")
        )
        by_meeting: dict[int, list[Registration]] = defaultdict(list)
        for registration in rows:
            by_meeting[registration.meeting_id].append(registration)
        Registration.objects.filter(pk__in=[r.pk for r in rows]).update(
            name="", email="", answers={}, anonymised_at=now
        )
        for registrations in by_meeting.values():
            meeting = registrations[0].meeting
            audit_record(
                actor=SYSTEM,
                action="meetings.registration.anonymise",
                obj=meeting,
                county=meeting.county,
                details={"registrations": len(registrations)},
            )
    return len(rows)
