"""Write audit events. Every write and every read of personal data calls `audit_record`
with an action declared in `core.actions`."""

from __future__ import annotations

from typing import Any

from django.db import models

from .actions import declared_action
from .actor import Actor
from .models import AuditEvent, AuditOutcome, County


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    county: County | None = None,
    outcome: str = AuditOutcome.SUCCESS,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event for a declared action."""
    declared_action(action)  # raises on an undeclared action
    event = AuditEvent(
        actor=actor.user,
        actor_label=actor.display,
        actor_name=str(getattr(actor.user, "full_name", "") or "")[:200],
        action=action,
        county=county,
        ip_address=actor.ip_address,
        outcome=outcome,
        details=details or {},
    )
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_id = str(obj.pk)
        event.object_label = str(obj)[:255]
    event.save()
    return event
