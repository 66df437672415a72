"""The email outbox: queued in the caller's transaction, sent after commit, retried with
backoff, never sent twice. Tasks run at once here (the immediate backend)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, OutgoingEmail, OutgoingEmailStatus
from kumppani.core.outbox import (
    LEASE,
    MAX_ATTEMPTS,
    MAX_RETRY_DELAY,
    email_queue,
    email_queue_templated,
    email_retry_now,
    email_send,
    outbox_retry_due,
    retry_delay,
)
from kumppani.testing.smtp import free_port

pytestmark = pytest.mark.django_db

SMTP_DOWN = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_USE_TLS": False,
}


def queue_one(**overrides: Any) -> OutgoingEmail:
    fields = {"to": "bob@example.fi", "subject": "Hei", "body": "Tervetuloa", "language": "fi"}
    return email_queue(**{**fields, **overrides})


def test_email_is_sent_after_commit_with_its_message_id_and_the_body_is_then_erased(
    django_capture_on_commit_callbacks: Callable[..., Any], alice: User
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_one(subject="Hei\n  Bob", related=alice)
        assert mail.outbox == []  # nothing leaves before the commit

    [message] = mail.outbox
    assert message.to == ["bob@example.fi"]
    assert message.subject == "Hei Bob"
    assert message.body == "Tervetuloa"
    assert message.extra_headers["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert email.status == OutgoingEmailStatus.SENT
    assert email.attempts == 1 and email.sent_at is not None
    assert email.body == ""
    assert email.related == alice


def test_no_email_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_one()
        raise RuntimeError

    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_templated_email_is_rendered_in_the_recipients_language(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        email_queue_templated(
            to="sven@example.fi",
            language="sv",
            subject_template="accounts/email/password_reset_subject.txt",
            body_template="accounts/email/password_reset.txt",
            context={"email": "sven@example.fi", "uid": "MQ", "token": "abc-def", "site_url": ""},
        )

    [message] = mail.outbox
    assert "/sv/password-reset/MQ/abc-def/" in message.body
    assert message.extra_headers["Content-Language"] == "sv"


def test_a_second_task_for_a_sent_email_sends_nothing() -> None:
    email = queue_one()
    assert email_send(email_id=email.pk) == "sent"
    assert email_send(email_id=email.pk) == "skipped"
    assert outbox_retry_due(now=timezone.now() + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_an_email_leased_to_another_worker_is_left_alone() -> None:
    email = queue_one()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmailStatus.SENDING, lease_expires_at=timezone.now() + LEASE, attempts=1
    )

    assert email_send(email_id=email.pk) == "skipped"
    assert outbox_retry_due() == 0
    assert mail.outbox == []


def test_an_expired_lease_goes_back_to_pending_and_the_email_is_sent_once() -> None:
    email = queue_one()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmailStatus.SENDING, lease_expires_at=timezone.now() + LEASE, attempts=1
    )

    assert outbox_retry_due(now=timezone.now() + LEASE + timedelta(seconds=1)) == 1
    assert outbox_retry_due(now=timezone.now() + LEASE + timedelta(seconds=1)) == 0

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == OutgoingEmailStatus.SENT and email.attempts == 2


def test_a_relay_that_does_not_answer_means_a_retry_later_with_backoff() -> None:
    email = queue_one()
    with override_settings(**SMTP_DOWN, EMAIL_PORT=free_port()):
        assert email_send(email_id=email.pk) == "retry"

    email.refresh_from_db()
    assert email.status == OutgoingEmailStatus.PENDING and email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    assert email.next_attempt_at is not None
    assert email.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert outbox_retry_due() == 0  # not due yet

    assert outbox_retry_due(now=email.next_attempt_at) == 1
    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == email.message_id


def test_the_wait_between_attempts_doubles_up_to_a_limit() -> None:
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
    assert retry_delay(30) == MAX_RETRY_DELAY


def test_after_the_last_attempt_the_email_is_failed_until_retried_now(
    alice: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    email = queue_one()
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=MAX_ATTEMPTS - 1)
    with override_settings(**SMTP_DOWN, EMAIL_PORT=free_port()):
        assert email_send(email_id=email.pk) == "failed"
    email.refresh_from_db()
    assert email.status == OutgoingEmailStatus.FAILED and email.next_attempt_at is None
    assert outbox_retry_due(now=timezone.now() + timedelta(days=30)) == 0

    with django_capture_on_commit_callbacks(execute=True):
        assert email_retry_now(emails=[email], actor=Actor(user=alice)) == 1

    email.refresh_from_db()
    assert email.status == OutgoingEmailStatus.SENT
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="core.outgoing_email.retry", actor=alice).count() == 1


def test_the_admin_lists_the_outbox_read_only_without_bodies(client: Client) -> None:
    staff = User.objects.create_superuser(email="admin@example.fi", password="x" * 12)
    email = queue_one(body="secret link")
    client.force_login(staff)

    listing = client.get(reverse("admin:core_outgoingemail_changelist"))
    detail = client.get(reverse("admin:core_outgoingemail_change", args=[email.pk]))

    assert listing.status_code == 200 and "bob@example.fi" in listing.content.decode()
    assert detail.status_code == 200 and "secret link" not in detail.content.decode()
    assert client.get(reverse("admin:core_outgoingemail_add")).status_code == 403
    response = client.post(
        reverse("admin:core_outgoingemail_delete", args=[email.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert OutgoingEmail.objects.filter(pk=email.pk).exists()
