"""Statements with answers, consultations with responses, their pages and API lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kumppani.meetings.models import Consultation, ConsultationResponse, Statement
from kumppani.meetings.services.voice import (
    consultation_close,
    consultation_create,
    consultation_publish,
    consultation_respond,
    statement_answer,
    statement_register,
)
from kumppani.testing.factories import county

from .conftest import SYSTEM

pytestmark = pytest.mark.django_db


def make_statements(count: int, code: str = "16") -> list[Statement]:
    made = []
    for number in range(count):
        statement = statement_register(
            actor=SYSTEM,
            county=county(code),
            kind="statement",
            subject=f"Aihe {number}",
            given_on=date(2026, 3, 1),
            text="Teksti",
            given_by="Järjestöneuvosto",
        )
        if number % 2:
            statement_answer(
                actor=SYSTEM,
                statement=statement,
                answered_by="Hyvinvointijohtaja",
                answered_on=date(2026, 4, 1),
                text=f"Tehty {number}",
            )
        made.append(statement)
    return made


def make_consultation(code: str = "16", *, publish: bool = True) -> Consultation:
    today = timezone.localdate()
    consultation = consultation_create(
        actor=SYSTEM,
        county=county(code),
        title_fi="Strategialuonnos",
        kind="strategy",
        document_text="Luonnos",
        questions=["Mitä mieltä?", "Mitä puuttuu?"],
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=14),
    )
    if publish:
        consultation_publish(actor=SYSTEM, consultation=consultation)
    return consultation


def test_an_answer_is_recorded_once_and_shown_on_you_said_we_did(client):
    statement = make_statements(2)[1]
    statement.refresh_from_db()
    assert statement.status == "answered"
    with pytest.raises(ValidationError):
        statement_answer(
            actor=SYSTEM,
            statement=statement,
            answered_by="x",
            answered_on=date(2026, 4, 2),
            text="y",
        )
    page = client.get(reverse("meetings:you_said_we_did", args=["16"])).content.decode()
    assert "Tehty 1" in page and "Aihe 0" in page


def test_you_said_we_did_filters_by_kind(client):
    make_statements(2)
    response = client.get(reverse("meetings:you_said_we_did", args=["16"]), {"kind": "initiative"})
    assert response.context["page"].paginator.count == 0


@pytest.mark.parametrize("count", [2, 6])
def test_statement_lists_take_constant_queries(client, django_assert_num_queries, count):
    make_statements(count)
    with django_assert_num_queries(3):
        client.get(reverse("meetings:you_said_we_did", args=["16"]))
    with django_assert_num_queries(2):
        client.get("/api/v1/meetings/statements?county=16")


def test_one_response_per_organisation_changeable_until_the_deadline(bob, org_x):
    consultation = make_consultation()
    first = consultation_respond(
        actor=SYSTEM.__class__(user=bob),
        consultation=consultation,
        organisation=org_x,
        answers=["Hyvä", ""],
        is_public=True,
    )
    second = consultation_respond(
        actor=SYSTEM.__class__(user=bob),
        consultation=consultation,
        organisation=org_x,
        answers=["Hyvä", "Rahoitus"],
        is_public=False,
    )
    assert first.pk == second.pk
    assert ConsultationResponse.objects.get().answers == ["Hyvä", "Rahoitus"]
    consultation_close(
        actor=SYSTEM, consultation=consultation, summary="Yhteenveto", outcome="Muutettiin"
    )
    with pytest.raises(ValidationError):
        consultation_respond(
            actor=SYSTEM.__class__(user=bob),
            consultation=consultation,
            organisation=org_x,
            answers=["Myöhässä", ""],
            is_public=True,
        )


def test_only_public_responses_are_shown(client, bob, org_x):
    consultation = make_consultation()
    consultation_respond(
        actor=SYSTEM.__class__(user=bob),
        consultation=consultation,
        organisation=org_x,
        answers=["Salainen vastaus", ""],
        is_public=False,
    )
    page = client.get(reverse("meetings:consultation_detail", args=[consultation.public_id]))
    assert "Salainen vastaus" not in page.content.decode()


def test_representative_answers_through_the_form_once_per_token(client, bob, org_x):
    consultation = make_consultation()
    client.force_login(bob)
    url = reverse("meetings:consultation_respond", args=[consultation.public_id])
    token = client.get(url).context["submission_token"]
    data = {
        "organisation": org_x.pk,
        "q0": "Kyllä",
        "q1": "",
        "is_public": "on",
        "submission_token": token,
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert ConsultationResponse.objects.get().answers == ["Kyllä", ""]


def test_drafts_are_not_public_and_coordinators_see_only_their_county(client, alice, carol):
    draft = make_consultation(publish=False)
    assert (
        client.get(reverse("meetings:consultation_detail", args=[draft.public_id])).status_code
        == 404
    )
    assert client.get("/api/v1/meetings/consultations").json()["count"] == 0
    client.force_login(carol)
    assert (
        client.post(reverse("meetings:consultation_publish", args=[draft.public_id])).status_code
        == 404
    )
    client.force_login(alice)
    client.post(reverse("meetings:consultation_publish", args=[draft.public_id]))
    body = client.get("/api/v1/meetings/consultations?county=16&status=open").json()
    assert [item["title"] for item in body["items"]] == ["Strategialuonnos"]


def test_statements_api_gives_the_answer(client):
    make_statements(2)
    items = client.get("/api/v1/meetings/statements?county=16&kind=statement").json()["items"]
    answered = next(item for item in items if item["status"] == "answered")
    assert answered["answer"] == "Tehty 1"
    assert client.get("/api/v1/meetings/statements?kind=bogus").status_code == 400
