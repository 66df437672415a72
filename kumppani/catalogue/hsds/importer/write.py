"""Phase 2 of an import: write the checked plans through the organisation and catalogue
services, each record in a savepoint so that every refusal is reported; the caller rolls
the whole import back when there is any."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kumppani.catalogue.models import Taxonomy, TaxonomyTerm
from kumppani.catalogue.services import service_publish
from kumppani.catalogue.services.imports import (
    ImportedPlace,
    ImportedTime,
    location_import,
    service_import,
)
from kumppani.catalogue.services.taxonomy import taxonomy_create, taxonomy_term_create
from kumppani.core.actor import Actor
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation
from kumppani.organisations.services import organisation_create

from ..errors import Problem
from ..reader import Record
from .plan import OrganisationPlan, PlacePlan, ServicePlan, TaxonomyPlan, TermPlan


@dataclass
class Written:
    """What the import did, per kind of row: created, updated, unchanged."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    service_pks: list[int] = field(default_factory=list)
    counties: set[County] = field(default_factory=set)
    nationwide: bool = False


class Writer:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.written = Written()
        self.organisations: dict[str, Organisation] = {}

    def write(self, plans: list[tuple[Record, ServicePlan]]) -> Written:
        areas = self.organisation_areas(plans)
        for record, plan in plans:
            known = dict(self.organisations)
            try:
                with transaction.atomic():
                    organisation = self.organisation(record, plan.organisation, areas)
                    self.service(record, plan, organisation)
            except ValidationError as error:
                self.organisations = known  # one created in the savepoint is gone with it
                self.refused(record, error)
        return self.written

    def refused(self, record: Record, error: ValidationError, where: str = "") -> None:
        items = (
            error.message_dict.items()
            if hasattr(error, "error_dict")
            else [(where, error.messages)]
        )
        for name, messages in items:
            field_name = "" if name == "__all__" else name
            for message in messages:
                self.written.problems.append(
                    Problem(record.source, record.label, field_name or where or "id", message)
                )

    def count(self, kind: str, change: str) -> None:
        self.written.counts[kind][change] += 1

    @staticmethod
    def organisation_areas(plans: list[tuple[Record, ServicePlan]]) -> dict[str, set[Municipality]]:
        areas: dict[str, set[Municipality]] = defaultdict(set)
        for _record, plan in plans:
            areas[plan.organisation.public_id] |= set(plan.fields.get("municipalities", ()))
        return areas

    def organisation(
        self, record: Record, plan: OrganisationPlan, areas: dict[str, set[Municipality]]
    ) -> Organisation:
        """The registry's organisation, created when new. One already in the registry keeps
        its details (its representatives and coordinators keep them), whatever the file says."""
        if plan.public_id in self.organisations:
            return self.organisations[plan.public_id]
        organisation = Organisation.objects.filter(public_id=plan.public_id).first()
        if organisation is None:
            umbrella = None
            if plan.umbrella_id:
                umbrella = Organisation.objects.filter(public_id=plan.umbrella_id).first()
            organisation = organisation_create(
                actor=self.actor,
                public_id=plan.public_id,
                umbrella=umbrella,
                municipalities=sorted(areas[plan.public_id], key=lambda m: m.code),
                **plan.fields,
            )
            self.count("organisations", "created")
        else:
            if plan.described and any(
                getattr(organisation, name) != value
                for name, value in plan.fields.items()
                if name.startswith("name_") and value
            ):
                self.written.warnings.append(
                    Problem(
                        record.source,
                        record.label,
                        "organization",
                        _("the organisation is already in the registry; its details were kept."),
                    )
                )
            self.count("organisations", "unchanged")
        self.organisations[plan.public_id] = organisation
        return organisation

    def service(self, record: Record, plan: ServicePlan, organisation: Organisation) -> None:
        fields: dict[str, Any] = dict(plan.fields)
        if plan.terms is not None:
            fields["terms"] = [self.term(term) for term in plan.terms] + list(
                TaxonomyTerm.objects.filter(public_id__in=plan.referred_term_ids)
            )
        places = None if plan.places is None else [self.place(p, organisation) for p in plan.places]
        times = None
        if plan.times is not None:
            by_id = {str(place.location.public_id): place.location for place in places or []}
            times = [
                ImportedTime(t.public_id, by_id.get(t.location_id or ""), t.fields)
                for t in plan.times
            ]
        service, change = service_import(
            public_id=plan.public_id,
            organisation=organisation,
            actor=self.actor,
            verified_at=plan.verified_at,
            places=places,
            times=times,
            **fields,
        )
        self.count("services", change)
        if change == "created" and plan.publish:
            try:
                with transaction.atomic():
                    service_publish(service=service, actor=self.actor)
            except ValidationError as error:
                for message in error.messages:
                    self.written.warnings.append(
                        Problem(
                            record.source,
                            record.label,
                            "status",
                            _("left as a draft: %(reason)s") % {"reason": message},
                        )
                    )
        self.written.service_pks.append(service.pk)
        self.written.counties |= set(County.objects.filter(services=service))
        self.written.counties |= {
            m.county for m in service.municipalities.select_related("county") if m.county
        }
        self.written.nationwide |= service.is_nationwide

    def place(self, plan: PlacePlan, organisation: Organisation) -> ImportedPlace:
        """The activity's place: a new one belongs to the organisation the file names for it
        (else the activity's); an existing one may be changed only on behalf of its owner."""
        owner = None
        if plan.owner_id:
            owner = Organisation.objects.filter(public_id=plan.owner_id).first()
        location, change = location_import(
            public_id=plan.location_id,
            organisation=organisation,
            owner=owner,
            actor=self.actor,
            **plan.fields,
        )
        self.count("locations", change)
        return ImportedPlace(plan.link_id, location, plan.link_description)

    def taxonomy(self, plan: TaxonomyPlan) -> Taxonomy:
        """A vocabulary the registry does not have yet is added; one it has is used as it is
        (staff keep the classification)."""
        taxonomy = Taxonomy.objects.filter(public_id=plan.public_id).first()
        if taxonomy is not None:
            return taxonomy
        code = unique_code(Taxonomy.objects.all(), plan.code, plan.public_id, 50)
        return taxonomy_create(actor=self.actor, public_id=plan.public_id, code=code, **plan.fields)

    def term(self, plan: TermPlan) -> TaxonomyTerm:
        """Like taxonomies: a new term is added, a known one is used as it is."""
        term = TaxonomyTerm.objects.filter(public_id=plan.public_id).first()
        if term is not None:
            self.count("taxonomy_terms", "unchanged")
            return term
        if plan.taxonomy is not None:
            taxonomy = self.taxonomy(plan.taxonomy)
        else:
            found = (
                Taxonomy.objects.filter(public_id=plan.taxonomy_id).first()
                if plan.taxonomy_id
                else None
            )
            if found is None:
                raise ValidationError(
                    {
                        "attributes": _("taxonomy %(id)s is neither in the file nor known.")
                        % {"id": plan.taxonomy_id}
                    }
                )
            taxonomy = found
        parent = None
        if plan.parent_id:
            parent = TaxonomyTerm.objects.filter(public_id=plan.parent_id).first()
        code = unique_code(taxonomy.terms.all(), plan.code, plan.public_id, 80)
        term = taxonomy_term_create(
            actor=self.actor,
            taxonomy=taxonomy,
            public_id=plan.public_id,
            code=code,
            parent=parent,
            **plan.fields,
        )
        self.count("taxonomy_terms", "created")
        return term


def unique_code(queryset: Any, base: str, public_id: str, max_length: int) -> str:
    code = base[:max_length]
    if queryset.filter(code=code).exclude(public_id=public_id).exists():
        code = f"{base[: max_length - 9]}-{public_id[:8]}"
    return code
