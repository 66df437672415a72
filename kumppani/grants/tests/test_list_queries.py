"""Every grants list (page, export, API) reads the same number of queries however long it
is: measured at one row and again at three."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from stdnum.fi import ytunnus

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.grants.models import Call
from kumppani.grants.services.review import (
    disqualification_declare,
    reviewer_assign,
    scores_save,
)
from kumppani.testing.factories import OrganisationFactory, UserFactory, county_role, representative

from .conftest import decide, make_call, sent_in_time

pytestmark = pytest.mark.django_db


@dataclass
class Grown:
    """A call with N applications (sent, reviewed, decided, with a payment) and N calls."""

    first: Call
    sanna: User
    carol: User
    reviewer: User
    size: int = 0

    def add(self) -> None:
        self.size += 1
        make_call()  # one more call in the lists of calls
        business_id = next(
            f"{2_300_000 + 10 * self.size + n}-{d}"
            for n in range(10)
            for d in range(10)
            if ytunnus.is_valid(f"{2_300_000 + 10 * self.size + n}-{d}")
        )
        organisation = OrganisationFactory.create(business_id=business_id, municipalities=["905"])
        role = representative(self.sanna, organisation)
        role.has_signing_right = True
        role.save()
        self.sanna = User.objects.get(pk=self.sanna.pk)  # her roles are read anew
        application = sent_in_time(self.first, organisation, self.sanna)
        assignment = reviewer_assign(
            application=application, reviewer=self.reviewer, actor=Actor(user=self.carol)
        )
        disqualification_declare(
            assignment=assignment, actor=Actor(user=self.reviewer), disqualified=False
        )
        criterion = self.first.programme.criteria.get()
        scores_save(
            assignment=assignment,
            actor=Actor(user=self.reviewer),
            scores={criterion.pk: (3 + self.size % 2, "")},
        )
        decide(application, self.carol, "1000")


@pytest.fixture
def grown(sanna, carol) -> Grown:
    reviewer = UserFactory.create(full_name="Pia Pisteyttäjä")
    county_role(reviewer, "17", "reviewer")
    return Grown(first=make_call(), sanna=sanna, carol=carol, reviewer=reviewer)


LISTS: list[tuple[str, str, Callable[[Grown], str]]] = [
    ("calls page", "", lambda g: reverse("grants:call_list")),
    ("decision register", "", lambda g: reverse("grants:decision_register")),
    ("decision register CSV", "", lambda g: reverse("grants:decision_register_export")),
    (
        "decision register XLSX",
        "",
        lambda g: reverse("grants:decision_register_export") + "?format=xlsx",
    ),
    ("my applications", "sanna", lambda g: reverse("grants:my_applications")),
    ("my reviews", "reviewer", lambda g: reverse("grants:my_reviews")),
    ("managed calls", "carol", lambda g: reverse("grants:managed_calls")),
    (
        "review summary",
        "carol",
        lambda g: reverse("grants:call_review", args=[g.first.public_id]),
    ),
    ("API calls", "", lambda g: "/api/v1/grants/calls"),
    ("API decisions", "", lambda g: "/api/v1/grants/decisions"),
    ("API payments", "carol", lambda g: "/api/v1/grants/payments"),
    ("API reports", "carol", lambda g: "/api/v1/grants/reports"),
    ("API applications, applicant", "sanna", lambda g: "/api/v1/grants/applications"),
    ("API applications, coordinator", "carol", lambda g: "/api/v1/grants/applications"),
    ("API reviews", "reviewer", lambda g: "/api/v1/grants/reviews"),
]


def queries_of(client: Client, grown: Grown, user: str, url: Callable[[Grown], str]) -> int:
    client.logout()
    if user:
        client.force_login(getattr(grown, user))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(grown))
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url(grown), response.status_code)
    return len(captured)


def test_every_grants_list_reads_a_constant_number_of_queries(client, grown) -> None:
    grown.add()
    short = {name: queries_of(client, grown, user, url) for name, user, url in LISTS}
    grown.add()
    grown.add()
    long = {name: queries_of(client, grown, user, url) for name, user, url in LISTS}
    grown_with_length = {
        name: (short[name], long[name]) for name in short if short[name] != long[name]
    }
    assert grown_with_length == {}


@pytest.mark.parametrize(
    ("user", "url", "nothing"),
    [
        ("carol", "grants:payment_list", "Rajauksiin sopivia maksuja ei ole."),
        ("", "grants:call_list", "Yksikään haku ei vastaa rajauksia."),
    ],
)
def test_an_empty_list_says_that_nothing_matches(client, carol, user, url, nothing) -> None:
    if user:
        client.force_login(carol)
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert nothing in response.content.decode()
