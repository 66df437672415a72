"""The meetings API: open meetings, liaison persons, statements, consultations and the
statutory calendar for everyone; registrations for signed-in users."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["meetings"])


# The statutory calendar. Registered before any "/meetings/{id}" path, so that "compliance"
# is not read as a meeting's id.
from django.http import HttpRequest  # noqa: E402
from ninja import Schema  # noqa: E402
from ninja.errors import HttpError  # noqa: E402

from kumppani.core.access import public  # noqa: E402
from kumppani.core.api import error_responses  # noqa: E402

from .compliance import compliance  # noqa: E402
from .compliance_forms import ComplianceForm  # noqa: E402


class RequirementOut(Schema):
    code: str
    name: str
    legal_basis: str
    scope: str  # county, municipality or series
    required: int
    maximum: int | None
    planned: int
    held: int
    state: str  # met, on_track, at_risk, not_met
    missing_municipalities: list[str]
    short_series: list[str]
    warnings: list[str]


class ComplianceOut(Schema):
    county_code: str
    year: int
    requirements: list[RequirementOut]


@router.get(
    "/compliance",
    response=ComplianceOut,
    summary="The statutory calendar of a county's year: each requirement, planned and held",
    openapi_extra=error_responses(400),
)
@public
def get_compliance(request: HttpRequest, county: str = "", year: str = "") -> ComplianceOut:
    """For each requirement: how many are required, planned (meetings of the year not
    cancelled) and held; for one counted per municipality (or per series) the numbers are
    of municipalities (series) with their minimum, and the ones short of it are named."""
    form = ComplianceForm({"county": county, "year": year})
    if not form.is_valid():
        raise HttpError(400, " ".join(form.error_sentences()))
    chosen, year_number = form.chosen()
    return ComplianceOut(
        county_code=chosen.code,
        year=year_number,
        requirements=[
            RequirementOut(
                code=s.requirement.code,
                name=s.name,
                legal_basis=s.requirement.legal_basis,
                scope=s.requirement.scope,
                required=s.required,
                maximum=s.requirement.maximum,
                planned=s.planned,
                held=s.held,
                state=s.state,
                missing_municipalities=s.missing_municipalities,
                short_series=s.missing if s.requirement.scope == "series" else [],
                warnings=s.warnings,
            )
            for s in compliance(chosen, year_number)
        ],
    )
