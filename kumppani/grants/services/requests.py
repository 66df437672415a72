"""Requests for more information: a coordinator asks, the applicant's representatives are
told by email, and the application may be completed and sent again until the request's
last day (by the law on time limits), even after the call has closed."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import deadlines, workflow
from kumppani.core.actor import Actor

from ..models import Application, ApplicationStatus, InfoRequest
from ..notifications import tell_applicant

ASKABLE = {ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW}


def open_request(application: Application) -> InfoRequest | None:
    """The request the applicant has not answered yet, if any."""
    return (
        InfoRequest.objects.filter(application=application, answered_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )


def request_is_open(request: InfoRequest, now: datetime) -> bool:
    """Whether an answer sent at ``now`` is in time: until the end of the last day, moved
    to the next working day when it is not one."""
    return deadlines.is_open(now, request.respond_by)


@transaction.atomic
def info_request(
    *,
    application: Application,
    actor: Actor,
    message: str,
    respond_by: date,
    today: date | None = None,
) -> InfoRequest:
    """Ask the applicant to complete a sent application by ``respond_by``; the application
    goes back to the applicant, whose representatives are told by email."""
    message = message.strip()
    errors = {}
    if not message:
        errors["message"] = _("Tell what the applicant should add or correct.")
    if respond_by < (today or timezone.localdate()):
        errors["respond_by"] = _("The last day to answer cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    workflow.lock(application)
    request = InfoRequest.objects.create(
        application=application, message=message, respond_by=respond_by, created_by=actor.user
    )
    workflow.transition(
        application,
        to=ApplicationStatus.INFO_REQUESTED,
        allowed_from=ASKABLE,
        refusal=_("More information can be asked only of a sent application."),
        actor=actor,
        action="grants.application.request_info",
        county=application.call.programme.county,
        reason=message,
        details={"respond_by": respond_by.isoformat()},
    )
    tell_applicant(application, "info_request", {"request": request}, related=application)
    return request
