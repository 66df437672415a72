"""Ten answers sent at once for one organisation make one response (PostgreSQL)."""

from __future__ import annotations

from functools import partial

from kumppani.core.actor import Actor
from kumppani.meetings.models import Consultation, ConsultationResponse
from kumppani.meetings.services.voice import consultation_respond
from kumppani.organisations.models import Organisation
from kumppani.testing.concurrency import PARALLEL_WRITES, in_parallel

from .test_voice import make_consultation

pytestmark = PARALLEL_WRITES


def test_parallel_answers_make_one_response_per_organisation(bob, org_x):
    consultation = make_consultation()

    def answer(number: int) -> object:
        return consultation_respond(
            actor=Actor(user=bob),
            consultation=Consultation.objects.get(pk=consultation.pk),
            organisation=Organisation.objects.get(pk=org_x.pk),
            answers=[f"Vastaus {number}", ""],
            is_public=True,
        )

    results = in_parallel([partial(answer, n) for n in range(10)])
    assert not [r for r in results if isinstance(r, Exception)]
    assert ConsultationResponse.objects.filter(consultation=consultation).count() == 1
