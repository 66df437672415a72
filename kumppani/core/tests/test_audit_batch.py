"""A batch job records one audit event for everything the services did inside it."""

import pytest
from django.db import transaction

from kumppani.core.actor import Actor
from kumppani.core.audit import audit_batch, audit_record
from kumppani.core.models import AuditEvent, County

pytestmark = pytest.mark.django_db

ACTOR = Actor.system("test")


def test_a_batch_writes_one_event_with_the_counts_of_the_events_inside() -> None:
    county = County.objects.get(code="16")
    with audit_batch(actor=ACTOR, action="catalogue.import.run") as batch:
        for _i in range(3):
            audit_record(actor=ACTOR, action="catalogue.service.create")
        audit_record(actor=ACTOR, action="organisations.organisation.create")
        batch.county = county
        batch.details = {"source": "services.json"}
    event = AuditEvent.objects.get()
    assert (event.action, event.county, event.actor_label) == (
        "catalogue.import.run",
        county,
        "test",
    )
    assert event.details == {
        "source": "services.json",
        "events": {"catalogue.service.create": 3, "organisations.organisation.create": 1},
    }
    audit_record(actor=ACTOR, action="catalogue.service.create")  # outside: written again
    assert AuditEvent.objects.count() == 2


def test_a_batch_that_fails_writes_nothing() -> None:
    with (
        pytest.raises(ValueError),
        transaction.atomic(),
        audit_batch(actor=ACTOR, action="catalogue.import.run"),
    ):
        audit_record(actor=ACTOR, action="catalogue.service.create")
        raise ValueError("broken file")
    assert not AuditEvent.objects.exists()


def test_batches_do_not_nest_and_need_a_declared_action() -> None:
    with pytest.raises(LookupError), audit_batch(actor=ACTOR, action="catalogue.nothing.declared"):
        pass
    with (
        audit_batch(actor=ACTOR, action="catalogue.import.run"),
        pytest.raises(RuntimeError),
        audit_batch(actor=ACTOR, action="catalogue.import.run"),
    ):
        pass
