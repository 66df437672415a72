"""Sending a professional's list of activities to the client by email.

The client's address goes into the outbox message and nowhere else: not the session, not
the audit event (which records who sent how many activities in which language).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kumppani.accounts.roles import counties_where, county_for_event
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import OutgoingEmail
from kumppani.core.outbox import email_queue_templated

from ..client_list import list_entries
from ..models import Service


@transaction.atomic
def client_list_send(
    *, actor: Actor, to: str, language: str, services: list[Service], easy_read: bool
) -> OutgoingEmail:
    """Queue the list to ``to`` in ``language`` and record that it was sent (no address)."""
    if not services:
        raise ValueError("An empty list is not sent.")
    email = email_queue_templated(
        to=to,
        language=language,
        subject_template="catalogue/email/client_list_subject.txt",
        body_template="catalogue/email/client_list.txt",
        context={
            "entries": list_entries(services, language, easy_read=easy_read),
            "sent_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="catalogue.client_list.send",
        county=county_for_event(actor.user, counties_where(actor.user)),
        details={"activities": len(services), "language": language, "easy_read": easy_read},
    )
    return email
