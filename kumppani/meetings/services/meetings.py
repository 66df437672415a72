"""Meetings one by one: a one-off made by hand, any meeting (a series' occurrence too)
changed or cancelled on its own."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.concurrency import apply_changes
from kumppani.core.models import County

from ..models import Meeting, MeetingStatus, Series
from .registrations import seats_fill

MEETING_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "agenda_fi",
    "agenda_sv",
    "agenda_en",
    "mode",
    "place",
    "place_accessibility",
    "online_link",
    "starts_at",
    "ends_at",
    "languages",
    "capacity",
    "enrolment_opens_at",
    "enrolment_closes_at",
    "is_public",
    "questions",
)


@transaction.atomic
def meeting_create(
    *, actor: Actor, county: County, series: Series | None = None, **fields: Any
) -> Meeting:
    """Make a meeting by hand: a one-off (no series), or an extra meeting of a series."""
    workflow.refuse_unknown(fields, MEETING_FIELDS, "meeting")
    meeting = Meeting(county=county, series=series)
    apply_changes(meeting, fields)
    return workflow.create(meeting, actor=actor, action="meetings.meeting.create", county=county)


@transaction.atomic
def meeting_update(
    *, actor: Actor, meeting: Meeting, base_version: str | None = None, **fields: Any
) -> Meeting:
    """Save the meeting: only what changed is written. Seats added give the first ones
    waiting a seat at once (and tell them)."""
    workflow.refuse_unknown(fields, MEETING_FIELDS, "meeting")
    changed = workflow.save_edit(
        meeting,
        fields,
        base_version=base_version,
        actor=actor,
        action="meetings.meeting.update",
        county=meeting.county,
    )
    if "capacity" in changed:
        seats_fill(meeting, actor=actor, cause="meetings.meeting.update")
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting, reason: str = "") -> Meeting:
    """Cancel a scheduled meeting (a series' other meetings go on); cancelling a cancelled
    one changes nothing. Registrations stay as they were, for the record."""
    workflow.lock(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    workflow.transition(
        meeting,
        to=MeetingStatus.CANCELLED,
        allowed_from={MeetingStatus.SCHEDULED},
        refusal=_("A meeting already held cannot be cancelled."),
        actor=actor,
        action="meetings.meeting.cancel",
        county=meeting.county,
        reason=reason,
    )
    return meeting
