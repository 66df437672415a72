"""Registrations for a meeting, with the waiting list: only confirmed registrations take
seats; when the meeting is full the next one waits, in arrival order (``queue_position``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.organisations.models import Organisation

from .meeting import Meeting


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")
    # An anonymous registration whose email address is not yet confirmed by its link.
    PENDING_CONFIRMATION = "pending_confirmation", _("waiting for email confirmation")


# Registrations that still count: all but the cancelled ones.
LIVE = ~Q(status=RegistrationStatus.CANCELLED)


class Registration(models.Model):
    """One person's (or an organisation's representative's) registration for a meeting.

    Made and changed only by `services.registrations`: the meeting's row is locked while
    seats are counted, so the seats and the waiting list hold under concurrency.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="registrations"
    )
    # Empty for an anonymous registration.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_registrations",
    )
    # Set when a representative registers on behalf of their organisation.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    # The language the registrant is written to in.
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fi"
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    # Arrival order on the waiting list (1, 2, …, per meeting); kept after a promotion so
    # that the next one given is always larger. Empty for one that never waited.
    queue_position = models.PositiveIntegerField(_("place in queue"), null=True, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # Empty until the organiser records attendance.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # Name, email and answers are blanked when the registration is anonymised.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # When the reminder before the meeting was queued: it is sent once.
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=LIVE & Q(user__isnull=False),
                name="meetings_registration_live_per_user",
            ),
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=LIVE & ~Q(email=""),
                name="meetings_registration_live_per_email",
            ),
            models.UniqueConstraint(
                fields=["meeting", "queue_position"],
                name="meetings_registration_queue_position_once",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "status", "queue_position"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.meeting}"
