"""Writes to the registry hold when they come at the same time (PostgreSQL)."""

from functools import partial

from django.test import Client
from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent
from kumppani.organisations.models import Organisation, OrganisationStatus
from kumppani.organisations.services import organisation_dissolve, organisation_update
from kumppani.testing.concurrency import (
    PARALLEL_WRITES,
    in_parallel,
    on_own_copies,
    signed_in_clients,
)
from kumppani.testing.factories import OrganisationFactory

pytestmark = PARALLEL_WRITES


def test_an_edit_and_marking_dissolved_at_the_same_time_both_hold(alice, bob) -> None:
    for round_number in range(20):
        organisation = OrganisationFactory.create(name_fi=f"Yhdistys {round_number} ry")
        edit = partial(
            organisation_update,
            actor=Actor(user=bob),
            name_fi=f"Yhdistys {round_number} ry, uusi",
            phone="06 123 4567",
        )
        dissolve = partial(
            organisation_dissolve, actor=Actor(user=alice), reason="Yhdistys on purettu."
        )

        results = on_own_copies(organisation, "organisation", edit, dissolve)

        assert not any(isinstance(result, Exception) for result in results), results
        stored = Organisation.objects.get(pk=organisation.pk)
        assert stored.status == OrganisationStatus.DISSOLVED, f"round {round_number}"
        assert (stored.name_fi, stored.phone) == (
            f"Yhdistys {round_number} ry, uusi",
            "06 123 4567",
        )
        updates = AuditEvent.objects.filter(
            action="organisations.organisation.update", object_id=str(organisation.pk)
        )
        assert [event.details["changed"] for event in updates] == [["name_fi", "phone"]]


def _create_post(client: Client, token: str) -> int:
    return client.post(
        reverse("organisations:create"),
        {
            "name_fi": "Ilmajoen Omaiset ry",
            "kind": "association",
            "is_non_profit": "on",
            "municipalities": ["145"],
            "submission_token": token,
        },
    ).status_code


def test_ten_identical_creates_at_once_make_one_organisation(alice) -> None:
    clients = signed_in_clients(alice, 10)

    statuses = in_parallel(
        [partial(_create_post, client, "0f4b2c8e6d1a4e3b9c7d5f1a2b3c4d5e") for client in clients]
    )

    assert statuses == [302] * 10
    assert Organisation.objects.filter(name_fi="Ilmajoen Omaiset ry").count() == 1
    assert AuditEvent.objects.filter(action="organisations.organisation.create").count() == 1
