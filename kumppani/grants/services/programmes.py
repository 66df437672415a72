"""Programmes and calls: create, publish, and copy last year's for the next."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes
from kumppani.core.models import County

from ..models import AppealInstructions, Call, CallStatus, Programme


def _audit(actor: Actor, obj: Programme | Call, action: str, **extra: Any) -> None:
    programme = obj if isinstance(obj, Programme) else obj.programme
    audit_record(actor=actor, action=action, obj=obj, county=programme.county, **extra)


@transaction.atomic
def programme_create(
    *,
    actor: Actor,
    criteria: Sequence[Mapping[str, Any]] = (),
    questions: Sequence[Mapping[str, Any]] = (),
    **fields: Any,
) -> Programme:
    """A programme with its criteria and questions (each a dict of their fields)."""
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    for position, values in enumerate(criteria):
        criterion = programme.criteria.model(programme=programme, position=position, **values)
        criterion.full_clean()
        criterion.save()
    for position, values in enumerate(questions):
        question = programme.questions.model(programme=programme, position=position, **values)
        question.full_clean()
        question.save()
    _audit(actor, programme, "grants.programme.create")
    return programme


@transaction.atomic
def call_create(*, actor: Actor, programme: Programme, **fields: Any) -> Call:
    call = Call(programme=programme, **fields)
    call.full_clean()
    call.save()
    _audit(actor, call, "grants.call.create")
    return call


@transaction.atomic
def call_publish(*, actor: Actor, call: Call) -> Call:
    workflow.lock(call)
    workflow.transition(
        call,
        to=CallStatus.PUBLISHED,
        allowed_from={CallStatus.DRAFT},
        refusal=_("The call is already published."),
        actor=actor,
        action="grants.call.publish",
        county=call.programme.county,
        values={"published_at": timezone.now()},
    )
    return call


def _next_year(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _copy(obj: Any, **changes: Any) -> Any:
    """An unsaved copy of a model instance (all concrete fields but the key)."""
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key and field.name not in {"public_id", "created_at", "updated_at"}
    }
    values.update(changes)
    return type(obj)(**values)


@transaction.atomic
def programme_copy(*, actor: Actor, programme: Programme) -> Programme:
    """Next year's programme from this one: criteria, questions and its calls (as drafts,
    each day a year later)."""
    year = programme.year + 1
    if Programme.objects.filter(
        county=programme.county, kind=programme.kind, year=year, title=programme.title
    ).exists():
        raise ValidationError(
            _("The programme has already been copied for %(year)s.") % {"year": year},
            code="already_copied",
        )
    copy = _copy(programme, year=year)
    copy.full_clean()
    copy.save()
    for criterion in programme.criteria.all():
        _copy(criterion, programme_id=copy.pk).save()
    for question in programme.questions.all():
        _copy(question, programme_id=copy.pk).save()
    for call in programme.calls.all():
        new_call = _copy(
            call,
            programme_id=copy.pk,
            status=CallStatus.DRAFT,
            published_at=None,
            opens_on=_next_year(call.opens_on),
            closes_on=_next_year(call.closes_on),
            notices_open_on=_next_year(call.notices_open_on),
            notices_close_on=_next_year(call.notices_close_on),
        )
        new_call.full_clean()
        new_call.save()
    _audit(actor, copy, "grants.programme.copy", details={"from": str(programme.public_id)})
    return copy


@transaction.atomic
def appeal_instructions_save(
    *, actor: Actor, county: County, text_fi: str, text_sv: str = ""
) -> AppealInstructions:
    """The county's own appeal instructions, printed on its decisions (saving the same text
    again changes nothing)."""
    text_fi, text_sv = text_fi.strip(), text_sv.strip()
    if not text_fi:
        raise ValidationError({"text_fi": _("Write the appeal instructions in Finnish.")})
    instructions, created = AppealInstructions.objects.get_or_create(
        county=county, defaults={"text": text_fi, "text_fi": text_fi, "text_sv": text_sv}
    )
    if not created:
        workflow.lock(instructions)
        changed = apply_changes(instructions, {"text_fi": text_fi, "text_sv": text_sv})
        if not changed:
            return instructions
        instructions.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor, action="grants.appeal_instructions.save", obj=instructions, county=county
    )
    return instructions
