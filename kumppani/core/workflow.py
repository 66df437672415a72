"""Workflows with history: an object moves between the states of a `TextChoices` field, one
service per transition, and every move leaves a `StatusChange` row and an audit event.

An app's transition service looks like::

    @transaction.atomic
    def service_publish(*, service: Service, actor: Actor) -> Service:
        workflow.lock(service)
        ...checks of its own...
        workflow.transition(
            service, to=Status.PUBLISHED, allowed_from={Status.DRAFT, Status.ARCHIVED},
            refusal=_("The activity is already published."), actor=actor,
            action="catalogue.service.publish", county=...,
        )
        return service
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .actor import Actor
from .audit import audit_record
from .concurrency import apply_changes, check_version
from .models import County, StatusChange

M = TypeVar("M", bound=models.Model)

# States that are not a model field's choices: whether a coordinator has hidden an entry.
HIDDEN, SHOWN = "hidden", "shown"
EXTRA_STATE_LABELS = {HIDDEN: _("hidden"), SHOWN: _("shown")}


def lock(obj: M) -> M:
    """Lock the object's row for the rest of the transaction and read it afresh, so a
    transition decides on the state no one else is changing meanwhile."""
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(fresh, field.attname))
    return obj


def refuse_unknown(fields: Mapping[str, Any], allowed: Collection[str], what: str) -> None:
    """A service that takes its fields as keywords names the ones it changes: any other is
    a mistake of the caller (ValueError)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Unknown {what} field: {sorted(unknown)}")


def create(
    obj: M,
    *,
    actor: Actor,
    action: str,
    county: County | None = None,
    details: dict[str, Any] | None = None,
) -> M:
    """Validate and save a new object and audit its making (inside the caller's
    transaction)."""
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, action=action, obj=obj, county=county, details=details)
    return obj


def save_edit(
    obj: M,
    fields: Mapping[str, Any],
    *,
    base_version: str | None,
    actor: Actor,
    action: str,
    county: County | None = None,
) -> list[str]:
    """Save an editor's ``fields`` of ``obj`` (inside the caller's transaction): lock it,
    refuse a change made meanwhile to the version the editor saw (`check_version`), and
    write and audit only the fields that changed, after validation. Returns their names."""
    lock(obj)
    check_version(obj, base_version, fields)
    changed = apply_changes(obj, fields)
    if changed:
        obj.full_clean()
        obj.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action=action,
            obj=obj,
            county=county,
            details={"changed": sorted(changed)},
        )
    return changed


def _save(obj: models.Model, names: list[str]) -> None:
    obj.full_clean()
    if any(field.name == "updated_at" for field in obj._meta.concrete_fields):
        names = [*names, "updated_at"]
    obj.save(update_fields=names)


def transition(
    obj: models.Model,
    *,
    to: str,
    allowed_from: Collection[str],
    refusal: str,
    actor: Actor,
    action: str,
    field: str = "status",
    reason: str = "",
    cause: str = "",
    county: County | None = None,
    values: Mapping[str, Any] | None = None,
    details: dict[str, Any] | None = None,
) -> StatusChange:
    """Move ``obj`` (locked by the caller with `lock`) to state ``to`` from one of
    ``allowed_from``, also setting ``values``; record the change and audit it. ``cause``
    marks a move that followed from another (see `StatusChange.cause`).

    Raises ValidationError(``refusal``) when the object is in another state.
    """
    current = str(getattr(obj, field))
    if current not in allowed_from:
        raise ValidationError(refusal, code="invalid_transition")
    setattr(obj, field, to)
    for name, value in (values or {}).items():
        setattr(obj, name, value)
    _save(obj, [field, *(values or {})])
    return record_change(
        obj,
        field=field,
        from_state=current,
        to_state=to,
        actor=actor,
        action=action,
        reason=reason,
        cause=cause,
        county=county,
        details=details,
    )


def record_change(
    obj: models.Model,
    *,
    field: str,
    from_state: str,
    to_state: str,
    actor: Actor,
    action: str,
    reason: str = "",
    cause: str = "",
    county: County | None = None,
    details: dict[str, Any] | None = None,
) -> StatusChange:
    """Record a change of state made by the caller (one not kept in a single field, such as
    hiding) in the object's history and the audit log."""
    change = StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        field=field,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        cause=cause,
        actor=actor.user,
        actor_label=actor.display,
    )
    audit_details: dict[str, Any] = {"from": from_state, "to": to_state}
    if reason:
        audit_details["reason"] = reason
    if cause:
        audit_details["cause"] = cause
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        county=county,
        details={**audit_details, **(details or {})},
    )
    return change


def history(obj: models.Model) -> list[StatusChange]:
    """The object's status changes, oldest first, each with ``from_label`` and ``to_label``
    in the reader's language."""
    changes = list(
        StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).order_by("changed_at", "id")
    )
    for change in changes:
        labels = state_labels(obj, change.field)
        change.from_label = str(labels.get(change.from_state, change.from_state))  # type: ignore[attr-defined]
        change.to_label = str(labels.get(change.to_state, change.to_state))  # type: ignore[attr-defined]
    return changes


def state_labels(obj: models.Model, field: str) -> dict[str, Any]:
    """The labels of a state field's choices, and of the states kept outside fields (the
    object's model may add its own as ``history_labels``)."""
    labels: dict[str, Any] = {**EXTRA_STATE_LABELS, **getattr(obj, "history_labels", {})}
    try:
        choices = obj._meta.get_field(field).choices  # type: ignore[union-attr]
    except FieldDoesNotExist:
        choices = None
    labels.update(dict(choices or ()))
    return labels
