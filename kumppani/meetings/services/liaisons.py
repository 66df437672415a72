"""The liaison roster: the county's coordinator adds and changes a municipality's liaison
persons and confirms its roster for a year."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import Municipality

from ..models import LiaisonPerson

LIAISON_FIELDS = (
    "name",
    "title",
    "email",
    "phone",
    "role",
    "paired_with",
    "publish_consent",
    "user",
    "is_active",
)


@transaction.atomic
def liaison_create(*, municipality: Municipality, actor: Actor, **fields: Any) -> LiaisonPerson:
    workflow.refuse_unknown(fields, LIAISON_FIELDS, "liaison")
    person = LiaisonPerson(municipality=municipality, **fields)
    return workflow.create(
        person, actor=actor, action="meetings.liaison.create", county=municipality.county
    )


@transaction.atomic
def liaison_update(*, person: LiaisonPerson, actor: Actor, **fields: Any) -> list[str]:
    """Change the person's details; returns the fields that changed (only they are
    written). A change of consent is audited like any other change."""
    workflow.refuse_unknown(fields, LIAISON_FIELDS, "liaison")
    workflow.lock(person)
    changed = [name for name, value in fields.items() if getattr(person, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(person, name, fields[name])
    person.full_clean()
    person.save(update_fields=changed)
    audit_record(
        actor=actor,
        action="meetings.liaison.update",
        obj=person,
        county=person.municipality.county,
        details={"fields": changed},
    )
    return changed


@transaction.atomic
def roster_confirm(*, municipality: Municipality, year: int, actor: Actor) -> int:
    """Confirm the municipality's active liaison persons for the year; returns how many
    were not yet confirmed for it (a repeat changes nothing and records nothing)."""
    persons = LiaisonPerson.objects.select_for_update().filter(
        municipality=municipality, is_active=True
    )
    ids = [person.pk for person in persons if person.confirmed_year != year]
    if not ids:
        return 0
    LiaisonPerson.objects.filter(pk__in=ids).update(confirmed_year=year)
    audit_record(
        actor=actor,
        action="meetings.liaison.confirm",
        obj=municipality,
        county=municipality.county,
        details={"year": year, "persons": len(ids)},
    )
    return len(ids)
