"""Partnership agreements and the release of their yearly tranches."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import County
from kumppani.organisations.models import Organisation

from ..holds import hold_reason
from ..models import PartnershipAgreement, Tranche, TrancheStatus
from .funding import Held


@transaction.atomic
def agreement_create(
    *,
    actor: Actor,
    county: County,
    organisation: Organisation,
    title: str,
    starts_year: int,
    ends_year: int,
    tranches: Sequence[tuple[int, Decimal]],
    description: str = "",
    premises: str = "",
    communications: str = "",
    other_support: str = "",
) -> PartnershipAgreement:
    """Make a partnership agreement with its planned tranches (year, amount)."""
    agreement = PartnershipAgreement(
        county=county,
        organisation=organisation,
        title=title.strip(),
        starts_year=starts_year,
        ends_year=ends_year,
        description=description.strip(),
        premises=premises.strip(),
        communications=communications.strip(),
        other_support=other_support.strip(),
    )
    agreement.full_clean()
    agreement.save()
    for year, amount in tranches:
        tranche = Tranche(agreement=agreement, year=year, amount=amount)
        tranche.full_clean()
        tranche.save()
    audit_record(
        actor=actor,
        action="grants.agreement.create",
        obj=agreement,
        county=county,
        details={"organisation": str(organisation.pk), "years": f"{starts_year}–{ends_year}"},
    )
    return agreement


@transaction.atomic
def tranche_release(*, tranche: Tranche, actor: Actor) -> Tranche:
    """Release a year's tranche; refused (`Held`, with the reason) until the organisation's
    earlier usage reports are accepted and no recovery is open. Releasing a released one
    changes nothing."""
    workflow.lock(tranche)
    if tranche.status == TrancheStatus.RELEASED:
        return tranche
    agreement = tranche.agreement
    reason = hold_reason(agreement.organisation, year=tranche.year)
    if reason:
        raise Held(reason, code="held")
    workflow.transition(
        tranche,
        to=TrancheStatus.RELEASED,
        allowed_from={TrancheStatus.PLANNED},
        refusal=_("The tranche has already been released."),
        actor=actor,
        action="grants.tranche.release",
        county=agreement.county,
        values={"released_at": timezone.now(), "released_by": actor.user},
        details={"year": tranche.year, "amount": str(tranche.amount)},
    )
    return tranche
