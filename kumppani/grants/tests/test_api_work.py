"""Applications and reviews in the API, each user seeing their own work only."""

from __future__ import annotations

import pytest

from kumppani.core.actor import Actor
from kumppani.grants.services.review import (
    disqualification_declare,
    reviewer_assign,
    scores_save,
)
from kumppani.testing.factories import UserFactory, county_role

pytestmark = pytest.mark.django_db


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_a_representative_sees_their_organisations_applications(client, draft, sanna, bob) -> None:
    client.force_login(sanna)
    assert ids(client.get("/api/v1/grants/applications")) == [str(draft.public_id)]
    item = client.get("/api/v1/grants/applications").json()["items"][0]
    assert item["status"] == "draft"
    assert item["county_code"] == "17"
    assert item["call"] == str(draft.call.public_id)
    assert item["granted_amount"] is None
    client.force_login(bob)
    assert ids(client.get("/api/v1/grants/applications")) == []


def test_a_coordinator_sees_the_county_applications_and_filters_them(
    client, sent, carol, alice
) -> None:
    client.force_login(carol)
    assert ids(client.get("/api/v1/grants/applications?status=submitted")) == [str(sent.public_id)]
    assert ids(client.get("/api/v1/grants/applications?status=draft")) == []
    assert ids(client.get(f"/api/v1/grants/applications?call={sent.call.public_id}")) == [
        str(sent.public_id)
    ]
    client.force_login(alice)  # Etelä-Pohjanmaa's coordinator
    assert ids(client.get("/api/v1/grants/applications")) == []


@pytest.mark.parametrize("query", ["status=lost", "call=not-an-id"])
def test_a_bad_application_filter_is_a_400_naming_it(client, sanna, query) -> None:
    client.force_login(sanna)
    response = client.get(f"/api/v1/grants/applications?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].split(":")[0] in {"Tila", "Haku"}


def test_applications_need_a_signed_in_user(client, draft) -> None:
    assert client.get("/api/v1/grants/applications").status_code in {401, 403}


def test_a_reviewer_sees_their_own_assignments_and_scores_only(client, sent, carol) -> None:
    scorer = UserFactory.create(full_name="Pia Pisteyttäjä")
    other = UserFactory.create(full_name="Olli Esteellinen")
    for user in (scorer, other):
        county_role(user, "17", "reviewer")
    mine = reviewer_assign(application=sent, reviewer=scorer, actor=Actor(user=carol))
    theirs = reviewer_assign(application=sent, reviewer=other, actor=Actor(user=carol))
    disqualification_declare(assignment=mine, actor=Actor(user=scorer), disqualified=False)
    criterion = sent.call.programme.criteria.first()
    scores_save(
        assignment=mine, actor=Actor(user=scorer), scores={criterion.pk: (4, "Selkeä suunnitelma.")}
    )
    client.force_login(scorer)
    items = client.get("/api/v1/grants/reviews").json()["items"]
    assert [item["id"] for item in items] == [mine.pk]
    assert items[0]["declared"] is True
    assert items[0]["disqualified"] is False
    assert items[0]["scores"] == [
        {"criterion": criterion.title, "score": 4, "comment": "Selkeä suunnitelma."}
    ]
    client.force_login(other)
    items = client.get("/api/v1/grants/reviews").json()["items"]
    assert [item["id"] for item in items] == [theirs.pk]
    assert items[0]["declared"] is False
    assert items[0]["disqualified"] is None
    assert items[0]["scores"] == []
