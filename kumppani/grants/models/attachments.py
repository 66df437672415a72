"""An application's attachments: files kept in private storage, read only through a view
that checks access."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.storage import private_storage

from .application import Application
from .programme import AttachmentKind


def attachment_path(instance: Attachment, filename: str) -> str:
    """A name that tells nothing of the file: the application's and the file's own ids."""
    return f"grants/{instance.application.public_id}/{instance.public_id}"


class Attachment(models.Model):
    """A file the applicant gave with the application, or a note that one of the required
    kinds will be delivered later (then without a file)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_path, blank=True, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    delivered_later = models.BooleanField(_("delivered later"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "kind", "uploaded_at", "id"]
        constraints = [
            # One "delivered later" note per kind.
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=models.Q(delivered_later=True),
                name="grants_attachment_later_once",
            )
        ]

    def __str__(self) -> str:
        return str(self.original_name or self.get_kind_display())
