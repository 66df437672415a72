"""Partnership agreements and the release of their yearly tranches."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes, check_version
from kumppani.core.models import County
from kumppani.organisations.models import Organisation

from ..holds import hold_reason
from ..models import PartnershipAgreement, Tranche, TrancheStatus
from .funding import Held

AGREEMENT_FIELDS = (
    "title",
    "description",
    "starts_year",
    "ends_year",
    "premises",
    "communications",
    "other_support",
)


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
    _check_tranches(agreement, tranches)
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


def _check_tranches(
    agreement: PartnershipAgreement, tranches: Sequence[tuple[int, Decimal]]
) -> None:
    years = [year for year, _amount in tranches]
    if len(set(years)) != len(years):
        raise ValidationError(
            {"tranches": _("Give each year's tranche only once.")}, code="tranche_twice"
        )
    outside = sorted(y for y in years if not agreement.starts_year <= y <= agreement.ends_year)
    if outside:
        raise ValidationError(
            {
                "tranches": _(
                    "A tranche for %(year)s is outside the years of the agreement "
                    "(%(starts)s–%(ends)s)."
                )
                % {"year": outside[0], "starts": agreement.starts_year, "ends": agreement.ends_year}
            },
            code="tranche_outside",
        )


def _replace_tranches(
    agreement: PartnershipAgreement, tranches: Sequence[tuple[int, Decimal]]
) -> bool:
    """Make the agreement's tranches those given (year, amount): change, add and remove the
    planned ones; a released one must stay as it is. Return whether anything changed."""
    _check_tranches(agreement, tranches)
    existing = {t.year: t for t in agreement.tranches.select_for_update().order_by("year")}
    given = dict(tranches)
    for year, tranche in existing.items():
        if tranche.status == TrancheStatus.RELEASED and given.get(year) != tranche.amount:
            raise ValidationError(
                {
                    "tranches": _(
                        "The tranche for %(year)s has already been released, so it can no "
                        "longer be changed or removed."
                    )
                    % {"year": year}
                },
                code="tranche_released",
            )
    changed = False
    for year, amount in given.items():
        found = existing.get(year)
        if found is None:
            tranche = Tranche(agreement=agreement, year=year, amount=amount)
            tranche.full_clean()
            tranche.save()
            changed = True
        elif apply_changes(found, {"amount": amount}):
            found.full_clean()
            found.save(update_fields=["amount"])
            changed = True
    removed = [t.pk for year, t in existing.items() if year not in given]
    if removed:
        Tranche.objects.filter(pk__in=removed, status=TrancheStatus.PLANNED).delete()
        changed = True
    return changed


@transaction.atomic
def agreement_update(
    *,
    actor: Actor,
    agreement: PartnershipAgreement,
    base_version: str | None = None,
    tranches: Sequence[tuple[int, Decimal]] | None = None,
    **fields: Any,
) -> PartnershipAgreement:
    """Save the agreement: only what changed is written. ``tranches`` (year, amount), when
    given, are all of its tranches: a released one cannot change or go, since its money has
    been paid."""
    workflow.refuse_unknown(fields, AGREEMENT_FIELDS, "agreement")
    workflow.lock(agreement)
    check_version(agreement, base_version, fields)
    changed = apply_changes(agreement, fields)
    if changed:
        agreement.full_clean()
    tranches_changed = False
    if tranches is not None:
        tranches_changed = _replace_tranches(agreement, tranches)
    elif {"starts_year", "ends_year"} & set(changed):
        _check_tranches(agreement, [(t.year, t.amount) for t in agreement.tranches.all()])
    if changed or tranches_changed:
        # The version changes with the tranches too, so that two editors of them notice.
        agreement.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action="grants.agreement.update",
            obj=agreement,
            county=agreement.county,
            details={"changed": sorted([*changed, *(["tranches"] if tranches_changed else [])])},
        )
    return agreement
