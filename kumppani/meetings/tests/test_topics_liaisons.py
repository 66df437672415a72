"""Topics from NGOs, and the liaison roster: who may change it, its coverage, and what the
public page and the API show of a person without consent."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.meetings.models import LiaisonPerson, LiaisonRole, Series, SeriesKind, TopicStatus
from kumppani.meetings.services.liaisons import liaison_create, roster_confirm
from kumppani.meetings.services.memos import topic_propose, topic_support
from kumppani.meetings.services.series import series_create
from kumppani.testing.factories import county, municipality

from .conftest import SYSTEM, make_meeting


def morning_coffee() -> Series:
    return series_create(
        actor=SYSTEM,
        county=county("16"),
        kind=SeriesKind.MORNING_COFFEE,
        title_fi="SOTE-aamukahvit",
    )


def person(code: str = "743", **fields: Any) -> LiaisonPerson:
    values: dict[str, Any] = {"name": "Liisa Yhdyshenkilö", "role": LiaisonRole.NGO, **fields}
    return liaison_create(municipality=municipality(code), actor=SYSTEM, **values)


@pytest.mark.django_db
def test_topic_is_supported_once_per_user(dave: User, bob: User) -> None:
    series = morning_coffee()
    topic = topic_propose(series=series, actor=Actor(user=dave), title="Omaishoitajien jaksaminen")
    assert not topic_support(topic=topic, actor=Actor(user=dave))  # the proposer already does
    assert topic_support(topic=topic, actor=Actor(user=bob))
    assert not topic_support(topic=topic, actor=Actor(user=bob))
    assert topic.supports.count() == 2


@pytest.mark.django_db
def test_topics_page_proposes_supports_and_organiser_takes_up(
    client: Any, dave: User, bob: User, alice: User
) -> None:
    series = morning_coffee()
    url = reverse("meetings:series_topics", args=[series.public_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "Kaikki"}).status_code in (302, 403)
    assert not series.topics.exists()

    client.force_login(dave)
    client.post(url, {"title": "Yksinäisyys", "submission_token": "a" * 32})
    client.post(url, {"title": "Yksinäisyys", "submission_token": "a" * 32})  # a double click
    topic = series.topics.get()
    client.force_login(bob)
    client.post(reverse("meetings:topic_support", args=[topic.public_id]))
    client.post(reverse("meetings:topic_support", args=[topic.public_id]))
    assert topic.supports.count() == 2

    meeting = make_meeting(series=series)
    take_up = reverse("meetings:topic_take_up", args=[topic.public_id])
    assert client.post(take_up, {"meeting": meeting.pk}).status_code == 404  # bob organises nothing
    client.force_login(alice)
    client.post(take_up, {"meeting": meeting.pk})
    topic.refresh_from_db()
    assert topic.status == TopicStatus.TAKEN_UP
    assert topic.meeting == meeting


@pytest.mark.django_db
def test_roster_is_kept_by_the_county_coordinator_and_the_municipalitys_liaison(
    client: Any, alice: User, carol: User, lauri: User
) -> None:
    url = reverse("meetings:liaison_roster", args=["743"])
    client.force_login(carol)
    assert client.get(url).status_code == 404
    client.post(url, {"name": "X", "role": LiaisonRole.NGO})
    # Seinäjoki's liaison person keeps Seinäjoki's roster, not a neighbour's.
    client.force_login(lauri)
    assert client.get(reverse("meetings:liaison_roster", args=["005"])).status_code == 404
    assert client.get(url).status_code == 200
    assert not LiaisonPerson.objects.exists()
    client.force_login(alice)
    response = client.post(url, {"name": "Liisa", "role": LiaisonRole.NGO, "email": "l@x.fi"})
    assert response.status_code == 302
    assert LiaisonPerson.objects.get().municipality.code == "743"
    client.force_login(lauri)
    confirmed = client.post(reverse("meetings:liaison_confirm", args=["743"]))
    assert confirmed.status_code == 302
    assert LiaisonPerson.objects.get().confirmed_year == timezone.localdate().year


@pytest.mark.django_db
def test_ngo_liaison_pairs_only_with_a_hyte_liaison_of_the_same_municipality() -> None:
    hyte_elsewhere = person("005", role=LiaisonRole.HYTE, name="Hanna")
    with pytest.raises(ValidationError) as refused:
        person(paired_with=hyte_elsewhere)
    assert "paired_with" in refused.value.error_dict
    hyte = person(role=LiaisonRole.HYTE, name="Heikki")
    assert person(paired_with=hyte).paired_with == hyte


@pytest.mark.django_db
def test_contact_details_are_public_only_with_consent(client: Any) -> None:
    hyte = person(role=LiaisonRole.HYTE, name="Heikki Hyte", email="heikki@x.fi")
    person(name="Liisa Julkinen", email="liisa@x.fi", publish_consent=True, paired_with=hyte)
    page = client.get(reverse("meetings:liaison_contact"), {"municipality": municipality("743").pk})
    text = page.content.decode()
    assert "Liisa Julkinen" in text and "liisa@x.fi" in text
    assert "Heikki" not in text and "heikki@x.fi" not in text

    answer = client.get("/api/v1/liaisons", {"municipality": "743"}).json()
    assert {row["name"] for row in answer} == {"Liisa Julkinen", None}
    assert "heikki@x.fi" not in str(answer)
    assert all(row["paired_with"] is None for row in answer)
    assert client.get("/api/v1/liaisons", {"municipality": "999"}).status_code == 400


@pytest.mark.django_db
def test_coverage_shows_gaps_in_constant_queries(client: Any, alice: User) -> None:
    client.force_login(alice)
    url = reverse("meetings:liaison_coverage", args=["16"])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        response = client.get(url)
    total = county("16").municipalities.count()
    assert response.context["without_ngo"].__len__() == total

    for code in ("743", "005", "010"):
        person(code)
        person(code, role=LiaisonRole.HYTE, name="Hyte")
    roster_confirm(municipality=municipality("743"), year=timezone.localdate().year, actor=SYSTEM)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
    assert len(response.context["without_ngo"]) == total - 3
    confirmed = [row.code for row in response.context["rows"] if row.confirmed]
    assert confirmed == ["743"]
    client.force_login(User.objects.create_user(email="x@example.fi", password="x" * 12))
    assert client.get(url).status_code == 404
