"""Marking an organisation dissolved: confirmed with a reason, only by someone who may sign
for it or coordinates it, takes its entries off the public catalogue with history, and
reactivating it offers to publish them again."""

import pytest
from django.urls import reverse

from kumppani.catalogue.models import PublicationStatus, Service, VolunteerTask
from kumppani.catalogue.tests.factories import ServiceFactory, VolunteerTaskFactory
from kumppani.core import workflow
from kumppani.core.models import AuditEvent
from kumppani.organisations.models import OrganisationStatus
from kumppani.testing.urls import reverse_en


def _dissolve_url(organisation):
    return reverse_en("organisations:dissolve", args=[organisation.public_id])


def test_marking_dissolved_asks_why_and_says_what_follows(client, alice, org_x):
    client.force_login(alice)
    page = client.get(_dissolve_url(org_x)).content.decode()
    assert "no longer shown to the public" in page

    response = client.post(_dissolve_url(org_x), {"reason": "  "})

    assert response.status_code == 200
    assert "Tell why the organisation is marked as dissolved" in response.content.decode()
    org_x.refresh_from_db()
    assert org_x.status == OrganisationStatus.ACTIVE


def test_a_representative_without_signing_right_cannot_mark_it_dissolved(client, bob, org_x):
    client.force_login(bob)
    assert client.get(_dissolve_url(org_x)).status_code == 403
    assert client.post(_dissolve_url(org_x), {"reason": "Lopetettu"}).status_code == 403
    org_x.refresh_from_db()
    assert org_x.status == OrganisationStatus.ACTIVE
    detail = client.get(reverse_en("organisations:detail", args=[org_x.public_id]))
    assert "Mark as dissolved" not in detail.content.decode()


def test_a_representative_with_signing_right_marks_it_dissolved_and_its_entries_leave(
    client, sanna, org_y
):
    service = ServiceFactory.create(organisation=org_y, municipalities=["905"])
    task = VolunteerTaskFactory.create(organisation=org_y)
    draft = ServiceFactory.create(organisation=org_y, status=PublicationStatus.DRAFT)
    client.force_login(sanna)

    response = client.post(_dissolve_url(org_y), {"reason": "Yhdistys purettiin 1.12."})

    assert response.status_code == 302
    org_y.refresh_from_db()
    assert org_y.status == OrganisationStatus.DISSOLVED
    assert not Service.objects.published().filter(organisation=org_y).exists()
    assert Service.objects.get(pk=draft.pk).status == PublicationStatus.DRAFT
    assert VolunteerTask.objects.get(pk=task.pk).status == PublicationStatus.ARCHIVED
    (change,) = workflow.history(Service.objects.get(pk=service.pk))
    assert (change.to_state, change.cause, change.reason) == (
        "archived",
        "organisation_dissolved",
        "Yhdistys purettiin 1.12.",
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "organisations.organisation.dissolve",
        "catalogue.service.archive",
        "catalogue.volunteer_task.archive",
    } <= actions
    client.logout()
    assert (
        client.get(reverse("catalogue:service_detail", args=[service.public_id])).status_code == 404
    )


def test_reactivating_offers_to_publish_the_entries_again(client, alice, bob, org_x):
    service = ServiceFactory.create(organisation=org_x, name_fi="Vertaisryhmä")
    other = ServiceFactory.create(organisation=org_x, name_fi="Liikuntaryhmä")
    client.force_login(alice)
    client.post(_dissolve_url(org_x), {"reason": "Toiminta päättyi"})
    client.post(reverse_en("organisations:reactivate", args=[org_x.public_id]))
    org_x.refresh_from_db()
    assert org_x.status == OrganisationStatus.ACTIVE

    client.force_login(bob)
    page = client.get(reverse_en("organisations:detail", args=[org_x.public_id])).content.decode()
    assert "Archived when the organisation was marked dissolved" in page
    assert "Vertaisryhmä" in page and "Liikuntaryhmä" in page

    response = client.post(
        reverse_en("catalogue:organisation_restore", args=[org_x.public_id]),
        {"service": [str(service.public_id)]},
    )

    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).status == PublicationStatus.PUBLISHED
    assert Service.objects.get(pk=other.pk).status == PublicationStatus.ARCHIVED
    page = client.get(reverse_en("organisations:detail", args=[org_x.public_id])).content.decode()
    assert "Liikuntaryhmä" in page and "Archived when the organisation" in page


@pytest.mark.parametrize("persona", ["dave", "carol"])
def test_outsiders_cannot_restore_entries(client, persona, request, org_x):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse_en("catalogue:organisation_restore", args=[org_x.public_id]))
    assert response.status_code == 403
