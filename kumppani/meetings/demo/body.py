"""Etelä-Pohjanmaa's NGO council (järjestöneuvottelukunta), its influence body: the term
2025–2029 of the regional council with 15 seats (3 parishes, 12 NGOs), each member with a
personal deputy, appointed by the county board. One NGO seat is vacant with a nomination
waiting; one member resigned in the spring and was replaced, so the seat has its history.
The council's held meetings have their attendance, now and then a deputy in the member's
place and now and then a seat empty.

The body is found by its series, the term by its first day, and a seat with any
membership is left as it is; attendance is recorded only for meetings without any, so
running the seed again adds nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.organisations.models import Organisation

from ..models import Attended, Body, Meeting, MeetingStatus, Series, SeriesKind, Term
from ..services.body import (
    attendance_mark,
    body_create,
    membership_appoint,
    membership_replace,
    nomination_add,
    serving,
    term_create,
)
from .common import ACTOR, EP

TERM_STARTS, TERM_ENDS = date(2025, 6, 1), date(2029, 5, 31)
APPOINTED_BY = "Etelä-Pohjanmaan hyvinvointialueen aluehallitus"
DECIDED_ON, SECTION = date(2025, 5, 26), "§ 142"
REPLACED_ON, REPLACEMENT_DECIDED_ON, REPLACEMENT_SECTION = (
    date(2026, 4, 1),
    date(2026, 3, 16),
    "§ 58",
)
# The member who signs in: the chair of Seinäjoen Seudun Omaiset (see demo.people).
MEMBER_EMAIL = "yhdistys@demo.kumppani.fi"


@dataclass(frozen=True)
class SeatSpec:
    organisation: int  # the demo organisation's serial
    member: str
    deputy: str
    # Who took the seat over when the member resigned (member, deputy).
    replaced_by: tuple[str, str] | None = None


# In seat order: the three parishes, then the NGOs; the last NGO seat is vacant.
SEATS = [
    SeatSpec(19, "Heikki Mäkelä", "Sirpa Koskinen"),
    SeatSpec(20, "Leena Hautala", "Jari Ojala"),
    SeatSpec(41, "Markku Rinta-Jouppi", "Tuula Kangas"),
    SeatSpec(1, "Riitta Hakala", "Pekka Nieminen"),
    SeatSpec(3, "Jaana Järjestö", "Marja Lehtola"),
    SeatSpec(4, "Tapio Peltoniemi", "Anneli Salo"),
    SeatSpec(5, "Raimo Kivistö", "Aila Laine"),
    SeatSpec(7, "Seppo Yli-Kauppila", "Helena Ruismäki"),
    SeatSpec(8, "Katja Alanen", "Mikko Hirvelä"),
    SeatSpec(11, "Pirkko Saarinen", "Juha Luoma"),
    SeatSpec(13, "Eila Kolkka", "Timo Harju"),
    SeatSpec(15, "Sami Keskinen", "Minna Laurila", replaced_by=("Outi Mäenpää", "Minna Laurila")),
    SeatSpec(16, "Liisa Pukkila", "Arto Hietala"),
    SeatSpec(17, "Jenni Kallio", "Ville Heikkilä"),
]
NOMINATION = (18, "Ville Ojanperä", "Ähtärin Liikuntaseura ry")


def _body() -> Body:
    series = Series.objects.get(county__code=EP, kind=SeriesKind.INFLUENCE_BODY)
    existing = Body.objects.filter(series=series).first()
    if existing is not None:
        return existing
    return body_create(
        actor=ACTOR,
        county=series.county,
        name_fi="Järjestöneuvottelukunta",
        name_sv="Organisationsdelegationen",
        series=series,
        fee_per_meeting=Decimal("80.00"),
    )


def _term(body: Body) -> Term:
    existing = body.terms.filter(starts_on=TERM_STARTS).first()
    if existing is not None:
        return existing
    return term_create(
        actor=ACTOR,
        body=body,
        starts_on=TERM_STARTS,
        ends_on=TERM_ENDS,
        seats={"parish": 3, "ngo": 12},
        decided_by=APPOINTED_BY,
        decided_on=DECIDED_ON,
        section=SECTION,
    )


def _appoint(term: Term, organisations: Mapping[int, Organisation]) -> int:
    member_user = User.objects.filter(email=MEMBER_EMAIL).first()
    made = 0
    for seat, spec in zip(term.seats.order_by("number"), SEATS, strict=False):
        if seat.memberships.exists():
            continue
        membership = membership_appoint(
            actor=ACTOR,
            seat=seat,
            organisation=organisations[spec.organisation],
            member_name=spec.member,
            member_user=member_user if spec.member == "Jaana Järjestö" else None,
            deputy_name=spec.deputy,
            appointed_by=APPOINTED_BY,
            decided_on=DECIDED_ON,
            section=SECTION,
            starts_on=TERM_STARTS,
        )
        made += 1
        if spec.replaced_by is not None:
            member, deputy = spec.replaced_by
            membership_replace(
                actor=ACTOR,
                membership=membership,
                organisation=organisations[spec.organisation],
                member_name=member,
                deputy_name=deputy,
                appointed_by=APPOINTED_BY,
                decided_on=REPLACEMENT_DECIDED_ON,
                section=REPLACEMENT_SECTION,
                starts_on=REPLACED_ON,
            )
            made += 1
    serial, person, by = NOMINATION
    if not term.nominations.filter(person_name=person).exists():
        nomination_add(
            actor=ACTOR,
            term=term,
            category="ngo",
            organisation=organisations[serial],
            person_name=person,
            nominated_by=by,
        )
        made += 1
    return made


def _attended(seat_number: int, index: int, has_deputy: bool) -> str:
    """Who came for the seat to the index-th meeting: mostly the member, now and then the
    deputy, now and then nobody."""
    turn = seat_number + index
    if turn % 7 == 0:
        return ""
    if turn % 4 == 0 and has_deputy:
        return Attended.DEPUTY
    return Attended.MEMBER


def _attendance(body: Body) -> int:
    held = Meeting.objects.filter(series=body.series, status=MeetingStatus.HELD).order_by(
        "starts_at"
    )
    marked = 0
    for index, meeting in enumerate(held):
        if meeting.body_attendance.exists():
            continue
        members = serving(body, timezone.localdate(meeting.starts_at))
        marks = {
            membership.pk: _attended(membership.seat.number, index, bool(membership.deputy_name))
            for membership in members
        }
        attendance_mark(actor=ACTOR, meeting=meeting, body=body, marks=marks)
        marked += 1
    return marked


def seed_body(organisations: Mapping[int, Organisation]) -> int:
    """Make the council, its term, seats and members, and the attendance of its held
    meetings; return how many things were made."""
    body = _body()
    term = _term(body)
    return _appoint(term, organisations) + _attendance(body)
