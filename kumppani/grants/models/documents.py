"""A call's decision documents made in the background: the batch with its progress, and
each decision's PDF kept in private storage."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import Timestamped
from kumppani.core.storage import private_storage

from .funding import Decision
from .programme import Call


class BatchStatus(models.TextChoices):
    RUNNING = "running", _("being made")
    FINISHED = "finished", _("finished")


class DocumentBatch(Timestamped):
    """One run of making the decision documents of a call (see `tasks.decision_documents`)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="document_batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    total = models.PositiveIntegerField(_("documents"), default=0)
    done = models.PositiveIntegerField(_("made"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.RUNNING
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("batch of decision documents")
        verbose_name_plural = _("batches of decision documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One batch at a time per call, however often "make" is pressed.
            models.UniqueConstraint(
                fields=["call"],
                condition=models.Q(status="running"),
                name="grants_one_running_batch_per_call",
            )
        ]

    def __str__(self) -> str:
        return f"{self.call} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def document_path(document: DecisionDocument, filename: str) -> str:
    return f"grants/decisions/{document.decision.public_id}/{filename}"


class DecisionDocument(models.Model):
    """A decision's PDF as made for one version of the decision (its last change) in one
    language; made once per version, whatever runs the batch again."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="documents")
    version = models.DateTimeField(_("decision as changed on"))
    language = models.CharField(_("language"), max_length=2)
    file = models.FileField(storage=private_storage, upload_to=document_path)
    size = models.PositiveIntegerField(default=0)
    batch = models.ForeignKey(
        DocumentBatch, on_delete=models.SET_NULL, null=True, related_name="documents"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision document")
        verbose_name_plural = _("decision documents")
        ordering = ["decision", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "version", "language"], name="grants_document_once"
            )
        ]

    def __str__(self) -> str:
        return self.file.name
