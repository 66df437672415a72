"""The organiser's record of who came to a meeting."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record

from ..models import Meeting, MeetingStatus, RegistrationStatus


def participants_read(*, actor: Actor, meeting: Meeting, filters: Mapping[str, str]) -> None:
    """Record that the organiser read the participant list (names, contacts and answers,
    diets and accessibility needs among them), with the filters used."""
    audit_record(
        actor=actor,
        action="meetings.participants.read",
        obj=meeting,
        county=meeting.county,
        details={"filters": dict(filters)},
    )


@transaction.atomic
def attendance_mark(*, actor: Actor, meeting: Meeting, marks: Mapping[UUID, bool | None]) -> int:
    """Record for each confirmed registration (by public id) whether the person came (None:
    not known); return how many changed. Only changes are written, each audited; marking
    the same again changes nothing."""
    workflow.lock(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(
            _("Attendance cannot be recorded for a cancelled meeting."), code="cancelled"
        )
    registrations = meeting.registrations.select_for_update().filter(public_id__in=list(marks))
    changed = 0
    for registration in registrations:
        attended = marks[registration.public_id]
        if registration.attended == attended:
            continue
        if registration.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(
                _("Attendance can be recorded only for confirmed registrations."),
                code="not_confirmed",
            )
        registration.attended = attended
        registration.save(update_fields=["attended"])
        audit_record(
            actor=actor,
            action="meetings.registration.attendance",
            obj=registration,
            county=meeting.county,
            details={"attended": attended},
        )
        changed += 1
    return changed
