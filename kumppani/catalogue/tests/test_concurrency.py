"""Writes to catalogue entries hold when they come at the same time (PostgreSQL)."""

from functools import partial
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from kumppani.catalogue.models import Service, VolunteerTask
from kumppani.catalogue.services import service_hide, service_update
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent
from kumppani.testing.concurrency import (
    PARALLEL_WRITES,
    in_parallel,
    on_own_copies,
    signed_in_clients,
)

from .factories import ServiceFactory

pytestmark = PARALLEL_WRITES


def test_an_edit_and_a_hide_at_the_same_time_leave_the_service_hidden(alice, bob, org_x) -> None:
    for round_number in range(25):
        service = ServiceFactory.create(organisation=org_x, name_fi=f"Kerho {round_number}")

        results = on_own_copies(
            service,
            "service",
            partial(
                service_update, actor=Actor(user=bob), name_fi=f"Kerho {round_number}, uusi nimi"
            ),
            partial(service_hide, reason="Vanhentunut", actor=Actor(user=alice)),
        )

        assert not any(isinstance(result, Exception) for result in results), results
        stored = Service.objects.get(pk=service.pk)
        assert stored.hidden_at is not None, f"round {round_number}: the hide was lost"
        assert stored.name_fi == f"Kerho {round_number}, uusi nimi"
        events = AuditEvent.objects.filter(
            object_type="catalogue.service", object_id=str(service.pk)
        )
        assert sorted(events.values_list("action", flat=True)) == [
            "catalogue.service.hide",
            "catalogue.service.update",
        ]


def test_ten_hides_at_once_make_one_event_and_one_email(alice, bob, org_x) -> None:
    service = ServiceFactory.create(organisation=org_x)
    copies = [Service.objects.get(pk=service.pk) for _ in range(10)]

    results = in_parallel(
        [
            partial(service_hide, service=copy, reason="Väärä", actor=Actor(user=alice))
            for copy in copies
        ]
    )

    assert sum(not isinstance(result, Exception) for result in results) == 1
    assert AuditEvent.objects.filter(action="catalogue.service.hide").count() == 1
    assert len([m for m in mail.outbox if bob.email in m.to]) == 1


def _create_post(client: Client, organisation: Any, token: str) -> int:
    return client.post(
        reverse("catalogue:task_create"),
        {
            "organisation": organisation.pk,
            "title_fi": "Ystävä ikäihmiselle",
            "submission_token": token,
        },
    ).status_code


def test_ten_identical_creates_at_once_make_one_task(bob, org_x) -> None:
    token = "6a1c8f4e0b5d4c2e9f7a3b1d5e6f7a8b"
    clients = signed_in_clients(bob, 10)

    statuses = in_parallel([partial(_create_post, client, org_x, token) for client in clients])

    assert statuses == [302] * 10
    assert VolunteerTask.objects.filter(organisation=org_x).count() == 1
    assert AuditEvent.objects.filter(action="catalogue.volunteer_task.create").count() == 1
