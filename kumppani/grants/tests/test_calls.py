"""Calls on pages and in the API: the published last day beside the effective deadline, and
last year's programme copied for the next."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.grants.models import CallStatus, Programme
from kumppani.grants.services.programmes import programme_copy

from .conftest import make_call

pytestmark = pytest.mark.django_db


def test_the_api_gives_the_published_last_day_and_the_deadline_by_law(client) -> None:
    call = make_call(opens_on=date(2024, 11, 1), closes_on=date(2024, 11, 30))
    make_call(published=False)  # a draft is not published

    body = client.get("/api/v1/grants/calls?county=17").json()

    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == str(call.public_id)
    assert item["county_code"] == "17"
    assert item["kind"] == "operating"
    assert item["closes_on"] == "2024-11-30"
    assert item["deadline"] == "2024-12-02T23:59:59+02:00"
    assert item["status"] == "closed"
    assert client.get(f"/api/v1/grants/calls/{call.public_id}").json()["title"] == (
        "Toiminta-avustusten haku"
    )


def test_the_api_answers_a_bad_filter_with_a_sentence(client) -> None:
    response = client.get("/api/v1/grants/calls?kind=lottery")
    assert response.status_code == 400
    assert "lottery" in response.json()["detail"]


def test_an_unknown_call_is_a_json_404(client) -> None:
    response = client.get("/api/v1/grants/calls/3fa85f64-5717-4562-b3fc-2c963f66afa6")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_the_call_page_tells_why_the_deadline_moved_in_swedish(client) -> None:
    call = make_call(opens_on=date(2026, 11, 1), closes_on=date(2026, 12, 6))
    page = client.get(reverse("grants:call_detail", args=[call.public_id]).replace("/fi/", "/sv/"))
    text = page.content.decode()
    assert "Ansökan om verksamhetsbidrag" in text
    assert "självständighetsdagen" in text.lower()
    assert "7 december 2026 kl. 23.59" in text


def test_the_call_list_is_filtered_by_county(client, call) -> None:
    other = make_call(county_code="16")
    page = client.get(reverse("grants:call_list"), {"county": "16"}).content.decode()
    assert str(other.public_id) in page
    assert str(call.public_id) not in page


def test_a_programme_is_copied_for_next_year_with_its_criteria_questions_and_call() -> None:
    call = make_call(opens_on=date(2025, 11, 1), closes_on=date(2025, 11, 30))
    programme = call.programme
    copy = programme_copy(actor=Actor.system("tests"), programme=programme)
    assert copy.year == programme.year + 1
    assert [c.title for c in copy.criteria.all()] == ["Vaikuttavuus"]
    assert [q.text for q in copy.questions.all()] == ["Montako vapaaehtoista?"]
    new_call = copy.calls.get()
    assert (new_call.opens_on, new_call.closes_on) == (date(2026, 11, 1), date(2026, 11, 30))
    assert new_call.status == CallStatus.DRAFT
    assert Programme.objects.count() == 2
    with pytest.raises(Exception, match="jo kopioitu"):
        programme_copy(actor=Actor.system("tests"), programme=programme)
