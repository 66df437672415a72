"""Twenty registrations at once for the last five seats: five seats, fifteen waiting in
arrival order; five cancellations at once promote exactly the first five waiting
(PostgreSQL)."""

from __future__ import annotations

from functools import partial

from kumppani.core.actor import Actor
from kumppani.core.models import OutgoingEmail
from kumppani.meetings.models import Meeting, Registration, RegistrationStatus
from kumppani.meetings.services.registrations import cancel, register
from kumppani.testing.concurrency import PARALLEL_WRITES, in_parallel
from kumppani.testing.factories import UserFactory

from .conftest import make_meeting

pytestmark = PARALLEL_WRITES

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING


def _register(meeting_pk: int, user) -> Registration:
    return register(
        Meeting.objects.get(pk=meeting_pk),
        actor=Actor(user=user),
        user=user,
        name=user.full_name,
        email=user.email,
    )


def test_twenty_parallel_registrations_for_five_seats() -> None:
    meeting = make_meeting(capacity=10)
    for n in range(5):
        _register(meeting.pk, UserFactory(email=f"ennen{n}@example.fi"))
    users = [UserFactory(email=f"rinnakkain{n}@example.fi") for n in range(20)]

    results = in_parallel([partial(_register, meeting.pk, user) for user in users])

    assert not any(isinstance(r, Exception) for r in results), results
    parallel = Registration.objects.filter(email__startswith="rinnakkain").order_by(
        "created_at", "id"
    )
    assert [r.status for r in parallel] == [CONFIRMED] * 5 + [WAITING] * 15
    assert [r.queue_position for r in parallel[5:]] == list(range(1, 16))
    assert meeting.registrations.filter(status=CONFIRMED).count() == 10


def test_five_parallel_cancellations_promote_the_first_five_waiting() -> None:
    meeting = make_meeting(capacity=5)
    made = [_register(meeting.pk, UserFactory(email=f"jono{n}@example.fi")) for n in range(15)]
    seated, waiting = made[:5], made[5:]

    results = in_parallel(
        [partial(cancel, Registration.objects.get(pk=r.pk), actor=Actor(user=None)) for r in seated]
    )

    assert not any(isinstance(r, Exception) for r in results), results
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [CONFIRMED] * 5 + [WAITING] * 5
    assert meeting.registrations.filter(status=CONFIRMED).count() == 5
    promoted_emails = OutgoingEmail.objects.filter(
        recipient__in=[r.email for r in waiting[:5]], subject__contains="vapautui"
    )
    assert promoted_emails.count() == 5
