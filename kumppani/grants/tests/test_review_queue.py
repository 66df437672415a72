"""The reviewer's queue: what is still to do comes first and can be filtered apart from what
is done; a decided application is not offered for scoring."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kumppani.accounts.models import CountyRoleKind
from kumppani.core.actor import Actor
from kumppani.grants.models import ApplicationStatus, GrantKind
from kumppani.grants.services.review import (
    disqualification_declare,
    reviewer_assign,
    scores_save,
)
from kumppani.testing.factories import UserFactory, county_role

from .conftest import make_call, sent_in_time

pytestmark = pytest.mark.django_db


def test_the_queue_puts_what_is_to_do_first_and_filters_it(client, applicant, sanna, carol) -> None:
    reviewer = UserFactory.create(full_name="Risto Arvioija")
    county_role(reviewer, "17", CountyRoleKind.REVIEWER)
    calls = [make_call(kind=kind) for kind in GrantKind.values[:4]]
    sent = [sent_in_time(call, applicant, sanna) for call in calls]
    for number, application in enumerate(sent):
        application.activity = f"Toiminta numero {number}"
        application.save(update_fields=["activity"])
    actor = Actor(user=reviewer)
    assignments = [
        reviewer_assign(application=a, reviewer=reviewer, actor=Actor(user=carol)) for a in sent
    ]
    # 0: declaration to make; 1: to score; 2: scored; 3: scored, then decided elsewhere.
    for assignment in assignments[1:]:
        disqualification_declare(assignment=assignment, actor=actor, disqualified=False)
    for assignment in assignments[2:]:
        criterion = assignment.application.call.programme.criteria.get()
        scores_save(assignment=assignment, actor=actor, scores={criterion.pk: (3, "")})
    sent[3].status = ApplicationStatus.DECIDED
    sent[3].save(update_fields=["status"])

    client.force_login(reviewer)
    with translation.override("en"):
        url = reverse("grants:my_reviews")
        everything = client.get(url).content.decode()
        to_do = client.get(url, {"state": "to_do"}).content.decode()
        done = client.get(url, {"state": "done"}).content.decode()
        wrong = client.get(url, {"state": "later"})

    names = [a.activity for a in sent]
    assert all(name in everything for name in names)
    # What is to do comes before what is done, whatever the order of assignment.
    first_done = min(everything.index(name) for name in names[2:])
    assert max(everything.index(name) for name in names[:2]) < first_done
    assert [name in to_do for name in names] == [True, True, False, False]
    assert [name in done for name in names] == [False, False, True, True]
    assert "declaration to make" in to_do and "to score" in to_do
    assert "scored" in done and "application decided" in done
    assert "to score" not in done
    # A wrong filter value is told in words, and nothing is listed under it.
    assert "is not a choice here" in wrong.content.decode()
    assert not any(name in wrong.content.decode() for name in names)
