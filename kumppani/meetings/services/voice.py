"""Statements with the county's answers, and consultations with the organisations'
responses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
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
    statement.full_clean()
    statement.save()
    audit_record(actor=actor, action="meetings.statement.create", obj=statement, county=county)
    return statement


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
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=actor, action="meetings.consultation.create", obj=consultation, county=county
    )
    return consultation


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
) -> ConsultationResponse:
    """Save the organisation's response: the first makes it, later ones change it, until
    the deadline. One response per organisation, however many are sent at once."""
    if not consultation.accepts_answers(timezone.now()):
        raise ValidationError(_("The consultation no longer accepts answers."), code="closed")
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
        if response.answers == answers and response.is_public == is_public:
            return response
        response.answers, response.is_public = answers, is_public
        response.answered_by = actor.user  # type: ignore[assignment]
        response.save(update_fields=["answers", "is_public", "answered_by", "updated_at"])
    audit_record(
        actor=actor,
        action="meetings.consultation.respond",
        obj=response,
        county=consultation.county,
        details={"created": created},
    )
    return response
