"""Reference data (counties, municipalities) and the append-only audit log."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Timestamped(models.Model):
    """When a row was created and last saved."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class County(models.Model):
    """A wellbeing services county (hyvinvointialue), or the City of Helsinki (code 90).

    The county is the tenant: what a county owns is visible only inside it.
    """

    HELSINKI_CODE = "90"

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("wellbeing services county")
        verbose_name_plural = _("wellbeing services counties")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.name)


class MunicipalityLanguage(models.TextChoices):
    UNILINGUAL_FI = "unilingual_fi", _("Finnish-speaking")
    BILINGUAL_FI_MAJORITY = "bilingual_fi_majority", _("bilingual, Finnish majority")
    BILINGUAL_SV_MAJORITY = "bilingual_sv_majority", _("bilingual, Swedish majority")
    UNILINGUAL_SV = "unilingual_sv", _("Swedish-speaking")


class Municipality(models.Model):
    """A municipality (kunta) from the Statistics Finland classification.

    Åland's sixteen municipalities belong to no county.
    """

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
    )
    language = models.CharField(
        _("language status"), max_length=32, choices=MunicipalityLanguage.choices
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def is_bilingual(self) -> bool:
        return self.language.startswith("bilingual_")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")

    def for_county(self, county: County) -> AuditEventQuerySet:
        return self.filter(county=county)


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", _("success")
    DENIED = "denied", _("denied")
    FAILURE = "failure", _("failure")


class AuditEvent(models.Model):
    """One write, or one read of personal data: who, when, what, which object, from where.

    Append-only (Information Management Act 906/2019 §17): saving an existing event,
    updating or deleting raises, the admin offers no change or delete, and the database's
    triggers refuse every UPDATE and DELETE whatever its path (`core.audit_guard`).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # Who acted: the account (never deleted: people are deactivated or anonymised) and a
    # snapshot of its email address and name at the time, or a system job's label.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    actor_name = models.CharField(_("actor's name"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=AuditOutcome.choices, default=AuditOutcome.SUCCESS
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["county", "-occurred_at"], name="audit_county_time")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")


class StatusChange(models.Model):
    """One step of an object's workflow: who moved it from which state to which, when, why.

    Written by `core.workflow.transition` beside the audit event; pages show an object's
    history from these rows.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    field = models.CharField(max_length=32, default="status")
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32)
    reason = models.TextField(_("reason"), blank=True)
    # Why the move happened when it followed from something else (an organisation marked
    # dissolved archives its activities): a code other steps look for.
    cause = models.CharField(max_length=64, blank=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("by"), max_length=254, blank=True)
    changed_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "changed_at"], name="status_change_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_id}: {self.from_state} → {self.to_state}"


class Submission(models.Model):
    """A create form sent once: its one-time token and where its result is.

    The first request with a token makes the object; a repeat (a double click, a second tab,
    a retried request) makes nothing and is shown the first one's result (`core.submissions`).
    """

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return str(self.token)


class OutgoingEmailStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class OutgoingEmail(models.Model):
    """One email in the outbox: written in the transaction that causes it, sent by a task.

    Written only by `kumppani.core.outbox`. A row moves pending → sending (a worker holds a
    short lease) → sent, or back to pending with a later `next_attempt_at` when sending
    fails, and to failed after the last attempt. The body is erased once the message is
    sent: it may carry a one-time link (an invitation or a password reset).
    """

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"), blank=True)
    related_type = models.ForeignKey(
        ContentType,
        verbose_name=_("related object type"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    related_id = models.CharField(_("related object"), max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OutgoingEmailStatus.choices,
        default=OutgoingEmailStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    lease_expires_at = models.DateTimeField(_("lease expires"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_next"),
            models.Index(fields=["status", "lease_expires_at"], name="outbox_status_lease"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class PeriodicJobRun(models.Model):
    """When `run_periodic_jobs` last enqueued a periodic job (one row per job, row-locked)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IdempotencyKey(models.Model):
    """An API write sent with an ``Idempotency-Key`` header, and the answer it got.

    Written only by `kumppani.core.idempotency`: a repeat of the request with the same key
    (a client's retry after a lost answer) gets the stored answer and does nothing again.
    """

    key = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.TextField(blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="core_idempotency_key_once")
        ]

    def __str__(self) -> str:
        return self.key
