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
from kumppani.core.concurrency import apply_changes, check_version

from ..models import Application, Call, CallStatus, Criterion, Programme, Question


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


# --- editing a programme and its calls --------------------------------------------------------

PROGRAMME_FIELDS = (
    "year",
    "kind",
    "title_fi",
    "title_sv",
    "description_fi",
    "description_sv",
    "appropriation",
    "requires_business_id",
    "requires_non_profit",
    "requires_operating_in_county",
    "requires_previous_report",
    "required_attachments",
)
CRITERION_FIELDS = ("goal", "title_fi", "title_sv", "weight")
QUESTION_FIELDS = (
    "kind",
    "text_fi",
    "text_sv",
    "text_en",
    "options_fi",
    "options_sv",
    "is_required",
)
CALL_FIELDS = (
    "title_fi",
    "title_sv",
    "text_fi",
    "text_sv",
    "opens_on",
    "closes_on",
    "notices_open_on",
    "notices_close_on",
)


def applications_sent(programme: Programme) -> bool:
    """Whether an application has been sent to a call of the programme (withdrawn ones
    count: they were made on its criteria and questions)."""
    return Application.objects.filter(
        call__programme=programme, submitted_at__isnull=False
    ).exists()


def _replace_rows(
    programme: Programme,
    model: type[Criterion] | type[Question],
    rows: Sequence[Mapping[str, Any]],
    names: Sequence[str],
) -> bool:
    """Make the programme's criteria (or questions) the rows given, in their order: a row
    with the ``id`` of an existing one changes it, one without adds one, and those not given
    are removed. Return whether anything changed."""
    existing = {obj.pk: obj for obj in model.objects.filter(programme=programme)}
    kept: set[int] = set()
    changed = False
    for position, row in enumerate(rows):
        workflow.refuse_unknown(
            {k: v for k, v in row.items() if k != "id"}, names, model.__name__.lower()
        )
        values = {name: row[name] for name in names if name in row}
        goal = values.get("goal")
        if goal is not None and goal.county_id != programme.county_id:
            raise ValidationError({"goal": _("Choose one of the county's own goals.")})
        pk = row.get("id")
        if pk:
            obj = existing.get(pk)
            if obj is None or pk in kept:
                raise ValidationError(_("The row is not one of this programme's."), code="row")
            kept.add(pk)
            names_set = apply_changes(obj, {**values, "position": position})
            if names_set:
                obj.full_clean()
                obj.save(update_fields=names_set)
                changed = True
        else:
            obj = model(programme=programme, position=position, **values)
            obj.full_clean()
            obj.save()
            changed = True
    removed = [pk for pk in existing if pk not in kept]
    if removed:
        model.objects.filter(pk__in=removed).delete()
        changed = True
    return changed


@transaction.atomic
def programme_update(
    *,
    actor: Actor,
    programme: Programme,
    base_version: str | None = None,
    criteria: Sequence[Mapping[str, Any]] | None = None,
    questions: Sequence[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Programme:
    """Save the programme: only what changed is written. ``criteria`` and ``questions``
    (each a dict of their fields, with ``id`` for an existing one) replace the programme's
    when given; they can no longer change once an application has been sent to one of its
    calls, since those applications were made and are reviewed on them."""
    workflow.refuse_unknown(fields, PROGRAMME_FIELDS, "programme")
    workflow.lock(programme)
    check_version(programme, base_version, fields)
    changed = apply_changes(programme, fields)
    if changed:
        programme.full_clean()
    rows_changed = []
    if criteria is not None and _replace_rows(programme, Criterion, criteria, CRITERION_FIELDS):
        rows_changed.append("criteria")
    if questions is not None and _replace_rows(programme, Question, questions, QUESTION_FIELDS):
        rows_changed.append("questions")
    if rows_changed and applications_sent(programme):
        # Rolls back the rows changed above with the rest of the transaction.
        raise ValidationError(
            _(
                "Applications have already been sent to a call of this programme, so its "
                "criteria and questions can no longer be changed: the applications were "
                "written for them and are reviewed on them."
            ),
            code="criteria_locked",
        )
    if changed or rows_changed:
        # The version changes with the rows too, so that two editors of them notice.
        programme.save(update_fields=[*changed, "updated_at"])
        _audit(
            actor,
            programme,
            "grants.programme.update",
            details={"changed": sorted([*changed, *rows_changed])},
        )
    return programme


@transaction.atomic
def call_update(
    *, actor: Actor, call: Call, base_version: str | None = None, **fields: Any
) -> Call:
    """Save the call's texts and days: only what changed is written."""
    workflow.refuse_unknown(fields, CALL_FIELDS, "call")
    workflow.save_edit(
        call,
        fields,
        base_version=base_version,
        actor=actor,
        action="grants.call.update",
        county=call.programme.county,
    )
    return call
