"""With the mail relay down, pages answer as usual and the emails wait in the outbox; once
the relay answers, the periodic job delivers each of them exactly once.

The relay is real: a closed loopback port first, then an SMTP server on loopback. Tasks run
at once (the immediate backend). "Later" is made by moving the outbox's due times back.
"""

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.models import OutgoingEmail, OutgoingEmailStatus, PeriodicJobRun
from kumppani.core.outbox import email_send, outbox_retry_due
from kumppani.organisations.models import Organisation
from kumppani.testing.invitations import post_invitation
from kumppani.testing.smtp import free_port, smtp_relay
from kumppani.testing.urls import reverse_en

from .factories import ServiceFactory

SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_USE_TLS": False,
}


@pytest.fixture
def smtp_down() -> Iterator[None]:
    with override_settings(**SMTP, EMAIL_PORT=free_port()):
        yield


def a_while_later() -> None:
    """Move every outbox due time into the past, as if the retry delays had passed."""
    past = timezone.now() - timedelta(seconds=1)
    OutgoingEmail.objects.exclude(next_attempt_at=None).update(next_attempt_at=past)


def test_pages_answer_while_smtp_is_down_and_the_periodic_job_delivers_each_email_once(
    client: Client,
    alice: User,
    bob: User,
    dave: User,
    org_x: Organisation,
    smtp_down: None,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    service = ServiceFactory.create(organisation=org_x)

    # Given the relay is down, a password reset, an invitation and a hide answer as usual
    with django_capture_on_commit_callbacks(execute=True):
        reset = client.post(reverse_en("accounts:password_reset"), {"email": dave.email})
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        invite = post_invitation(
            client, org_x, email="sihteeri@example.fi", language="fi", title="secretary"
        )
    with django_capture_on_commit_callbacks(execute=True):
        hide = client.post(
            reverse_en("catalogue:service_hide", args=[service.public_id]),
            {"reason": "Puhelinnumero on väärä."},
        )
    assert reset.status_code == invite.status_code == hide.status_code == 302
    assert reset["Location"] == reverse_en("accounts:password_reset_done")

    # and the three emails wait in the outbox, each tried once
    waiting = OutgoingEmail.objects.order_by("id")
    assert [(e.recipient, e.status, e.attempts) for e in waiting] == [
        (dave.email, OutgoingEmailStatus.PENDING, 1),
        ("sihteeri@example.fi", OutgoingEmailStatus.PENDING, 1),
        (bob.email, OutgoingEmailStatus.PENDING, 1),
    ]
    assert all("ConnectionRefusedError" in e.last_error for e in waiting)

    # When the relay answers again and the periodic jobs run a while later
    with smtp_relay() as relay, override_settings(EMAIL_PORT=relay.port):
        a_while_later()
        call_command("run_periodic_jobs")
        # and every way of sending again is tried once more
        a_while_later()
        call_command("run_periodic_jobs")
        outbox_retry_due(now=timezone.now() + timedelta(days=1))
        for email in waiting:
            email_send(email_id=email.pk)

    # Then each email was delivered exactly once
    assert sorted(relay.message_ids()) == sorted(e.message_id for e in waiting)
    assert sorted(str(m["To"]) for m in relay.messages) == sorted(
        [dave.email, "sihteeri@example.fi", bob.email]
    )
    assert all(e.status == OutgoingEmailStatus.SENT and e.attempts == 2 for e in waiting.all())
    assert PeriodicJobRun.objects.filter(name="outbox-retry").exists()
