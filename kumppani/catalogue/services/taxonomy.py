"""Every write to the classification: terms added or changed by staff."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record

from ..hsds.dumps import dumps_mark_stale
from ..models import Taxonomy, TaxonomyTerm
from ..search.index import index_term_services

_CODE_AND_TEXTS = (
    "code",
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
)
# What staff may set on a term.
TERM_FIELDS = (*_CODE_AND_TEXTS, "parent", "uri")
# What an import may set on a taxonomy.
TAXONOMY_FIELDS = (*_CODE_AND_TEXTS, "uri", "version")


def _apply(
    obj: Taxonomy | TaxonomyTerm, fields: dict[str, Any], allowed: tuple[str, ...] = TERM_FIELDS
) -> list[str]:
    workflow.refuse_unknown(fields, allowed, "taxonomy")
    changed = []
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _create(
    obj: Taxonomy | TaxonomyTerm,
    fields: dict[str, Any],
    allowed: tuple[str, ...],
    *,
    actor: Actor,
    action: str,
    **details: str,
) -> None:
    """Set, check and save a new taxonomy or term; audit it with its code."""
    _apply(obj, fields, allowed)
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, action=action, obj=obj, details={**details, "code": obj.code})


@transaction.atomic
def taxonomy_create(*, actor: Actor, public_id: str | None = None, **fields: Any) -> Taxonomy:
    """Add a vocabulary (an import brings its own, with its id)."""
    taxonomy = Taxonomy(public_id=public_id) if public_id else Taxonomy()
    _create(taxonomy, fields, TAXONOMY_FIELDS, actor=actor, action="catalogue.taxonomy.create")
    return taxonomy


@transaction.atomic
def taxonomy_term_create(
    *, actor: Actor, taxonomy: Taxonomy, public_id: str | None = None, **fields: Any
) -> TaxonomyTerm:
    term = (
        TaxonomyTerm(taxonomy=taxonomy, public_id=public_id)
        if public_id
        else TaxonomyTerm(taxonomy=taxonomy)
    )
    _create(
        term,
        fields,
        TERM_FIELDS,
        actor=actor,
        action="catalogue.taxonomy_term.create",
        taxonomy=taxonomy.code,
    )
    return term


@transaction.atomic
def taxonomy_term_update(*, term: TaxonomyTerm, actor: Actor, **fields: Any) -> TaxonomyTerm:
    """Change a term; the activities that show its name are re-indexed."""
    changed = _apply(term, fields)
    if not changed:
        return term
    term.full_clean()
    term.save(update_fields=changed)
    audit_record(
        actor=actor,
        action="catalogue.taxonomy_term.update",
        obj=term,
        details={"changed": sorted(changed)},
    )
    if any(name.startswith("name") for name in changed):
        index_term_services(term)
    dumps_mark_stale()
    return term
