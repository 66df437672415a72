"""The periodic jobs of meetings, on a frozen clock (``now`` given): the reminder two days
before a meeting to each confirmed registrant, once; and the anonymisation of anonymous
registrations after the retention period, counts kept."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from django.test import override_settings
from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, OutgoingEmail
from kumppani.meetings.models import RegistrationStatus
from kumppani.meetings.services.meetings import meeting_cancel
from kumppani.meetings.services.registrations import (
    register,
    registration_confirm,
    registration_token,
)
from kumppani.meetings.tasks import anonymise_registrations, send_registration_reminders
from kumppani.testing.factories import UserFactory

from .conftest import SYSTEM, link, make_meeting

pytestmark = pytest.mark.django_db


def _anonymous(meeting, number: int, *, language: str = "fi"):
    registration = register(
        meeting,
        actor=SYSTEM,
        name=f"Vieras {number}",
        email=f"vieras{number}@example.fi",
        answers={"diet": "Gluteeniton"},
        language=language,
        confirmation_link=link,
    )
    return registration_confirm(token=registration_token(registration), actor=SYSTEM)


def reminders() -> list[OutgoingEmail]:
    return list(
        OutgoingEmail.objects.filter(subject__startswith=("Muistutus")).order_by("id")
    ) + list(OutgoingEmail.objects.filter(subject__startswith="Påminnelse").order_by("id"))


def test_confirmed_registrants_are_reminded_two_days_before_once_in_their_language() -> None:
    meeting = make_meeting(
        capacity=2, questions=[{"key": "diet", "text_fi": "Ruokavalio", "kind": "text"}]
    )
    fi = _anonymous(meeting, 1)
    sv = _anonymous(meeting, 2, language="sv")
    waiting = _anonymous(meeting, 3)
    assert waiting.status == RegistrationStatus.WAITING
    starts = meeting.starts_at

    assert send_registration_reminders(now=starts - timedelta(days=3)) == 0
    assert send_registration_reminders(now=starts - timedelta(days=2)) == 2
    assert send_registration_reminders(now=starts - timedelta(days=1)) == 0
    assert send_registration_reminders(now=starts + timedelta(hours=1)) == 0
    sent = reminders()
    assert [email.recipient for email in sent] == [fi.email, sv.email]
    assert sent[0].subject.startswith("Muistutus")
    assert sent[1].subject.startswith("Påminnelse")


def test_a_cancelled_meeting_is_not_reminded() -> None:
    meeting = make_meeting()
    _anonymous(meeting, 1)
    meeting_cancel(actor=SYSTEM, meeting=meeting)
    assert send_registration_reminders(now=meeting.starts_at - timedelta(days=1)) == 0


@override_settings(MEETINGS_REGISTRATION_RETENTION=30)
def test_anonymous_registrations_are_anonymised_after_retention_and_counts_stay() -> None:
    meeting = make_meeting(
        capacity=5, questions=[{"key": "diet", "text_fi": "Ruokavalio", "kind": "text"}]
    )
    user = cast(User, UserFactory(email="kirjautunut@example.fi"))
    own = register(meeting, actor=Actor(user=user), user=user, name="Kirjautunut", email=user.email)
    anonymous = [_anonymous(meeting, number) for number in (1, 2)]
    ends = meeting.ends_at

    assert anonymise_registrations(now=ends + timedelta(days=29)) == 0
    assert anonymise_registrations(now=ends + timedelta(days=31)) == 2
    assert anonymise_registrations(now=ends + timedelta(days=60)) == 0

    for registration in anonymous:
        registration.refresh_from_db()
        assert (registration.name, registration.email, registration.answers) == ("", "", {})
        assert registration.anonymised_at == ends + timedelta(days=31)
        assert registration.status == RegistrationStatus.CONFIRMED
    own.refresh_from_db()
    assert own.name == "Kirjautunut" and own.anonymised_at is None
    assert meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    event = AuditEvent.objects.get(action="meetings.registration.anonymise")
    assert event.details == {"registrations": 2}


def test_the_retention_is_a_year_by_default(settings) -> None:
    assert settings.MEETINGS_REGISTRATION_RETENTION == 365
    meeting = make_meeting()
    _anonymous(meeting, 1)
    assert anonymise_registrations(now=timezone.now() + timedelta(days=300)) == 0
    assert anonymise_registrations(now=timezone.now() + timedelta(days=400)) == 1
