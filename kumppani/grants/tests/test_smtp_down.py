"""With the mail server refusing, applications are sent and decisions made all the same;
their emails wait in the outbox and go out once the server is back, each exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.core.models import OutgoingEmail, OutgoingEmailStatus
from kumppani.core.outbox import outbox_retry_due
from kumppani.grants.models import ApplicationStatus
from kumppani.grants.services.applications import application_submit
from kumppani.testing.smtp import free_port

from .conftest import decide

pytestmark = pytest.mark.django_db

SMTP_DOWN = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_USE_TLS": False,
}


def test_submissions_and_decisions_go_through_and_their_mail_follows_once(
    draft, sanna, carol, django_capture_on_commit_callbacks
) -> None:
    with (
        override_settings(**SMTP_DOWN, EMAIL_PORT=free_port()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
        decision = decide(draft, carol, "8000")

    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DECIDED
    assert decision.payments.count() == 1
    waiting = list(OutgoingEmail.objects.order_by("pk"))
    assert len(waiting) >= 2  # the receipt and the decision
    assert {email.status for email in waiting} == {OutgoingEmailStatus.PENDING}
    assert all("ConnectionRefusedError" in email.last_error for email in waiting)
    assert mail.outbox == []

    # The server is back (the test backend accepts); the periodic retry sends them.
    later = timezone.now() + timedelta(hours=1)
    assert outbox_retry_due(now=later) == len(waiting)
    assert outbox_retry_due(now=later + timedelta(hours=1)) == 0

    sent_ids = [message.extra_headers["Message-ID"] for message in mail.outbox]
    assert sorted(sent_ids) == sorted(email.message_id for email in waiting)
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {OutgoingEmailStatus.SENT}
