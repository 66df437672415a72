"""The emails grants sends to an applicant, all through the outbox."""

from __future__ import annotations

from typing import Any

from django.db import models

from kumppani.accounts.models import User
from kumppani.core.outbox import email_queue_templated

from .models import Application


def tell_applicant(
    application: Application, message: str, context: dict[str, Any], related: models.Model
) -> int:
    """Queue ``grants/email/<message>.txt`` (and its ``_subject``) to each active
    representative of the applicant, in the application's language; return how many."""
    recipients = User.objects.filter(
        organisation_roles__organisation_id=application.organisation_id, is_active=True
    ).distinct()
    for user in recipients:
        email_queue_templated(
            to=user.email,
            language=application.language,
            subject_template=f"grants/email/{message}_subject.txt",
            body_template=f"grants/email/{message}.txt",
            context={"application": application, **context},
            related=related,
        )
    return len(recipients)
