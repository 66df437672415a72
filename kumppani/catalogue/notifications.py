"""Email to organisations' representatives about their catalogue entries.

Each message is rendered in the recipient's own language (User.language). Called after commit
by services and by `manage.py send_freshness_reminders`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.organisations.models import Organisation

from .models import Service, VolunteerTask


def representatives(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(organisation_roles__organisation=organisation, is_active=True)
        .exclude(email="")
        .order_by("email")
    )


def _send(template: str, user: User, context: dict[str, Any]) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {**context, "user": user, "SITE_URL": settings.SITE_URL}
        if "url_name" in context:
            context["url"] = settings.SITE_URL + reverse(
                context["url_name"], args=context.get("url_args", ())
            )
        subject = render_to_string(f"catalogue/email/{template}_subject.txt", context)
        body = render_to_string(f"catalogue/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def send_service_hidden(service_pk: int) -> None:
    service = Service.objects.select_related("organisation").get(pk=service_pk)
    for user in representatives(service.organisation):
        _send(
            "service_hidden",
            user,
            {
                "service": service,
                "url_name": "catalogue:service_edit",
                "url_args": (service.public_id,),
            },
        )


def send_task_hidden(task_pk: int) -> None:
    task = VolunteerTask.objects.select_related("organisation").get(pk=task_pk)
    for user in representatives(task.organisation):
        _send(
            "task_hidden",
            user,
            {"task": task, "url_name": "catalogue:task_edit", "url_args": (task.public_id,)},
        )


def send_freshness_reminders(*, now: datetime | None = None) -> int:
    """Remind representatives of services due for confirmation; return the emails sent.

    A service is marked reminded once its organisation's representatives have been emailed,
    so running the command again within CONFIRM_EVERY sends nothing new.
    """
    from .selectors import services_due_for_reminder
    from .services import service_mark_reminded

    by_organisation: dict[Organisation, list[Service]] = defaultdict(list)
    for service in services_due_for_reminder(now):
        by_organisation[service.organisation].append(service)
    sent = 0
    actor = Actor.system("send_freshness_reminders")
    for organisation, services in by_organisation.items():
        recipients = representatives(organisation)
        if not recipients:
            continue  # nobody to remind; try again when someone represents it
        for user in recipients:
            _send(
                "freshness_reminder",
                user,
                {
                    "organisation": organisation,
                    "services": services,
                    "url_name": "catalogue:manage",
                },
            )
            sent += 1
        service_mark_reminded(services=services, actor=actor)
    return sent
