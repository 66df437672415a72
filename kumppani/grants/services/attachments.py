"""Attachments: add a file (checked for its real type and size), remove one, or say that a
required kind will be delivered later; all only while the application is a draft."""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kumppani.core import files, workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record

from ..models import Application, Attachment, AttachmentKind
from .applications import EDITABLE


def _audit(actor: Actor, attachment: Attachment, verb: str) -> None:
    audit_record(
        actor=actor,
        action=f"grants.attachment.{verb}",
        obj=attachment.application,
        county=attachment.application.call.programme.county,
        details={"attachment": str(attachment.public_id), "kind": attachment.kind},
    )


def _editable(application: Application) -> None:
    workflow.lock(application)
    if application.status not in EDITABLE:
        raise ValidationError(
            _("The application has been sent and can no longer be changed."), code="not_editable"
        )


@transaction.atomic
def attachment_add(
    *, application: Application, kind: str, upload: UploadedFile, actor: Actor
) -> Attachment:
    """Keep the file as an attachment of the kind; a note that the kind comes later goes."""
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Choose the kind of the attachment from the list.")})
    content_type = files.check_upload(
        upload,
        limit=settings.GRANT_ATTACHMENT_MAX_BYTES,
        accepted=files.EXTENSIONS,
        refusal=_("Send the file as a PDF, Word, Excel, OpenDocument text, PNG or JPEG."),
    )
    _editable(application)
    application.attachments.filter(kind=kind, delivered_later=True).delete()
    attachment = Attachment(
        application=application,
        kind=kind,
        original_name=files.safe_name(upload.name or "", content_type),
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor.user,
    )
    attachment.file.save(attachment.public_id.hex, upload, save=False)
    attachment.save()
    _audit(actor, attachment, "add")
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: Actor) -> None:
    _editable(attachment.application)
    _audit(actor, attachment, "remove")
    stored = attachment.file.name
    attachment.delete()
    if stored:
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def attachment_later(*, application: Application, kind: str, later: bool, actor: Actor) -> bool:
    """Say that a required kind will be delivered later (or take that back). Returns
    whether anything changed."""
    if kind not in (application.call.programme.required_attachments or []):
        raise ValidationError(_("The call does not ask for this attachment."), code="kind")
    _editable(application)
    notes = application.attachments.filter(kind=kind, delivered_later=True)
    if later == notes.exists():
        return False
    if later:
        note = Attachment.objects.create(
            application=application, kind=kind, delivered_later=True, uploaded_by=actor.user
        )
        _audit(actor, note, "later")
    else:
        for note in notes:
            _audit(actor, note, "remove")
        notes.delete()
    return True


def attachment_read(*, attachment: Attachment, actor: Actor) -> IO[bytes]:
    """Open the attachment's file for a reader whose access is checked, and record the
    read."""
    _audit(actor, attachment, "read")
    return attachment.file.open("rb")
