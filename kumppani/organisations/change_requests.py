"""Changes a representative cannot make alone, and who decides them.

Moving an organisation into or out of a wellbeing services county changes which coordinators
see it (and its representatives' personal data), and joining an umbrella organisation speaks
for that umbrella too. A representative's edit that does either becomes a `ChangeRequest`:
the rest of the edit is saved at once, this part waits. A coordinator of a county concerned
approves or refuses a move; the umbrella's representatives, or a coordinator of its county,
a membership. Staff, and coordinators of every county concerned, make such changes directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.roles import AnyUser, roles_of
from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import County, Municipality

from .models import ChangeRequest, ChangeRequestKind, ChangeRequestStatus, Organisation


def _county_ids(municipalities: Iterable[Municipality]) -> set[int]:
    return {m.county_id for m in municipalities if m.county_id is not None}


def moves_between_counties(
    organisation: Organisation, municipalities: Iterable[Municipality]
) -> set[int]:
    """The counties concerned when the organisation's municipalities become these, if the
    set of its counties changes; else an empty set."""
    before = _county_ids(organisation.municipalities.all())
    after = _county_ids(municipalities)
    return before | after if before != after else set()


def may_move_directly(user: AnyUser | None, county_ids: set[int]) -> bool:
    roles = roles_of(user)
    return roles.is_staff or (bool(county_ids) and county_ids <= roles.coordinator_county_ids)


def may_decide_umbrella(user: AnyUser | None, umbrella: Organisation) -> bool:
    """The umbrella's own representatives, its counties' coordinators and staff."""
    roles = roles_of(user)
    return (
        roles.is_staff
        or roles.represents(umbrella.pk)
        or roles.coordinates_any(_county_ids(umbrella.municipalities.all()))
    )


def may_decide(user: AnyUser | None, request: ChangeRequest) -> bool:
    if request.kind == ChangeRequestKind.UMBRELLA and request.umbrella is not None:
        return may_decide_umbrella(user, request.umbrella)
    roles = roles_of(user)
    return roles.is_staff or roles.coordinates_any(request.counties.values_list("pk", flat=True))


def change_request_create(
    *,
    organisation: Organisation,
    actor: Actor,
    kind: str,
    municipalities: Iterable[Municipality] = (),
    umbrella: Organisation | None = None,
) -> ChangeRequest:
    """Record a change that waits for approval (a pending one of the kind is replaced)."""
    municipalities = list(municipalities)
    pending = ChangeRequest.objects.select_for_update().filter(
        organisation=organisation, kind=kind, status=ChangeRequestStatus.PENDING
    )
    for earlier in pending:
        _decide(earlier, actor=actor, approve=False, reason=_("Replaced by a newer request."))
    request = ChangeRequest.objects.create(
        organisation=organisation, kind=kind, umbrella=umbrella, requested_by=actor.user
    )
    counties = _county_ids(organisation.municipalities.all())
    if kind == ChangeRequestKind.AREA:
        request.municipalities.set(municipalities)
        counties |= _county_ids(municipalities)
    elif umbrella is not None:
        counties |= _county_ids(umbrella.municipalities.all())
    request.counties.set(counties)
    workflow.record_change(
        request,
        field="status",
        from_state="",
        to_state=ChangeRequestStatus.PENDING,
        actor=actor,
        action="organisations.change_request.create",
        county=County.objects.filter(pk__in=counties).order_by("code").first(),
        details={
            "kind": kind,
            "municipalities": sorted(m.code for m in municipalities),
            "umbrella": umbrella.pk if umbrella is not None else None,
        },
    )
    return request


def _decide(request: ChangeRequest, *, actor: Actor, approve: bool, reason: str) -> None:
    workflow.transition(
        request,
        to=ChangeRequestStatus.APPROVED if approve else ChangeRequestStatus.REFUSED,
        allowed_from={ChangeRequestStatus.PENDING},
        refusal=_("This request has already been decided."),
        actor=actor,
        action=(
            "organisations.change_request.approve"
            if approve
            else "organisations.change_request.refuse"
        ),
        reason=reason,
        county=request.counties.order_by("code").first(),
        values={"decided_by": actor.user, "decided_at": timezone.now(), "decision_reason": reason},
    )


@transaction.atomic
def change_request_approve(*, request: ChangeRequest, actor: Actor) -> ChangeRequest:
    """Approve the change and make it."""
    if not may_decide(actor.user, request):
        raise PermissionDenied
    workflow.lock(request)
    _decide(request, actor=actor, approve=True, reason="")
    organisation = workflow.lock(request.organisation)
    if request.kind == ChangeRequestKind.AREA:
        organisation.municipalities.set(request.municipalities.all())
        organisation.save(update_fields=["updated_at"])
        changed = ["municipalities"]
    else:
        organisation.umbrella = request.umbrella
        organisation.full_clean()
        organisation.save(update_fields=["umbrella", "updated_at"])
        changed = ["umbrella"]
    audit_record(
        actor=actor,
        action="organisations.organisation.update",
        obj=organisation,
        county=request.counties.order_by("code").first(),
        details={"changed": changed, "request": request.pk},
    )
    return request


@transaction.atomic
def change_request_refuse(*, request: ChangeRequest, actor: Actor, reason: str) -> ChangeRequest:
    """Refuse the change, saying why; the organisation stays as it was."""
    if not may_decide(actor.user, request):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the organisation why the change is refused.")})
    workflow.lock(request)
    _decide(request, actor=actor, approve=False, reason=reason)
    return request


def requests_for_decider(user: AnyUser) -> QuerySet[ChangeRequest]:
    """Pending requests the user may decide: moves concerning counties they coordinate,
    memberships of umbrellas they represent or coordinate (all for staff)."""
    roles = roles_of(user)
    pending = ChangeRequest.objects.filter(status=ChangeRequestStatus.PENDING)
    if not roles.is_staff:
        pending = pending.filter(
            Q(counties__in=roles.coordinator_county_ids)
            | Q(kind=ChangeRequestKind.UMBRELLA, umbrella__in=roles.organisation_ids)
        ).distinct()
    return pending.select_related("organisation", "umbrella", "requested_by").prefetch_related(
        "municipalities", "organisation__municipalities"
    )


def pending_requests_of(organisation: Organisation) -> list[ChangeRequest]:
    return list(
        organisation.change_requests.filter(status=ChangeRequestStatus.PENDING)
        .select_related("umbrella")
        .prefetch_related("municipalities")
    )


def _check_umbrella(organisation: Organisation, umbrella: Organisation) -> None:
    """Refuse at once an umbrella that could never be approved (the organisation itself, or
    one of its own members)."""
    current = organisation.umbrella
    organisation.umbrella = umbrella
    try:
        organisation.check_umbrella()
    finally:
        organisation.umbrella = current


def split_waiting_changes(
    *, organisation: Organisation, actor: Actor, fields: dict[str, Any]
) -> dict[str, Any]:
    """Take out of an edit the parts the actor may not make alone and file them as requests;
    return the rest, to be saved at once. A system job (no person) is trusted."""
    fields = dict(fields)
    if actor.user is None:
        return fields
    if "municipalities" in fields:
        municipalities = list(fields["municipalities"])
        concerned = moves_between_counties(organisation, municipalities)
        if concerned and not may_move_directly(actor.user, concerned):
            del fields["municipalities"]
            change_request_create(
                organisation=organisation,
                actor=actor,
                kind=ChangeRequestKind.AREA,
                municipalities=municipalities,
            )
    umbrella = fields.get("umbrella")
    if (
        umbrella is not None
        and umbrella.pk != organisation.umbrella_id
        and not may_decide_umbrella(actor.user, umbrella)
    ):
        _check_umbrella(organisation, umbrella)
        del fields["umbrella"]
        change_request_create(
            organisation=organisation,
            actor=actor,
            kind=ChangeRequestKind.UMBRELLA,
            umbrella=umbrella,
        )
    return fields
