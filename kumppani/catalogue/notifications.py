"""Email to organisations' representatives about their catalogue entries.

Each message is rendered in the recipient's own language (User.language) and put in the
outbox inside the caller's transaction (`kumppani.core.outbox`): it is sent once that
commits, and never if it rolls back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation

from kumppani.accounts.models import User
from kumppani.core.outbox import email_queue_templated
from kumppani.organisations.models import Organisation

from .models import Service, VolunteerTask


def representatives(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(organisation_roles__organisation=organisation, is_active=True)
        .exclude(email="")
        .order_by("email")
    )


def _queue(
    template: str,
    user: User,
    context: dict[str, Any],
    related: models.Model,
    url_name: str,
    url_args: tuple[Any, ...] = (),
) -> None:
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        url = settings.SITE_URL.rstrip("/") + reverse(url_name, args=url_args)
    email_queue_templated(
        to=user.email,
        language=language,
        subject_template=f"catalogue/email/{template}_subject.txt",
        body_template=f"catalogue/email/{template}.txt",
        context={**context, "user": user, "SITE_URL": settings.SITE_URL, "url": url},
        related=related,
    )


def email_service_hidden(*, service: Service) -> int:
    """Tell the organisation's representatives that a coordinator hid their service; return
    how many emails were queued (none when nobody represents the organisation)."""
    recipients = representatives(service.organisation)
    for user in recipients:
        _queue(
            "service_hidden",
            user,
            {"service": service},
            service,
            "catalogue:service_edit",
            (service.public_id,),
        )
    return len(recipients)


def email_task_hidden(*, task: VolunteerTask) -> int:
    """Tell the organisation's representatives that a coordinator hid their volunteer task;
    return how many emails were queued."""
    recipients = representatives(task.organisation)
    for user in recipients:
        _queue("task_hidden", user, {"task": task}, task, "catalogue:task_edit", (task.public_id,))
    return len(recipients)


def email_freshness_reminder(
    *, user: User, organisation: Organisation, services: list[Service]
) -> None:
    """Ask a representative to confirm that these services are still up to date."""
    _queue(
        "freshness_reminder",
        user,
        {"organisation": organisation, "services": services},
        organisation,
        "catalogue:manage",
    )
