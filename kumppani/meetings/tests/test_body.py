"""The influence body: seats and history, attendance with deputies, quorum from seats,
meeting fees, and who may see the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kumppani.meetings.models import Membership
from kumppani.meetings.services.body import (
    attendance_mark,
    membership_appoint,
    membership_replace,
    quorum,
)

from .body_helpers import body_meeting, make_body, membership
from .conftest import SYSTEM

pytestmark = pytest.mark.django_db


def test_deputy_is_shown_attending_in_the_members_place_and_quorum_counts_seats(client, alice):
    body = make_body()
    meeting = body_meeting(body)
    maija, pekka, kari = (
        membership(body, n) for n in ("Maija Jäsen", "Pekka Pappi", "Kari Kolmas")
    )
    attendance_mark(
        actor=SYSTEM,
        meeting=meeting,
        body=body,
        marks={maija.pk: "deputy", pekka.pk: "member"},
    )
    # 5 seats: 2 present is not more than half.
    assert (quorum(meeting, body).seats, quorum(meeting, body).present) == (5, 2)
    assert not quorum(meeting, body).reached
    attendance_mark(actor=SYSTEM, meeting=meeting, body=body, marks={kari.pk: "member"})
    assert quorum(meeting, body).reached

    client.force_login(alice)
    response = client.get(
        reverse("meetings:body_attendance", args=[body.public_id, meeting.public_id])
    )
    rows = {row["membership"].pk: row for row in response.context["present"]}
    assert (rows[maija.pk]["name"], rows[maija.pk]["attended"]) == ("Ville Varajäsen", "deputy")
    assert response.context["quorum"].present == 3
    assert "Ville Varajäsen" in response.content.decode()

    # The form marks Pekka absent: the page comes back saying so, with the quorum lost.
    page = response.request["PATH_INFO"]
    sent = client.post(page, {f"m{maija.pk}": "deputy", f"m{kari.pk}": "member"}, follow=True)
    assert sent.redirect_chain == [(page, 302)]
    assert [str(message) for message in sent.context["messages"]] == [
        "Osallistuminen tallennettiin."
    ]
    assert sent.context["quorum"].present == 2


def test_a_replacement_ends_the_membership_and_keeps_the_history(alice, client):
    body = make_body()
    maija = membership(body, "Maija Jäsen")
    starts = maija.starts_on + timedelta(days=100)
    membership_replace(
        actor=SYSTEM,
        membership=maija,
        member_name="Uusi Jäsen",
        deputy_name="",
        appointed_by="aluehallitus",
        decided_on=starts,
        section="§ 3",
        starts_on=starts,
    )
    maija.refresh_from_db()
    assert maija.ends_on == starts - timedelta(days=1)
    assert Membership.objects.filter(seat=maija.seat).count() == 2
    with pytest.raises(ValidationError):
        membership_appoint(
            actor=SYSTEM,
            seat=maija.seat,
            member_name="Kolmas",
            appointed_by="x",
            decided_on=starts,
            starts_on=starts,
        )
    client.force_login(alice)
    response = client.get(reverse("meetings:body_detail", args=[body.public_id]))
    row = next(r for r in response.context["rows"] if r["seat"] == maija.seat)
    assert row["current"].member_name == "Uusi Jäsen"
    assert [m.member_name for m in row["past"]] == ["Maija Jäsen"]
    assert response.context["vacancies"] == 2


def test_fees_export_lists_each_attendance_with_the_fee(alice, client):
    body = make_body()
    meeting = body_meeting(body)
    maija = membership(body, "Maija Jäsen")
    attendance_mark(actor=SYSTEM, meeting=meeting, body=body, marks={maija.pk: "deputy"})
    client.force_login(alice)
    response = client.get(
        reverse("meetings:body_fees", args=[body.public_id]),
        {"year": meeting.starts_at.year, "format": "csv"},
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Ville Varajäsen" in text and "80" in text


def test_another_countys_coordinator_and_outsiders_cannot_see_the_body(carol, dave, client):
    body = make_body()
    url = reverse("meetings:body_detail", args=[body.public_id])
    assert client.get(url).status_code == 302
    for user in (carol, dave):
        client.force_login(user)
        assert client.get(url).status_code == 404
