"""A resident's "I'm interested" in a volunteer task, passed to the organisation by email.

Nothing of the message is stored but the email in the outbox; the audit event says that a
message was sent, not who sent it or what it said.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.languages import has_text
from kumppani.core.models import AuditEvent, OutgoingEmail
from kumppani.core.outbox import email_queue_templated
from kumppani.core.workflow import lock
from kumppani.organisations.models import Organisation

from ..models import VolunteerTask
from .volunteer_task import _task_audit_county

INTEREST_ACTION = "catalogue.volunteer_task.interest"
INTEREST_WINDOW = timedelta(hours=1)


def interest_recipient(task: VolunteerTask) -> str:
    """Where the organisation reads messages about the task: its contact person's email,
    else the organisation's own ("" when it has neither)."""
    return task.contact_email or task.organisation.email


def takes_interest(task: VolunteerTask) -> bool:
    """Whether the task's page offers "I'm interested": published, open and reachable."""
    return task.is_visible and task.is_open and bool(interest_recipient(task))


def organisation_language(organisation: Organisation, task: VolunteerTask) -> str:
    """The language the organisation works in: Swedish when it writes its name or the task
    only in Swedish, Finnish otherwise."""
    for obj, field in ((organisation, "name"), (task, "title")):
        if has_text(obj, field):
            fi = bool(getattr(obj, f"{field}_fi", ""))
            sv = bool(getattr(obj, f"{field}_sv", ""))
            if sv and not fi:
                return "sv"
            if fi:
                return "fi"
    return settings.LANGUAGE_CODE


@transaction.atomic
def volunteer_task_interest(
    *, task: VolunteerTask, actor: Actor, name: str, contact: str, message: str
) -> OutgoingEmail:
    """Queue one email to the organisation with the resident's name, contact and message."""
    lock(task)  # one sender at a time per task: the hourly limit counts what is committed
    recipient = interest_recipient(task)
    if not takes_interest(task):
        raise ValidationError(_("This task does not take messages through the service."))
    since = timezone.now() - INTEREST_WINDOW
    recent = AuditEvent.objects.filter(
        action=INTEREST_ACTION,
        object_type=task._meta.label_lower,
        object_id=str(task.pk),
        occurred_at__gte=since,
    ).count()
    if recent >= settings.VOLUNTEER_INTEREST_PER_HOUR:
        raise ValidationError(
            _("This task has received many messages in the last hour. Try again later.")
        )
    language = organisation_language(task.organisation, task)
    with translation.override(language):
        url = settings.SITE_URL.rstrip("/") + reverse(
            "catalogue:task_detail", args=(task.public_id,)
        )
    email = email_queue_templated(
        to=recipient,
        language=language,
        subject_template="catalogue/email/task_interest_subject.txt",
        body_template="catalogue/email/task_interest.txt",
        context={"task": task, "name": name, "contact": contact, "message": message, "url": url},
        related=task,
    )
    audit_record(
        actor=actor,
        action=INTEREST_ACTION,
        obj=task,
        county=_task_audit_county(actor, task),
        details={"language": language},
    )
    return email
