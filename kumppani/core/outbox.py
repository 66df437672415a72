"""The email outbox: every email is a row first, sent by a task, retried, never sent twice.

`email_queue` writes the row inside the caller's transaction, so the message exists exactly
when the change that caused it does, and enqueues `outbox_send` once that transaction has
committed. The task claims the row with a short lease in its own short transaction, talks
to the relay with no transaction open (SQLite would block every writer meanwhile), then
marks the row sent. A failure schedules another attempt with exponential backoff; the
periodic `outbox_retry` enqueues the attempts that are due and returns rows whose lease ran
out (their worker died mid-send) to pending.

Only the relay's answer and our "sent" mark are not one atomic step: a worker that dies
after the relay accepted a message and before the mark is written sends it again on the
next attempt. The stable Message-ID lets mail systems recognise that copy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .actor import Actor
from .audit import audit_record
from .models import OutgoingEmail, OutgoingEmailStatus

logger = logging.getLogger(__name__)

# Longer than any SMTP conversation: EMAIL_TIMEOUT bounds each step of one.
LEASE = timedelta(minutes=10)
# A row enqueued but still pending after this is enqueued again (the task was lost).
REQUEUE_AFTER = timedelta(minutes=5)
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=6)
# About nine hours of retries; then the row is failed and waits for "retry now".
MAX_ATTEMPTS = 10
RETRY_BATCH = 500

PENDING = OutgoingEmailStatus.PENDING
SENDING = OutgoingEmailStatus.SENDING
SENT = OutgoingEmailStatus.SENT
FAILED = OutgoingEmailStatus.FAILED


@transaction.atomic
def email_queue(
    *,
    to: str,
    subject: str,
    body: str,
    language: str,
    related: models.Model | None = None,
) -> OutgoingEmail:
    """Put one email in the outbox; it is sent by a task after the current transaction
    commits, and not at all if it rolls back."""
    now = timezone.now()
    email = OutgoingEmail(
        recipient=to,
        language=language,
        subject=" ".join(subject.split()),
        body=body,
        related_type=ContentType.objects.get_for_model(related) if related is not None else None,
        related_id=str(related.pk) if related is not None else "",
        next_attempt_at=now + REQUEUE_AFTER,
        created_at=now,
        message_id=make_msgid(domain=_message_id_domain()),
    )
    email.full_clean()
    email.save()
    # robust: the change has committed; if the queue is down, `outbox_retry` sends it later.
    transaction.on_commit(partial(_enqueue_send, email.pk), robust=True)
    return email


def email_queue_templated(
    *,
    to: str,
    language: str,
    subject_template: str,
    body_template: str,
    context: dict[str, Any],
    related: models.Model | None = None,
) -> OutgoingEmail:
    """Render the subject and body templates in the recipient's language and queue them."""
    with translation.override(language):
        subject = render_to_string(subject_template, context)
        body = render_to_string(body_template, context)
    return email_queue(to=to, subject=subject, body=body, language=language, related=related)


@transaction.atomic
def email_retry_now(*, emails: Iterable[OutgoingEmail], actor: Actor) -> int:
    """Send pending or failed emails again at once (the admin's "retry now")."""
    ids = [email.pk for email in emails if email.status in (PENDING, FAILED)]
    now = timezone.now()
    retried = list(OutgoingEmail.objects.filter(pk__in=ids, status__in=(PENDING, FAILED)))
    OutgoingEmail.objects.filter(pk__in=[email.pk for email in retried]).update(
        status=PENDING, next_attempt_at=now + REQUEUE_AFTER
    )
    for email in retried:
        audit_record(actor=actor, action="core.outgoing_email.retry", obj=email)
        transaction.on_commit(partial(_enqueue_send, email.pk), robust=True)
    return len(retried)


@task()
def outbox_send(email_id: int) -> str:
    """Send one outbox email; a sent, failed or leased one is left alone."""
    return email_send(email_id=email_id)


@task()
def outbox_retry() -> int:
    """Periodic job: return dead workers' rows to pending and enqueue the attempts due."""
    return outbox_retry_due()


