"""An influence body of Etelä-Pohjanmaa with a term of 5 seats (1 parish, 4 NGOs), three
of them filled, and a meeting of its series."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from kumppani.meetings.models import Body, Meeting, Membership, SeriesKind
from kumppani.meetings.services.body import body_create, membership_appoint, term_create
from kumppani.meetings.services.meetings import meeting_create
from kumppani.meetings.services.series import series_create
from kumppani.testing.factories import county

from .conftest import SYSTEM


def make_body() -> Body:
    ep = county("16")
    series = series_create(
        actor=SYSTEM, county=ep, kind=SeriesKind.INFLUENCE_BODY, title_fi="Järjestöneuvosto"
    )
    body = body_create(
        actor=SYSTEM,
        county=ep,
        name_fi="Järjestöneuvosto",
        name_sv="Organisationsrådet",
        series=series,
        fee_per_meeting=Decimal("80.00"),
    )
    today = timezone.localdate()
    term = term_create(
        actor=SYSTEM,
        body=body,
        starts_on=today - timedelta(days=400),
        ends_on=today + timedelta(days=1000),
        seats={"parish": 1, "ngo": 4},
    )
    for seat, (member, deputy) in zip(
        term.seats.order_by("number"),
        [("Pekka Pappi", "Pirjo Pappi"), ("Maija Jäsen", "Ville Varajäsen"), ("Kari Kolmas", "")],
        strict=False,
    ):
        membership_appoint(
            actor=SYSTEM,
            seat=seat,
            member_name=member,
            deputy_name=deputy,
            appointed_by="aluehallitus",
            decided_on=date(2025, 6, 2),
            section="§ 120",
            starts_on=term.starts_on,
        )
    return body


def body_meeting(body: Body) -> Meeting:
    starts_at = timezone.now() - timedelta(days=1)
    return meeting_create(
        actor=SYSTEM,
        county=body.county,
        series=body.series,
        title_fi="Kokous",
        mode="online",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        languages=["fi"],
    )


def membership(body: Body, name: str) -> Membership:
    return Membership.objects.get(seat__term__body=body, member_name=name)
