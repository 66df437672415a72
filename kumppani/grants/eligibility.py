"""Whether an organisation may receive a grant from a programme, explained in plain words:
registered, non-profit, operating in the county, active, and no earlier grant's usage report
overdue or recovery open.

Checked when an application is sent; a coordinator may accept an application despite a
failed check, with a recorded reason (`services.applications.eligibility_override`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.organisations.models import Organisation, OrganisationStatus

from .holds import hold_reason
from .models import Programme


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


def problems(organisation: Organisation, programme: Programme) -> list[Problem]:
    """Every rule of the programme the organisation does not meet (empty when eligible)."""
    found = []
    if programme.requires_business_id and not organisation.business_id:
        found.append(
            Problem(
                "business_id",
                _(
                    "Only registered organisations can get this grant. Add the "
                    "organisation's business ID to its details in the registry."
                ),
            )
        )
    if programme.requires_non_profit and not organisation.is_non_profit:
        found.append(
            Problem(
                "non_profit",
                _("Only non-profit organisations can get this grant."),
            )
        )
    if (
        programme.requires_operating_in_county
        and not organisation.municipalities.filter(county_id=programme.county_id).exists()
    ):
        found.append(
            Problem(
                "county",
                _(
                    "The organisation does not operate in %(county)s. Add the municipalities "
                    "where it works to its details in the registry."
                )
                % {"county": programme.county.name},
            )
        )
    if programme.requires_previous_report:
        # An earlier grant's report past its due date and not accepted, or an open recovery.
        reason = hold_reason(organisation, year=programme.year, overdue_on=timezone.localdate())
        if reason:
            found.append(Problem("previous_report", reason))
    if organisation.status != OrganisationStatus.ACTIVE:
        found.append(
            Problem("dissolved", _("The organisation is marked as dissolved in the registry."))
        )
    return found