def email_send(*, email_id: int) -> str:
    """Claim, send and mark one email; return what happened (sent, retry, failed, skipped)."""
    email = _claim(email_id)
    if email is None:
        return "skipped"
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        to=[email.recipient],
        headers={"Message-ID": email.message_id, "Content-Language": email.language},
    )
    try:
        message.send()
    except Exception as error:  # any failure of the relay (refused, timeout, 4xx/5xx) retries
        return _record_failure(email, error)
    _record_sent(email)
    return "sent"


def outbox_retry_due(*, now: datetime | None = None) -> int:
    """Return rows whose lease ran out to pending, enqueue a send for each row due, and
    return how many were enqueued."""
    now = now or timezone.now()
    with transaction.atomic():
        expired = OutgoingEmail.objects.filter(status=SENDING, lease_expires_at__lt=now)
        expired.filter(attempts__gte=MAX_ATTEMPTS).update(
            status=FAILED,
            lease_expires_at=None,
            next_attempt_at=None,
            last_error="The worker stopped while sending, on the last attempt.",
        )
        expired.update(
            status=PENDING,
            lease_expires_at=None,
            next_attempt_at=now,
            last_error="The worker stopped while sending.",
        )
        due = (
            OutgoingEmail.objects.filter(status=PENDING)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .order_by(F("next_attempt_at").asc(nulls_first=True), "id")
            .select_for_update(skip_locked=True)
        )
        ids = list(due.values_list("pk", flat=True)[:RETRY_BATCH])
        # If a task is lost again, the row comes back after REQUEUE_AFTER.
        OutgoingEmail.objects.filter(pk__in=ids).update(next_attempt_at=now + REQUEUE_AFTER)
    # Enqueued after the commit: the immediate backend would otherwise send inside it.
    for email_id in ids:
        _enqueue_send(email_id)
    return len(ids)


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next attempt: 1, 2, 4 … minutes after each failure, at most 6 hours."""
    return min(FIRST_RETRY_DELAY * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY)


def _enqueue_send(email_id: int) -> None:
    outbox_send.enqueue(email_id)


def _claim(email_id: int) -> OutgoingEmail | None:
    """Lease a pending row to this worker, in a transaction of its own."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=PENDING)
            .first()
        )
        if email is None:
            return None
        email.status = SENDING
        email.lease_expires_at = timezone.now() + LEASE
        email.attempts += 1
        email.save(update_fields=["status", "lease_expires_at", "attempts"])
    return email


def _ours(email: OutgoingEmail) -> models.QuerySet[OutgoingEmail]:
    """The row as long as no other worker has claimed it since (a lease that ran out and was
    returned to pending still counts as ours until someone claims it)."""
    return OutgoingEmail.objects.filter(
        pk=email.pk, status__in=(SENDING, PENDING), attempts=email.attempts
    )


def _record_sent(email: OutgoingEmail) -> None:
    marked = _ours(email).update(
        status=SENT,
        sent_at=timezone.now(),
        lease_expires_at=None,
        next_attempt_at=None,
        last_error="",
        body="",  # may hold a one-time link; the database keeps only what is needed
    )
    if not marked:
        logger.warning(
            "Outgoing email %s was sent after its lease ran out and another worker claimed "
            "it: the recipient may get it twice (same Message-ID %s).",
            email.pk,
            email.message_id,
        )


def _record_failure(email: OutgoingEmail, error: Exception) -> str:
    last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        _ours(email).update(
            status=FAILED, lease_expires_at=None, next_attempt_at=None, last_error=last_error
        )
        logger.error("Outgoing email %s failed for good: %s", email.pk, last_error)
        return "failed"
    _ours(email).update(
        status=PENDING,
        lease_expires_at=None,
        next_attempt_at=timezone.now() + retry_delay(email.attempts),
        last_error=last_error,
    )
    logger.warning("Outgoing email %s not sent, will retry: %s", email.pk, last_error)
    return "retry"


def _message_id_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "kumppani.invalid"
