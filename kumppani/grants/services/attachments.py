"""Attachments: add a file (checked for its real type and size), remove one, or say that a
required kind will be delivered later; all only while the application is a draft."""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kumppani.core import files
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record

from ..models import Application, Attachment, AttachmentKind
from .applications import lock_for_change


def _audit(actor: Actor, attachment: Attachment, verb: str) -> None:
    audit_record(
        actor=actor,
        action=f"grants.attachment.{verb}",
        obj=attachment.application,
        county=attachment.application.call.programme.county,
        details={"attachment": str(attachment.public_id), "kind": attachment.kind},
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
    lock_for_change(application)
    application.attachments.filter(kind=kind, delivered_later=True).delete()
    attachment = Attachment(application=application, kind=kind)
    files.save_upload(attachment, upload, content_type, uploaded_by=actor.user)
    _audit(actor, attachment, "add")
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: Actor) -> None:
    lock_for_change(attachment.application)
    _audit(actor, attachment, "remove")
    files.delete_on_commit(attachment.file.storage, attachment.file.name)
    attachment.delete()


@transaction.atomic
def attachment_later(*, application: Application, kind: str, later: bool, actor: Actor) -> bool:
    """Say that a required kind will be delivered later (or take that back). Returns
    whether anything changed."""
    if kind not in (application.call.programme.required_attachments or []):
        raise ValidationError(_("The call does not ask for this attachment."), code="kind")
    lock_for_change(application)
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
