"""Registrations for a meeting and its waiting list, safe under concurrency.

Every write here locks the meeting's row first (`workflow.lock`), so seats are counted and
queue positions given by one transaction at a time: the meeting never takes more confirmed
registrations than it has seats, and those waiting get seats in the order they came.
Only confirmed registrations take seats. An anonymous registration waits for its email
address to be confirmed by the link emailed to it (a token signed with `django.core.signing`,
see `registration_token`) before it takes a seat or a place in the queue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.models import User
from kumppani.accounts.roles import roles_of
from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.organisations.models import Organisation

from ..models import LIVE, Meeting, MeetingStatus, Registration, RegistrationStatus
from ..notifications import (
    registration_for_token,
    registration_token,
    tell_registrant,
)

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
PENDING = RegistrationStatus.PENDING_CONFIRMATION
CANCELLED = RegistrationStatus.CANCELLED


def seats_taken(meeting: Meeting) -> int:
    return meeting.registrations.filter(status=CONFIRMED).count()


def _has_free_seat(meeting: Meeting) -> bool:
    return meeting.capacity is None or seats_taken(meeting) < meeting.capacity


def _next_queue_position(meeting: Meeting) -> int:
    last = meeting.registrations.aggregate(last=Max("queue_position"))["last"]
    return (last or 0) + 1


def _check_open(meeting: Meeting) -> None:
    now = timezone.now()
    if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= now:
        raise ValidationError(_("Registration for this meeting has closed."), code="closed")
    if meeting.enrolment_opens_at and now < meeting.enrolment_opens_at:
        raise ValidationError(
            _("Registration for this meeting has not opened yet."), code="not_open"
        )
    if meeting.enrolment_closes_at and now > meeting.enrolment_closes_at:
        raise ValidationError(_("Registration for this meeting has closed."), code="closed")


def _check_answers(meeting: Meeting, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Keep the answers to the meeting's questions (each a text, or a yes or no)."""
    kinds = {q["key"]: q["kind"] for q in meeting.questions}
    kept: dict[str, Any] = {}
    for key, value in answers.items():
        if key not in kinds:
            continue
        if kinds[key] == "yes_no":
            if not isinstance(value, bool):
                raise ValidationError({"answers": _("Answer yes or no.")}, code="answer")
            kept[key] = value
        else:
            kept[key] = str(value).strip()[:2000]
    return kept


def _existing(meeting: Meeting, user: User | None, email: str) -> Registration | None:
    match = Q(email=email) | Q(user=user) if user is not None else Q(email=email)
    return meeting.registrations.filter(LIVE).filter(match).order_by("id").first()


def _place(meeting: Meeting) -> tuple[str, int | None]:
    """Where a registration now placed goes (the meeting locked): a seat, or the end of
    the queue with its position."""
    if _has_free_seat(meeting):
        return CONFIRMED, None
    return WAITING, _next_queue_position(meeting)


@transaction.atomic
def register(
    meeting: Meeting,
    *,
    actor: Actor,
    name: str,
    email: str,
    answers: Mapping[str, Any] | None = None,
    user: User | None = None,
    organisation: Organisation | None = None,
    language: str | None = None,
    confirmation_link: Callable[[str], str] | None = None,
) -> Registration:
    """Register for the meeting: a seat when one is free, else the waiting list.

    A signed-in ``user`` (optionally for an ``organisation`` they represent) is placed at
    once. An anonymous registration waits as pending_confirmation; the email sent to it
    carries ``confirmation_link(token)`` (the page's absolute address for the token), and
    `registration_confirm` places it. Registering again (the same user or email address)
    returns the registration already made.
    """
    workflow.lock(meeting)
    email = email.strip().lower()
    existing = _existing(meeting, user, email)
    if existing is not None:
        return existing
    _check_open(meeting)
    if organisation is not None and not roles_of(user).represents(organisation.pk):
        raise ValidationError(
            _("You can register only for an organisation you represent."), code="not_represented"
        )
    if user is None and confirmation_link is None:
        raise ValueError("An anonymous registration needs a confirmation link.")
    registration = Registration(
        meeting=meeting,
        user=user,
        organisation=organisation,
        name=name.strip(),
        email=email,
        language=language or (user.language if user is not None else "fi"),
        answers=_check_answers(meeting, answers or {}),
    )
    if user is None:
        registration.status = PENDING
    else:
        registration.email_confirmed_at = timezone.now()
        registration.status, registration.queue_position = _place(meeting)
    workflow.create(
        registration,
        actor=actor,
        action="meetings.registration.create",
        county=meeting.county,
        details={"status": registration.status, "queue_position": registration.queue_position},
    )
    if registration.status == PENDING:
        assert confirmation_link is not None  # checked above
        tell_registrant(
            registration,
            "confirm_email",
            {"link": confirmation_link(registration_token(registration))},
        )
    else:
        tell_registrant(registration, "registered", {})
    return registration


@transaction.atomic
def registration_confirm(*, token: str, actor: Actor) -> Registration:
    """Confirm an anonymous registration's email address from its link: it then takes a
    seat, or a place in the queue. Opening the link again changes nothing."""
    registration = registration_for_token(token)
    meeting = workflow.lock(registration.meeting)
    workflow.lock(registration)
    if registration.status != PENDING:
        return registration
    _check_open(meeting)
    to, queue_position = _place(meeting)
    workflow.transition(
        registration,
        to=to,
        allowed_from={PENDING},
        refusal=_("The registration has already been confirmed."),
        actor=actor,
        action="meetings.registration.confirm",
        county=meeting.county,
        values={"email_confirmed_at": timezone.now(), "queue_position": queue_position},
    )
    tell_registrant(registration, "registered", {})
    return registration


@transaction.atomic
def cancel(registration: Registration, *, actor: Actor) -> Registration:
    """Cancel a registration; cancelling a cancelled one changes nothing. A confirmed seat
    freed goes at once, in this transaction, to the first one waiting, who is told."""
    meeting = workflow.lock(registration.meeting)
    workflow.lock(registration)
    if registration.status == CANCELLED:
        return registration
    held_seat = registration.status == CONFIRMED
    workflow.transition(
        registration,
        to=CANCELLED,
        allowed_from={CONFIRMED, WAITING, PENDING},
        refusal=_("The registration has already been cancelled."),
        actor=actor,
        action="meetings.registration.cancel",
        county=meeting.county,
    )
    if held_seat:
        seats_fill(meeting, actor=actor, cause="meetings.registration.cancel")
    return registration


def seats_fill(meeting: Meeting, *, actor: Actor, cause: str) -> list[Registration]:
    """Give the free seats of the (locked) meeting to those waiting, first come first
    served, and tell them; return those promoted. Nothing moves once the meeting is no
    longer scheduled."""
    if meeting.status != MeetingStatus.SCHEDULED:
        return []
    promoted = []
    while _has_free_seat(meeting):
        first = (
            meeting.registrations.select_for_update()
            .filter(status=WAITING)
            .order_by("queue_position", "id")
            .first()
        )
        if first is None:
            break
        first.meeting = meeting
        workflow.transition(
            first,
            to=CONFIRMED,
            allowed_from={WAITING},
            refusal=_("The registration is no longer waiting."),
            actor=actor,
            action="meetings.registration.promote",
            county=meeting.county,
            cause=cause,
            details={"queue_position": first.queue_position},
        )
        tell_registrant(first, "promoted", {})
        promoted.append(first)
    return promoted
