"""Ten sends of the same draft at once make one sent application and one receipt; ten starts
at once make one application (PostgreSQL)."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection

from kumppani.core.actor import Actor
from kumppani.core.models import OutgoingEmail
from kumppani.grants.models import Application, ApplicationStatus
from kumppani.grants.services.applications import application_start, application_submit
from kumppani.testing.concurrency import in_parallel

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writes: PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_ten_parallel_sends_make_one_application_and_one_receipt(draft, sanna) -> None:
    results = in_parallel(
        [
            partial(
                application_submit,
                application=Application.objects.get(pk=draft.pk),
                actor=Actor(user=sanna),
                declarations=True,
            )
            for _ in range(10)
        ]
    )
    assert not any(isinstance(result, Exception) for result in results), results
    assert results.count(True) == 1
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.revisions.count() == 1
    assert OutgoingEmail.objects.filter(recipient=sanna.email).count() == 1


def test_ten_parallel_starts_make_one_application(call, applicant, sanna) -> None:
    results = in_parallel(
        [
            partial(application_start, actor=Actor(user=sanna), call=call, organisation=applicant)
            for _ in range(10)
        ]
    )
    assert not any(isinstance(result, Exception) for result in results), results
    assert len({result.pk for result in results}) == 1
    assert Application.objects.filter(call=call, organisation=applicant).count() == 1
