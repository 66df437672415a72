"""The emails meetings sends to a registrant, all through the outbox, in the registrant's
language."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kumppani.core.outbox import email_queue_templated

from .models import Registration, RegistrationStatus

# A signed link to confirm an address is valid this long (and at most until the meeting
# starts); a link to cancel, sent with every registration, as long as a meeting is planned
# ahead.
TOKEN_MAX_AGE = timedelta(days=7)
CANCEL_MAX_AGE = timedelta(days=400)
_SALT = "kumppani.meetings.registration"


def registration_token(registration: Registration, *, purpose: str = "confirm") -> str:
    """A signed, timestamped token naming the registration, for an emailed link
    (``purpose``: "confirm" the email address, or "cancel" the registration)."""
    return signing.dumps(str(registration.public_id), salt=f"{_SALT}.{purpose}", compress=False)


def registration_for_token(token: str, *, purpose: str = "confirm") -> Registration:
    """The registration a token names; ValidationError when it is forged, expired or
    names none."""
    try:
        max_age = CANCEL_MAX_AGE if purpose == "cancel" else TOKEN_MAX_AGE
        public_id = signing.loads(token, salt=f"{_SALT}.{purpose}", max_age=max_age)
        return Registration.objects.select_related("meeting").get(public_id=public_id)
    except (signing.BadSignature, Registration.DoesNotExist, ValueError, ValidationError):
        raise ValidationError(
            _("The link is not valid or has expired. Please register again."),
            code="bad_token",
        ) from None


def cancel_link(registration: Registration) -> str:
    """The absolute address of the page that cancels the registration, in its language."""
    token = registration_token(registration, purpose="cancel")
    with translation.override(registration.language):
        path = reverse("meetings:registration_cancel", args=[token])
    return f"{settings.SITE_URL}{path}"


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
            "cancel_link": cancel_link(registration)
            if registration.status != RegistrationStatus.PENDING_CONFIRMATION
            else "",
            **context,
        },
        related=registration,
    )
