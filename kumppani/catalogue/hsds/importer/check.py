"""Phase 1 of an import: check every record and plan its writes, before anything is written.

Besides what each record says (JSON Schema, types, lengths, municipalities, dates), the file
as a whole: an id may appear only once (an organisation, place or term repeated with the
same details is the same one), and every organisation named only by id must be known.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kumppani.organisations.models import Organisation

from ..errors import Problem
from ..limits import Limits
from ..reader import Record
from ..validation import schema_errors
from .fields import Fields
from .lookups import Lookups
from .plan import ServicePlan, plan_service

# jsonschema quotes the offending value; a message is cut to this length.
MESSAGE_LENGTH = 300


@dataclass
class Checked:
    plans: list[tuple[Record, ServicePlan]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check(
    records: list[Record], *, lookups: Lookups, language: str | None, limit: Limits
) -> Checked:
    checked = Checked()
    for record in records:
        fields = Fields(record, limit, checked.problems, checked.warnings)
        errors = schema_errors(record.data, "service.json")
        for error in errors:
            where, _sep, message = error.partition(": ")
            fields.problem(where, message[:MESSAGE_LENGTH])
        if errors:
            continue
        plan = plan_service(fields, lookups, language)
        if plan is not None:
            checked.plans.append((record, plan))
    Repeats(checked.problems).check(checked.plans)
    check_organisations_known(checked)
    return checked


class Repeats:
    """An id seen twice: the same object again is fine, a different one is not."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.seen: dict[tuple[str, str], tuple[str, str]] = {}

    def see(self, record: Record, where: str, kind: str, public_id: str, content: Any) -> None:
        key = (kind, public_id)
        fingerprint = json.dumps(content, sort_keys=True, default=str)
        earlier = self.seen.setdefault(key, (record.label, fingerprint))
        if earlier[0] == record.label and earlier[1] == fingerprint:
            return
        if content is None or earlier[1] != fingerprint:
            self.problems.append(
                Problem(
                    record.source,
                    record.label,
                    where,
                    _("the id %(id)s is used twice in the file (also in %(other)s).")
                    % {"id": public_id, "other": earlier[0]},
                )
            )

    def check(self, plans: list[tuple[Record, ServicePlan]]) -> None:
        for record, plan in plans:
            self.see(record, "id", "service", plan.public_id, None)
            org = plan.organisation
            if org.described:
                self.see(record, "organization.id", "organisation", org.public_id, org.fields)
            for index, place in enumerate(plan.places or []):
                where = f"service_at_locations[{index}]"
                self.see(record, f"{where}.id", "link", place.link_id, None)
                content = [place.fields, place.owner_id]
                self.see(record, f"{where}.location.id", "location", place.location_id, content)
            locations = [place.location_id for place in plan.places or []]
            if len(set(locations)) < len(locations):
                self.problems.append(
                    Problem(
                        record.source,
                        record.label,
                        "service_at_locations",
                        _("the same location is listed twice."),
                    )
                )
            for index, time in enumerate(plan.times or []):
                self.see(record, f"schedules[{index}].id", "schedule", time.public_id, None)
            for index, term in enumerate(plan.terms or []):
                where = f"attributes[{index}].taxonomy_term"
                content = [term.fields, term.code, term.parent_id, term.taxonomy_id]
                self.see(record, f"{where}.id", "term", term.public_id, content)
                if term.taxonomy is not None:
                    taxonomy = term.taxonomy
                    content = [taxonomy.fields, taxonomy.code]
                    self.see(
                        record,
                        f"{where}.taxonomy_detail.id",
                        "taxonomy",
                        taxonomy.public_id,
                        content,
                    )


def check_organisations_known(checked: Checked) -> None:
    """An organisation named only by id must be in the file or in the registry."""
    described = {
        plan.organisation.public_id for _r, plan in checked.plans if plan.organisation.described
    }
    referred = {plan.organisation.public_id for _r, plan in checked.plans} - described
    known = {
        str(public_id)
        for public_id in Organisation.objects.filter(public_id__in=referred).values_list(
            "public_id", flat=True
        )
    }
    for record, plan in checked.plans:
        org_id = plan.organisation.public_id
        if org_id in referred and org_id not in known:
            checked.problems.append(
                Problem(
                    record.source,
                    record.label,
                    "organization_id",
                    _("organisation %(id)s is neither in the file nor known.") % {"id": org_id},
                )
            )
