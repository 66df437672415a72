"""Statements with the county's answers, and consultations with the organisations'
responses."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import files, workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import County
from kumppani.organisations.models import Organisation

from ..models import (
    Consultation,
    ConsultationResponse,
    ConsultationStatus,
    Statement,
    StatementAnswer,
    StatementStatus,
)


@transaction.atomic
def statement_register(*, actor: Actor, county: County, **fields: Any) -> Statement:
    statement = Statement(county=county, **fields)
    return workflow.create(
        statement, actor=actor, action="meetings.statement.create", county=county
    )


@transaction.atomic
def statement_answer(
    *, actor: Actor, statement: Statement, answered_by: str, answered_on: date, text: str
) -> Statement:
    """Record the county's answer (who, when, what was done); the statement is answered."""
    workflow.lock(statement)
    answer = StatementAnswer(
        statement=statement, answered_by=answered_by, answered_on=answered_on, text=text
    )
    answer.full_clean(exclude=["statement"])
    workflow.transition(
        statement,
        to=StatementStatus.ANSWERED,
        allowed_from=[StatementStatus.RECEIVED],
        refusal=_("The statement has already been answered."),
        actor=actor,
        action="meetings.statement.answer",
        county=statement.county,
    )
    answer.save()
    return statement


@transaction.atomic
def consultation_create(*, actor: Actor, county: County, **fields: Any) -> Consultation:
    consultation = Consultation(county=county, **fields)
    return workflow.create(
        consultation, actor=actor, action="meetings.consultation.create", county=county
    )


@transaction.atomic
def consultation_publish(*, actor: Actor, consultation: Consultation) -> Consultation:
    workflow.lock(consultation)
    if consultation.status == ConsultationStatus.OPEN:
        return consultation
    workflow.transition(
        consultation,
        to=ConsultationStatus.OPEN,
        allowed_from=[ConsultationStatus.DRAFT],
        refusal=_("Only a draft can be published."),
        actor=actor,
        action="meetings.consultation.publish",
        county=consultation.county,
    )
    return consultation


@transaction.atomic
def consultation_close(
    *, actor: Actor, consultation: Consultation, summary: str, outcome: str
) -> Consultation:
    """Close the consultation with a summary and what was done with the answers."""
    workflow.lock(consultation)
    if not summary.strip():
        raise ValidationError({"summary": _("Write a summary of the answers.")})
    workflow.transition(
        consultation,
        to=ConsultationStatus.CLOSED,
        allowed_from=[ConsultationStatus.OPEN],
        refusal=_("Only an open consultation can be closed."),
        actor=actor,
        action="meetings.consultation.close",
        county=consultation.county,
        values={"summary": summary, "outcome": outcome},
    )
    return consultation


@transaction.atomic
def consultation_respond(
    *,
    actor: Actor,
    consultation: Consultation,
    organisation: Organisation,
    answers: Sequence[str],
    is_public: bool,
    upload: UploadedFile | None = None,
) -> ConsultationResponse:
    """Save the organisation's response: the first makes it, later ones change it, until
    the deadline. One response per organisation, however many are sent at once. A file
    sent with it (PDF, Word or OpenDocument text) takes the place of an earlier one."""
    if not consultation.accepts_answers(timezone.now()):
        raise ValidationError(_("The consultation no longer accepts answers."), code="closed")
    file_type = _check_document(upload) if upload is not None else ""
    answers = [str(answer).strip() for answer in answers]
    if len(answers) != len(consultation.questions) or not any(answers):
        raise ValidationError(_("Answer at least one question."), code="empty")
    try:
        with transaction.atomic():
            response, created = ConsultationResponse.objects.get_or_create(
                consultation=consultation,
                organisation=organisation,
                defaults={"answered_by": actor.user, "answers": answers, "is_public": is_public},
            )
    except IntegrityError:
        response, created = (
            ConsultationResponse.objects.get(consultation=consultation, organisation=organisation),
            False,
        )
    if not created:
        workflow.lock(response)
        if response.answers == answers and response.is_public == is_public and upload is None:
            return response
        response.answers, response.is_public = answers, is_public
        response.answered_by = actor.user  # type: ignore[assignment]
        response.save(update_fields=["answers", "is_public", "answered_by", "updated_at"])
    if upload is not None:
        _store(response, "file", upload, file_type, fallback="vastaus")
    audit_record(
        actor=actor,
        action="meetings.consultation.respond",
        obj=response,
        county=consultation.county,
        details={"created": created, "file": upload is not None},
    )
    return response


def _check_document(upload: UploadedFile) -> str:
    return files.check_upload(
        upload,
        limit=settings.UPLOAD_MAX_BYTES,
        accepted=files.DOCUMENTS,
        refusal=_("Send the file as a PDF, Word or OpenDocument text."),
    )


def _store(
    row: Consultation | ConsultationResponse,
    field: str,
    upload: UploadedFile,
    content_type: str,
    *,
    fallback: str,
) -> None:
    """Keep the upload in the row's private file field (the earlier file goes once the
    transaction commits), with its safe name and real type."""
    prefix = "document" if field == "document_file" else "file"
    stored = getattr(row, field)
    earlier = stored.name
    stored.save(uuid.uuid4().hex, upload, save=False)
    setattr(row, f"{prefix}_name", files.safe_name(upload.name or "", content_type, fallback))
    setattr(row, f"{prefix}_type", content_type)
    row.save(update_fields=[field, f"{prefix}_name", f"{prefix}_type", "updated_at"])
    files.delete_on_commit(stored.storage, earlier)


@transaction.atomic
def consultation_document_set(
    *, actor: Actor, consultation: Consultation, upload: UploadedFile
) -> Consultation:
    """Attach the draft document as a file (PDF, Word or OpenDocument text), in place of an
    earlier one; while the consultation is a draft or open."""
    content_type = _check_document(upload)
    workflow.lock(consultation)
    if consultation.status == ConsultationStatus.CLOSED:
        raise ValidationError(
            {"file": _("The consultation is closed; its draft can no longer be changed.")},
            code="closed",
        )
    _store(consultation, "document_file", upload, content_type, fallback="luonnos")
    audit_record(
        actor=actor,
        action="meetings.consultation.document",
        obj=consultation,
        county=consultation.county,
        details={"name": consultation.document_name, "type": content_type},
    )
    return consultation


def consultation_document_read(*, actor: Actor, consultation: Consultation) -> IO[bytes]:
    """Open the draft's file for a reader whose access is checked."""
    return consultation.document_file.open("rb")


def response_file_read(*, actor: Actor, response: ConsultationResponse) -> IO[bytes]:
    """Open a response's file for a reader whose access is checked, and record the read
    (the file may be private)."""
    audit_record(
        actor=actor,
        action="meetings.consultation.response_file_read",
        obj=response,
        county=response.consultation.county,
    )
    return response.file.open("rb")
