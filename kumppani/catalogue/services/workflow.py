"""The workflow steps services and volunteer tasks share.

Both kinds of entry are created and changed the same way (`create`, `update`, `save`): only
the fields that change are written, the contact person's consent is recorded, the kind's own
rules are checked and its related rows saved. Every write is audited and then brings the
search index up to date (`record`); both kinds are published and archived (`publish`,
`archive`), and a coordinator hides a misleading entry and shows it again (`hide`, `unhide`),
the same way. What differs between the kinds comes in an `EntryKind`: the county an audit
event is filed under, the index hook, the audit actions' prefix, the wording of the refusals,
and the checks and related rows of a write. The callers keep their own
`@transaction.atomic`, checks and emails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.roles import county_for_event
from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes, check_version
from kumppani.core.languages import has_text
from kumppani.core.models import County
from kumppani.organisations.models import Organisation

from ..models import PublicationStatus, Service, VolunteerTask
from .contact import apply_contact_consent, consent_details

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
    check: Callable[[Entry], None]  # the kind's rules for what is saved; raises ValidationError
    related: tuple[str, ...]  # the values `save_related` sets, after the entry is saved
    save_related: Callable[[Entry, dict[str, Any]], list[str]]  # returns the names changed
    current: Callable[[Entry, str], Any]  # a value as stored, for `check_version`


def audit_county(
    actor: Actor, counties: QuerySet[County], organisation: Organisation
) -> County | None:
    """The acting coordinator's county among the entry's, else its first, else the
    organisation's first."""
    return (
        county_for_event(actor.user, counties) or organisation.counties().order_by("code").first()
    )


def require_text(obj: Any, field: str, message: str) -> None:
    """Refuse an entry whose translated field is empty in every language."""
    if not has_text(obj, field):
        raise ValidationError({f"{field}_fi": message})


def set_links(entry: Any, name: str, items: Iterable[Any]) -> bool:
    """Link the entry to these items (a many-to-many relation); whether that changed it."""
    manager = getattr(entry, name)
    new = {item.pk for item in items}
    if new == set(manager.values_list("pk", flat=True)):
        return False
    manager.set(new)
    return True


def save(
    kind: EntryKind[Entry],
    entry: Entry,
    values: Mapping[str, Any],
    *,
    actor: Actor,
    stamp: Mapping[str, Any] | None = None,
) -> list[str]:
    """Check and save the entry and its related rows; return the names of those changed.

    `stamp` are fields set on every save (the details confirmed), written even when nothing
    else changed. Without a word on consent (`contact_consent`), a changed contact person
    loses the consent given before.
    """
    fields = dict(values)
    related = {name: fields.pop(name) for name in kind.related if name in fields}
    consent = fields.pop("contact_consent", None)
    changed: list[str] = apply_changes(entry, fields)
    changed += apply_contact_consent(entry, consent=consent, changed=changed, actor=actor)
    kind.check(entry)
    stamped: dict[str, Any] = dict(stamp or {})
    for name, value in stamped.items():
        setattr(entry, name, value)
    entry.full_clean()
    if entry._state.adding:
        entry.save()
    elif changed or stamped:  # write only what changed: a coordinator may be hiding it now
        entry.save(update_fields=[*changed, *stamped, "updated_at"])
    return changed + kind.save_related(entry, related)


def create(
    kind: EntryKind[Entry],
    entry: Entry,
    fields: Mapping[str, Any],
    *,
    actor: Actor,
    related: Mapping[str, Any] | None = None,
    stamp: Mapping[str, Any] | None = None,
) -> None:
    """Save a new entry (`save`) and audit its creation."""
    changed = save(kind, entry, {**fields, **(related or {})}, actor=actor, stamp=stamp)
    record(
        kind,
        entry,
        action=f"{kind.actions}.create",
        actor=actor,
        details=consent_details(changed, entry) or None,
    )


def update(
    kind: EntryKind[Entry],
    entry: Entry,
    fields: Mapping[str, Any],
    *,
    actor: Actor,
    base_version: str | None,
    related: Mapping[str, Any] | None = None,
    stamp: Mapping[str, Any] | None = None,
) -> list[str]:
    """Change the entry: only the fields given (and `related`, which an edit made on an older
    version is not compared on) are touched, an edit of an older version is refused, and a
    change is audited. Return the names of what changed."""
    workflow.lock(entry)
    check_version(entry, base_version, fields, current=partial(kind.current, entry))
    changed = save(kind, entry, {**fields, **(related or {})}, actor=actor, stamp=stamp)
    if changed:
        record(
            kind,
            entry,
            action=f"{kind.actions}.update",
            actor=actor,
            details={"changed": sorted(changed), **consent_details(changed, entry)},
        )
    return changed


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


def hide(kind: EntryKind[Entry], entry: Entry, *, reason: str, actor: Actor, **also: Any) -> None:
    """Hide the entry from the public for the given reason; `also` are further fields to set
    (who hid it, where the model keeps that)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _(kind.hide_needs_reason)})
    _set_hidden(kind, entry, hidden=True, reason=reason, actor=actor, also=also)


def unhide(kind: EntryKind[Entry], entry: Entry, *, actor: Actor, **also: Any) -> None:
    """Show a hidden entry again; `also` are further fields to clear."""
    _set_hidden(kind, entry, hidden=False, reason="", actor=actor, also=also)


def _set_hidden(
    kind: EntryKind[Entry],
    entry: Entry,
    *,
    hidden: bool,
    reason: str,
    actor: Actor,
    also: dict[str, Any],
) -> None:
    """Hide the (unlocked) entry or show it again, with history and audit, then bring its
    search document up to date."""
    workflow.lock(entry)
    if (entry.hidden_at is not None) == hidden:
        raise ValidationError(_(kind.already_hidden if hidden else kind.not_hidden))
    save_fields(entry, hidden_at=timezone.now() if hidden else None, hidden_reason=reason, **also)
    shown, hidden_state = workflow.SHOWN, workflow.HIDDEN
    workflow.record_change(
        entry,
        field="hidden",
        from_state=shown if hidden else hidden_state,
        to_state=hidden_state if hidden else shown,
        reason=reason,
        actor=actor,
        action=f"{kind.actions}.{'hide' if hidden else 'unhide'}",
        county=kind.audit_county(actor, entry),
    )
    kind.reindex(entry)
