"""The emails meetings sends to a registrant, all through the outbox, in the registrant's
language."""

from __future__ import annotations

from typing import Any

from kumppani.core.outbox import email_queue_templated

from .models import Registration, RegistrationStatus


def tell_registrant(registration: Registration, message: str, context: dict[str, Any]) -> None:
    """Queue ``meetings/email/<message>.txt`` (and its ``_subject``) to the registrant."""
    email_queue_templated(
        to=registration.email,
        language=registration.language,
        subject_template=f"meetings/email/{message}_subject.txt",
        body_template=f"meetings/email/{message}.txt",
        context={
            "registration": registration,
            "meeting": registration.meeting,
            "confirmed": registration.status == RegistrationStatus.CONFIRMED,
            **context,
        },
        related=registration,
    )
