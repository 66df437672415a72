"""Seats, the waiting list, confirmation by email and cancellation with promotion."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import cast

import pytest
from django.core.exceptions import ValidationError
from django.core.signing import TimestampSigner
from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.core.models import OutgoingEmail
from kumppani.meetings.models import Meeting, Registration, RegistrationStatus
from kumppani.meetings.services.meetings import meeting_cancel, meeting_update
from kumppani.meetings.services.registrations import (
    cancel,
    register,
    registration_confirm,
    registration_token,
)
from kumppani.testing.factories import UserFactory, representative

from .conftest import SYSTEM, link, make_meeting

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING


def _user_registers(meeting: Meeting, number: int, language: str = "fi") -> Registration:
    user = cast(User, UserFactory(email=f"osallistuja{number}@example.fi", language=language))
    return register(
        meeting, actor=Actor(user=user), user=user, name=f"Osallistuja {number}", email=user.email
    )


def test_registrations_past_the_seats_wait_in_arrival_order(meeting) -> None:
    made = [_user_registers(meeting, n) for n in range(4)]
    assert [r.status for r in made] == [CONFIRMED, CONFIRMED, WAITING, WAITING]
    assert [r.queue_position for r in made] == [None, None, 1, 2]


def test_registering_twice_returns_the_first_registration(meeting, dave) -> None:
    first = register(meeting, actor=Actor(user=dave), user=dave, name="Dave", email=dave.email)
    again = register(
        meeting, actor=Actor(user=dave), user=dave, name="Dave", email=" DAVE@example.fi "
    )
    assert again.pk == first.pk
    assert meeting.registrations.count() == 1
    assert OutgoingEmail.objects.filter(recipient=dave.email).count() == 1


def test_cancelling_a_seat_promotes_the_first_waiting_and_tells_them_in_their_language(
    meeting,
) -> None:
    seated, _other = _user_registers(meeting, 0), _user_registers(meeting, 1)
    first_waiting = _user_registers(meeting, 2, language="sv")
    second_waiting = _user_registers(meeting, 3)

    cancel(seated, actor=SYSTEM)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == CONFIRMED
    assert second_waiting.status == WAITING
    email = OutgoingEmail.objects.filter(recipient=first_waiting.email).latest("id")
    assert email.language == "sv"
    assert "Organisationsforum" in email.subject
    assert "Seinäjoen kaupungintalo" in email.body


def test_cancelling_a_waiting_registration_promotes_no_one(meeting) -> None:
    _user_registers(meeting, 0), _user_registers(meeting, 1)
    waiting, last = _user_registers(meeting, 2), _user_registers(meeting, 3)
    cancel(waiting, actor=SYSTEM)
    last.refresh_from_db()
    assert last.status == WAITING
    assert cancel(waiting, actor=SYSTEM).status == RegistrationStatus.CANCELLED


def test_seats_added_go_to_those_waiting(meeting) -> None:
    made = [_user_registers(meeting, n) for n in range(4)]
    meeting_update(actor=SYSTEM, meeting=meeting, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in made]
    assert statuses == [CONFIRMED, CONFIRMED, CONFIRMED, WAITING]


def test_anonymous_registration_takes_a_seat_only_once_confirmed(meeting) -> None:
    pending = register(
        meeting,
        actor=SYSTEM,
        name="Maija Meikäläinen",
        email="maija@example.fi",
        confirmation_link=link,
    )
    assert pending.status == RegistrationStatus.PENDING_CONFIRMATION
    email = OutgoingEmail.objects.get(recipient="maija@example.fi")
    token = re.search(r"/confirm/([^/]+)/", email.body).group(1)  # type: ignore[union-attr]
    _user_registers(meeting, 0)
    _user_registers(meeting, 1)  # both seats go to those confirmed meanwhile

    confirmed = registration_confirm(token=token, actor=SYSTEM)

    assert confirmed.pk == pending.pk
    assert confirmed.status == WAITING
    assert confirmed.queue_position == 1
    assert confirmed.email_confirmed_at is not None
    assert registration_confirm(token=token, actor=SYSTEM).status == WAITING


def test_forged_or_other_purpose_token_is_refused(meeting) -> None:
    registration = _user_registers(meeting, 0)
    forged = TimestampSigner(salt="other").sign(str(registration.public_id))
    for token in (forged, registration_token(registration, purpose="cancel")):
        with pytest.raises(ValidationError) as error:
            registration_confirm(token=token, actor=SYSTEM)
        assert error.value.code == "bad_token"


def test_registration_after_closing_or_to_a_cancelled_meeting_is_refused(dave) -> None:
    closed = make_meeting(enrolment_closes_at=timezone.now() - timedelta(minutes=1))
    cancelled = make_meeting()
    meeting_cancel(actor=SYSTEM, meeting=cancelled)
    for meeting in (closed, cancelled):
        with pytest.raises(ValidationError, match="Ilmoittautuminen"):
            register(meeting, actor=Actor(user=dave), user=dave, name="D", email=dave.email)


def test_registering_for_an_organisation_needs_representing_it(meeting, dave, org_x) -> None:
    with pytest.raises(ValidationError):
        register(
            meeting, actor=Actor(user=dave), user=dave, organisation=org_x, name="D", email="d@x.fi"
        )
    representative(dave, org_x)
    dave = User.objects.get(pk=dave.pk)  # roles are read once per user object
    made = register(
        meeting, actor=Actor(user=dave), user=dave, organisation=org_x, name="D", email="d@x.fi"
    )
    assert made.organisation == org_x


def test_answers_keep_only_the_meetings_questions(db) -> None:
    meeting = make_meeting(
        questions=[{"key": "diet", "text_fi": "Ruokavalio?", "text_sv": "Kost?", "kind": "text"}]
    )
    user = cast(User, UserFactory())
    made = register(
        meeting,
        actor=Actor(user=user),
        user=user,
        name="U",
        email=user.email,
        answers={"diet": " gluteeniton ", "other": "x"},
    )
    assert made.answers == {"diet": "gluteeniton"}
