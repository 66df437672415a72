"""Write audit events. Every write and every read of personal data calls `audit_record`
with an action declared in `core.actions`.

A batch job that calls many services (an import) wraps them in `audit_batch`: it writes one
event for the whole run instead of one per object.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from .actions import declared_action
from .actor import Actor
from .models import AuditEvent, AuditOutcome, County


@dataclass
class AuditBatch:
    """What a batch will record: the job fills in `county` and `details`; `counts` tallies
    the per-object events the services would have written, by action."""

    county: County | None = None
    details: dict[str, Any] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)


_BATCH: ContextVar[AuditBatch | None] = ContextVar("kumppani_audit_batch", default=None)


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    county: County | None = None,
    outcome: str = AuditOutcome.SUCCESS,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event for a declared action (inside `audit_batch`, count it for the
    batch's one event instead: the event returned is then not saved)."""
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
    batch = _BATCH.get()
    if batch is not None:
        batch.counts[action] += 1
        return event
    event.save()
    return event


@contextmanager
def audit_batch(*, actor: Actor, action: str) -> Iterator[AuditBatch]:
    """Record the services called inside as one event of `action`, written when the block
    ends without an error, with the batch's county and details and the per-object events'
    counts (``details["events"]``). Use it inside the batch's transaction, so that a failed
    run leaves neither its changes nor an event. Batches do not nest."""
    declared_action(action)
    if _BATCH.get() is not None:
        raise RuntimeError("Audit batches do not nest.")
    batch = AuditBatch()
    token = _BATCH.set(batch)
    try:
        yield batch
    finally:
        _BATCH.reset(token)
    audit_record(
        actor=actor,
        action=action,
        county=batch.county,
        details={**batch.details, "events": dict(sorted(batch.counts.items()))},
    )
