"""The coordinator's pages of the influence body: a new body with its series, a term with
its seats by category and appointment decision, vacancies mid-term with history, and the
list of bodies in constant queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kumppani.core.models import AuditEvent
from kumppani.meetings.models import Body, Membership, Seat, SeriesKind, Term
from kumppani.meetings.services.body import body_create, seat_vacate, term_create
from kumppani.testing.factories import county

from .body_helpers import make_body, membership
from .conftest import SYSTEM, assert_queries_stay_flat

pytestmark = pytest.mark.django_db

TERM = {
    "starts_on": "1.6.2025",
    "ends_on": "31.5.2029",
    "parish_seats": "3",
    "ngo_seats": "12",
    "other_seats": "0",
    "decided_by": "Aluehallitus",
    "decided_on": "12.5.2025",
    "section": "§ 88",
}


def test_a_coordinator_makes_a_body_and_its_term_through_the_pages(client, alice):
    client.force_login(alice)
    home = client.get(reverse("meetings:manage")).content.decode()
    assert reverse("meetings:body_list") in home
    new = reverse("meetings:body_new")
    assert new in client.get(reverse("meetings:body_list")).content.decode()
    token = client.get(new).context["submission_token"]
    data = {
        "name_fi": "Järjestö- ja seurakuntaneuvosto",
        "name_sv": "Organisations- och församlingsrådet",
        "fee_per_meeting": "80",
        "series": "",
        "submission_token": token,
    }
    first = client.post(new, data)
    again = client.post(new, data)
    body = Body.objects.get()
    assert (
        first["Location"]
        == again["Location"]
        == reverse("meetings:term_new", args=[body.public_id])
    )
    assert body.series is not None
    assert (body.name_sv, body.county.code, body.series.kind) == (
        "Organisations- och församlingsrådet",
        "16",
        SeriesKind.INFLUENCE_BODY,
    )
    assert body.series.county_id == body.county_id

    term_url = reverse("meetings:term_new", args=[body.public_id])
    token = client.get(term_url).context["submission_token"]
    response = client.post(term_url, {**TERM, "submission_token": token})
    assert response["Location"] == reverse("meetings:body_detail", args=[body.public_id])
    client.post(term_url, {**TERM, "submission_token": token})
    term = Term.objects.get()
    assert (term.decided_by, term.decided_on, term.section) == (
        "Aluehallitus",
        date(2025, 5, 12),
        "§ 88",
    )
    categories = list(term.seats.order_by("number").values_list("category", flat=True))
    assert categories == ["parish"] * 3 + ["ngo"] * 12
    page = client.get(reverse("meetings:body_detail", args=[body.public_id]))
    assert page.context["vacancies"] == 15
    assert "§ 88" in page.content.decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"meetings.body.create", "meetings.term.create", "meetings.series.create"} <= actions


def test_a_term_needs_seats_and_may_not_overlap_another(client, alice):
    body = make_body()
    client.force_login(alice)
    url = reverse("meetings:term_new", args=[body.public_id])
    response = client.post(url, {**TERM, "parish_seats": "0", "ngo_seats": "0"})
    assert response.status_code == 200
    assert "Anna toimielimelle vähintään yksi paikka." in response.content.decode()
    term = body.terms.get()
    with pytest.raises(ValidationError) as refused:
        term_create(
            actor=SYSTEM,
            body=body,
            starts_on=term.ends_on,
            ends_on=term.ends_on + timedelta(days=365),
            seats={"ngo": 2},
        )
    assert "starts_on" in refused.value.error_dict
    term_create(
        actor=SYSTEM,
        body=body,
        starts_on=term.ends_on + timedelta(days=1),
        ends_on=term.ends_on + timedelta(days=365 * 4),
        seats={"parish": 3, "ngo": 12},
    )
    assert body.terms.count() == 2


def test_a_seat_becomes_vacant_mid_term_and_keeps_its_history(client, alice):
    body = make_body()
    maija = membership(body, "Maija Jäsen")
    client.force_login(alice)
    detail = reverse("meetings:body_detail", args=[body.public_id])
    vacate = reverse("meetings:seat_vacate", args=[body.public_id, maija.seat_id])
    assert vacate in client.get(detail).content.decode()
    leaves = maija.starts_on + timedelta(days=30)
    response = client.post(vacate, {"ends_on": f"{leaves.day}.{leaves.month}.{leaves.year}"})
    assert response["Location"] == detail
    maija.refresh_from_db()
    assert maija.ends_on == leaves
    # Sending again finds the seat vacant and changes nothing.
    assert client.post(vacate, {"ends_on": "1.1.2030"})["Location"] == detail
    maija.refresh_from_db()
    assert maija.ends_on == leaves
    page = client.get(detail)
    assert [str(message) for message in page.context["messages"]] == ["Paikka on nyt vapaana."]
    row = next(r for r in page.context["rows"] if r["seat"].pk == maija.seat_id)
    assert row["current"] is None
    assert [m.member_name for m in row["past"]] == ["Maija Jäsen"]
    assert page.context["vacancies"] == 3
    assert AuditEvent.objects.filter(action="meetings.membership.end").count() == 1


def test_vacating_before_the_membership_starts_is_refused(client, alice):
    body = make_body()
    maija = membership(body, "Maija Jäsen")
    before = maija.starts_on - timedelta(days=1)
    with pytest.raises(ValidationError):
        seat_vacate(actor=SYSTEM, seat=maija.seat, ends_on=before)
    client.force_login(alice)
    response = client.post(
        reverse("meetings:seat_vacate", args=[body.public_id, maija.seat_id]),
        {"ends_on": f"{before.day}.{before.month}.{before.year}"},
    )
    assert response.status_code == 200
    assert Membership.objects.get(pk=maija.pk).ends_on is None


def test_other_counties_and_outsiders_reach_no_body_pages(client, carol, dave):
    body = make_body()
    seat = Seat.objects.filter(term__body=body).first()
    assert seat is not None
    urls = [
        reverse("meetings:term_new", args=[body.public_id]),
        reverse("meetings:seat_vacate", args=[body.public_id, seat.pk]),
    ]
    for user in (carol, dave):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404
        assert body.name not in client.get(reverse("meetings:body_list")).content.decode()
    assert client.get(reverse("meetings:body_new")).status_code == 404  # dave coordinates none


def test_the_body_list_takes_constant_queries(client, alice):
    client.force_login(alice)
    url = reverse("meetings:body_list")

    def add(number: int) -> None:
        body = body_create(actor=SYSTEM, county=county("16"), name_fi=f"Neuvosto {number}")
        for year in (2021, 2025):
            term_create(
                actor=SYSTEM,
                body=body,
                starts_on=date(year, 6, 1),
                ends_on=date(year + 3, 5, 31),
                seats={"ngo": 2},
            )

    first = assert_queries_stay_flat(client, url, add, lambda number: f"Neuvosto {number}")
    assert "2025–2028" in first.content.decode()
