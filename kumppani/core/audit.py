"""Write audit events. Every write and every read of personal data calls `audit_record`."""

from __future__ import annotations

from typing import Any

from django.db import models

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
    """Append one audit event; `action` is a dotted verb such as `organisation.update`."""
    event = AuditEvent(
        actor=actor.user,
        actor_label=actor.display,
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


def coordinator_county(actor: Actor, counties: models.QuerySet[County]) -> County | None:
    """The county an audit event belongs to, among ``counties`` (those its object concerns):
    the acting coordinator's own, when one is among them, else the first by code."""
    from kumppani.accounts.models import CountyRoleKind

    if actor.user is not None:
        own = counties.filter(
            roles__user=actor.user, roles__role=CountyRoleKind.COORDINATOR
        ).order_by("code")
        if first := own.first():
            return first
    return counties.order_by("code").first()
