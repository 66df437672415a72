"""Recording the contact person's consent to be shown publicly (services and tasks alike).

Consent belongs to a person and the details they agreed to: it is recorded (who, when) when
an editor ticks it, recorded again when the name, email or phone change while it stays
ticked, and cleared when it is unticked, when the person's details are emptied, or when they
change through a caller that says nothing about consent (an API client, an import).
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.utils import timezone

from kumppani.core.actor import Actor


class ContactFields(TypedDict, total=False):
    """The contact person an editor may set on a service or a volunteer task."""

    contact_title_fi: str
    contact_title_sv: str
    contact_title_en: str
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_consent: bool


PERSON_FIELDS = ("contact_name", "contact_email", "contact_phone")
CONSENT_FIELDS = ["contact_consent_at", "contact_consent_by"]


def apply_contact_consent(
    entry: Any, *, consent: bool | None, changed: list[str], actor: Actor
) -> list[str]:
    """Set the entry's consent record after its other fields were applied (``changed``
    names those that changed); return the consent fields that change."""
    has_person = any(getattr(entry, name) for name in PERSON_FIELDS)
    person_changed = any(name in changed for name in PERSON_FIELDS)
    recorded = entry.contact_consent_at is not None
    if consent is None:
        consent = recorded and not person_changed
    if not (consent and has_person):
        if not recorded and entry.contact_consent_by_id is None:
            return []
        entry.contact_consent_at = None
        entry.contact_consent_by = None
        return list(CONSENT_FIELDS)
    if recorded and not person_changed:
        return []
    entry.contact_consent_at = timezone.now()
    entry.contact_consent_by = actor.user
    return list(CONSENT_FIELDS)


def consent_details(changed: list[str], entry: Any) -> dict[str, Any]:
    """What the audit event says about consent, when it changed."""
    if "contact_consent_at" not in changed:
        return {}
    return {"contact_consent": "recorded" if entry.contact_consent_at else "withdrawn"}
