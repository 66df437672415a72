"""The influence body's writes: the body, its terms and seats, appointments and
replacements, nominations and attendance; and the reads that count seats (quorum, fees)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import County

from ..models import (
    Attendance,
    Attended,
    Audience,
    Body,
    Meeting,
    Membership,
    Nomination,
    Seat,
    SeatCategory,
    Series,
    SeriesKind,
    Term,
)
from .series import series_create


@transaction.atomic
def body_create(
    *,
    actor: Actor,
    county: County,
    name_fi: str,
    name_sv: str = "",
    series: Series | None = None,
    fee_per_meeting: Decimal = Decimal("0"),
    make_series: bool = False,
) -> Body:
    """A body of the county; with ``make_series`` and no ``series``, its meetings get a
    series of their own (kind: influence body) named after it."""
    if series is None and make_series:
        series = series_create(
            actor=actor,
            county=county,
            kind=SeriesKind.INFLUENCE_BODY,
            title_fi=name_fi,
            title_sv=name_sv,
            audience=Audience.MEMBERS,
        )
    body = Body(
        county=county,
        name_fi=name_fi,
        name_sv=name_sv,
        series=series,
        fee_per_meeting=fee_per_meeting,
    )
    return workflow.create(body, actor=actor, action="meetings.body.create", county=county)


@transaction.atomic
def term_create(
    *,
    actor: Actor,
    body: Body,
    starts_on: date,
    ends_on: date,
    seats: Mapping[str, int],
    decided_by: str = "",
    decided_on: date | None = None,
    section: str = "",
) -> Term:
    """A term with its seats numbered in the order of ``seats`` (category: how many) and
    the decision that appointed the body for it; terms of a body do not overlap."""
    workflow.lock(body)
    if sum(seats.values()) < 1 or any(count < 0 for count in seats.values()):
        raise ValidationError(_("Give the body at least one seat."), code="no_seats")
    if any(category not in SeatCategory.values for category in seats):
        raise ValidationError(_("Choose the category of the seat."), code="category")
    term = Term(
        body=body,
        starts_on=starts_on,
        ends_on=ends_on,
        decided_by=decided_by,
        decided_on=decided_on,
        section=section,
    )
    term.full_clean()
    if body.terms.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise ValidationError(
            {"starts_on": _("The term overlaps another term of the body.")}, code="overlap"
        )
    term.save()
    number = 0
    rows = []
    for category, count in seats.items():
        for _index in range(count):
            number += 1
            rows.append(Seat(term=term, category=category, number=number))
    Seat.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="meetings.term.create",
        obj=term,
        county=body.county,
        details={"seats": dict(seats)},
    )
    return term


def current_membership(seat: Seat, on: date | None = None) -> Membership | None:
    return seat.memberships.filter(ends_on__isnull=True).first()


@transaction.atomic
def membership_appoint(*, actor: Actor, seat: Seat, **fields: Any) -> Membership:
    """Appoint a member (and a personal deputy) to a vacant seat."""
    workflow.lock(seat)
    if seat.memberships.filter(ends_on__isnull=True).exists():
        raise ValidationError(_("The seat is not vacant."), code="seat_taken")
    membership = Membership(seat=seat, **fields)
    return workflow.create(
        membership,
        actor=actor,
        action="meetings.membership.appoint",
        county=seat.term.body.county,
        details={"seat": seat.number},
    )


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership, ends_on: date) -> Membership:
    """End a membership (the member resigned or was replaced); the seat becomes vacant."""
    workflow.lock(membership)
    if membership.ends_on is not None:
        return membership
    if ends_on < membership.starts_on:
        raise ValidationError({"ends_on": _("The membership cannot end before it starts.")})
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on", "updated_at"])
    audit_record(
        actor=actor,
        action="meetings.membership.end",
        obj=membership,
        county=membership.seat.term.body.county,
        details={"ends_on": ends_on.isoformat()},
    )
    return membership


@transaction.atomic
def seat_vacate(*, actor: Actor, seat: Seat, ends_on: date) -> Membership | None:
    """The seat's member leaves mid-term (resigned, moved away): the membership ends on the
    day and the seat is vacant until a new member is appointed. None when it was vacant."""
    workflow.lock(seat)
    current = seat.memberships.filter(ends_on__isnull=True).first()
    if current is None:
        return None
    return membership_end(actor=actor, membership=current, ends_on=ends_on)


@transaction.atomic
def membership_replace(*, actor: Actor, membership: Membership, **fields: Any) -> Membership:
    """End the membership the day before the new one starts and appoint the new member."""
    membership_end(
        actor=actor, membership=membership, ends_on=fields["starts_on"] - timedelta(days=1)
    )
    return membership_appoint(actor=actor, seat=membership.seat, **fields)


@transaction.atomic
def nomination_add(*, actor: Actor, term: Term, **fields: Any) -> Nomination:
    nomination = Nomination(term=term, **fields)
    return workflow.create(
        nomination,
        actor=actor,
        action="meetings.nomination.create",
        county=term.body.county,
    )


def body_of(meeting: Meeting) -> Body | None:
    return Body.objects.filter(series_id=meeting.series_id).first() if meeting.series_id else None


def serving(body: Body, on: date) -> QuerySet[Membership]:
    """The memberships of the body serving on the day (one per filled seat)."""
    return (
        Membership.objects.filter(
            seat__term__body=body,
            seat__term__starts_on__lte=on,
            seat__term__ends_on__gte=on,
            starts_on__lte=on,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("seat", "organisation")
        .order_by("seat__number")
    )


def seats_on(body: Body, on: date) -> int:
    return Seat.objects.filter(
        term__body=body, term__starts_on__lte=on, term__ends_on__gte=on
    ).count()


@transaction.atomic
def attendance_mark(
    *, actor: Actor, meeting: Meeting, body: Body, marks: Mapping[int, str]
) -> None:
    """Record who attended: for each serving membership (by id) the member, the deputy or
    nobody (""); only what changed is written."""
    workflow.lock(meeting)
    day = timezone.localdate(meeting.starts_at)
    members = {membership.pk: membership for membership in serving(body, day)}
    current = {row.membership_id: row for row in Attendance.objects.filter(meeting=meeting)}
    changed: dict[str, str] = {}
    for membership_id, attended in marks.items():
        if membership_id not in members:
            raise ValidationError(_("The member does not serve on the body."))
        if attended and attended not in Attended.values:
            raise ValidationError(_("Choose the member, the deputy or nobody."))
        row = current.get(membership_id)
        if row is not None and not attended:
            row.delete()
        elif row is not None and row.attended != attended:
            row.attended = attended
            row.save(update_fields=["attended"])
        elif row is None and attended:
            Attendance.objects.create(
                meeting=meeting, membership=members[membership_id], attended=attended
            )
        else:
            continue
        changed[str(membership_id)] = attended
    if changed:
        audit_record(
            actor=actor,
            action="meetings.attendance.mark",
            obj=meeting,
            county=body.county,
            details={"marks": changed},
        )


@dataclass(frozen=True)
class Quorum:
    seats: int
    present: int

    @property
    def needed(self) -> int:
        return self.seats // 2 + 1

    @property
    def reached(self) -> bool:
        """More than half of the seats are present (a deputy in the member's place counts
        for the seat)."""
        return self.seats > 0 and self.present >= self.needed


def quorum(meeting: Meeting, body: Body) -> Quorum:
    day = timezone.localdate(meeting.starts_at)
    present = (
        Attendance.objects.filter(meeting=meeting, membership__seat__term__body=body)
        .values("membership__seat")
        .distinct()
        .count()
    )
    return Quorum(seats=seats_on(body, day), present=present)


def fee_rows(body: Body, year: int) -> QuerySet[Attendance]:
    """Each attendance of the year's meetings, who attended, for payroll."""
    return (
        Attendance.objects.filter(membership__seat__term__body=body, meeting__starts_at__year=year)
        .select_related("meeting", "membership", "membership__organisation")
        .order_by("meeting__starts_at", "membership__seat__number", "id")
    )
