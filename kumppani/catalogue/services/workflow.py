"""The workflow steps services and volunteer tasks share.

Every write to either kind of entry is audited and then brings the search index up to date
(`record`); both kinds are published and archived (`publish`, `archive`), and a coordinator
hides a misleading entry and shows it again (`hide`, `unhide`), the same way. What differs
between the kinds comes in an `EntryKind`: the county an audit event is filed under, the
index hook, the audit actions' prefix and the wording of the refusals. The callers keep
their own `@transaction.atomic`, checks and emails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.roles import county_for_event
from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import County
from kumppani.organisations.models import Organisation

from ..models import PublicationStatus, Service, VolunteerTask

Entry = TypeVar("Entry", Service, VolunteerTask)


@dataclass(frozen=True)
class Hidden(Generic[Entry]):
    """A hidden entry, and how many of its representatives were emailed about it."""

    entry: Entry
    emails_queued: int


@dataclass(frozen=True)
class EntryKind(Generic[Entry]):
    """What the shared steps need to know about services, or about volunteer tasks.

    The refusals are marked with gettext_noop and translated when raised, in the language
    active then, like every other refusal of the services.
    """

    audit_county: Callable[[Actor, Entry], County | None]
    reindex: Callable[[Entry], None]
    actions: str  # the audit actions' prefix, "app.entity"
    hide_needs_reason: str
    already_hidden: str
    not_hidden: str
    already_published: str
    already_archived: str


def audit_county(
    actor: Actor, counties: QuerySet[County], organisation: Organisation
) -> County | None:
    """The acting coordinator's county among the entry's, else its first, else the
    organisation's first."""
    return (
        county_for_event(actor.user, counties) or organisation.counties().order_by("code").first()
    )


def record(
    kind: EntryKind[Entry],
    entry: Entry,
    *,
    action: str,
    actor: Actor,
    details: dict[str, Any] | None = None,
) -> None:
    """Audit a write to the entry, then bring its search document up to date."""
    audit_record(
        actor=actor,
        action=action,
        obj=entry,
        county=kind.audit_county(actor, entry),
        details=details,
    )
    kind.reindex(entry)


def save_fields(entry: Entry, **values: Any) -> None:
    """Set the values, validate the entry and save only those fields."""
    for name, value in values.items():
        setattr(entry, name, value)
    entry.full_clean()
    entry.save(update_fields=[*values, "updated_at"])


def transition(
    kind: EntryKind[Entry],
    entry: Entry,
    *,
    to: str,
    allowed_from: set[str],
    refusal: str,
    actor: Actor,
    action: str,
    values: dict[str, Any] | None = None,
    reason: str = "",
    cause: str = "",
) -> None:
    """Move the (locked) entry to another publication status, with history and audit, then
    bring its search document up to date."""
    workflow.transition(
        entry,
        to=to,
        allowed_from=allowed_from,
        refusal=refusal,
        actor=actor,
        action=action,
        county=kind.audit_county(actor, entry),
        values=values,
        reason=reason,
        cause=cause,
    )
    kind.reindex(entry)


def publish(
    kind: EntryKind[Entry], entry: Entry, *, actor: Actor, values: dict[str, Any] | None = None
) -> None:
    """Make the (locked, checked) entry public: from a draft, or again after archiving."""
    transition(
        kind,
        entry,
        to=PublicationStatus.PUBLISHED,
        allowed_from={PublicationStatus.DRAFT, PublicationStatus.ARCHIVED},
        refusal=_(kind.already_published),
        actor=actor,
        action=f"{kind.actions}.publish",
        values=values,
    )


def archive(kind: EntryKind[Entry], entry: Entry, *, actor: Actor) -> None:
    """Take the entry off the public catalogue, with history."""
    workflow.lock(entry)
    transition(
        kind,
        entry,
        to=PublicationStatus.ARCHIVED,
        allowed_from={PublicationStatus.DRAFT, PublicationStatus.PUBLISHED},
        refusal=_(kind.already_archived),
        actor=actor,
        action=f"{kind.actions}.archive",
    )


def hide(
    kind: EntryKind[Entry],
    entry: Entry,
    *,
    reason: str,
    actor: Actor,
    action: str,
    **also: Any,
) -> None:
    """Hide the entry from the public for the given reason; `also` are further fields to set
    (who hid it, where the model keeps that)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _(kind.hide_needs_reason)})
    workflow.lock(entry)
    if entry.hidden_at is not None:
        raise ValidationError(_(kind.already_hidden))
    save_fields(entry, hidden_at=timezone.now(), hidden_reason=reason, **also)
    workflow.record_change(
        entry,
        field="hidden",
        from_state=workflow.SHOWN,
        to_state=workflow.HIDDEN,
        reason=reason,
        actor=actor,
        action=action,
        county=kind.audit_county(actor, entry),
    )
    kind.reindex(entry)


def unhide(kind: EntryKind[Entry], entry: Entry, *, actor: Actor, action: str, **also: Any) -> None:
    """Show a hidden entry again; `also` are further fields to clear."""
    workflow.lock(entry)
    if entry.hidden_at is None:
        raise ValidationError(_(kind.not_hidden))
    save_fields(entry, hidden_at=None, hidden_reason="", **also)
    workflow.record_change(
        entry,
        field="hidden",
        from_state=workflow.HIDDEN,
        to_state=workflow.SHOWN,
        actor=actor,
        action=action,
        county=kind.audit_county(actor, entry),
    )
    kind.reindex(entry)
