"""A representative's reach: moving an organisation between counties and joining an umbrella
wait for approval; both counties' coordinators see the request."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, Municipality
from kumppani.organisations.change_requests import (
    change_request_approve,
    change_request_refuse,
    requests_for_decider,
)
from kumppani.organisations.models import ChangeRequest, ChangeRequestStatus
from kumppani.organisations.services import organisation_update
from kumppani.testing.factories import OrganisationFactory
from kumppani.testing.urls import reverse_en


def _codes(organisation):
    return sorted(organisation.municipalities.values_list("code", flat=True))


def _move(organisation, user, *codes):
    organisation_update(
        organisation=organisation,
        actor=Actor(user=user),
        municipalities=list(Municipality.objects.filter(code__in=codes)),
        phone="06 555 0101",
    )


def test_a_move_to_another_county_waits_and_both_coordinators_see_it(alice, bob, carol, org_x):
    _move(org_x, bob, "905")

    org_x.refresh_from_db()
    assert _codes(org_x) == ["743"], "the move waits"
    assert org_x.phone == "06 555 0101", "the rest of the edit is saved"
    request = ChangeRequest.objects.get(organisation=org_x)
    assert request.status == ChangeRequestStatus.PENDING
    assert list(requests_for_decider(alice)) == [request]
    assert list(requests_for_decider(carol)) == [request]
    assert AuditEvent.objects.filter(action="organisations.change_request.create").exists()

    change_request_approve(request=request, actor=Actor(user=carol))

    org_x.refresh_from_db()
    assert _codes(org_x) == ["905"]
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (ChangeRequestStatus.APPROVED, carol)


def test_a_move_inside_the_county_is_made_at_once(bob, org_x):
    _move(org_x, bob, "743", "408")
    assert _codes(org_x) == ["408", "743"]
    assert not ChangeRequest.objects.exists()


def test_a_coordinator_of_one_county_cannot_move_an_organisation_into_another_alone(alice, org_x):
    _move(org_x, alice, "905")
    assert _codes(org_x) == ["743"]
    assert ChangeRequest.objects.filter(organisation=org_x, status="pending").exists()


def test_joining_an_umbrella_waits_for_the_umbrellas_representatives(
    bob, sanna, dave, org_x, org_y
):
    organisation_update(organisation=org_x, actor=Actor(user=bob), umbrella=org_y)
    org_x.refresh_from_db()
    assert org_x.umbrella is None
    request = ChangeRequest.objects.get(organisation=org_x, kind="umbrella")
    with pytest.raises(PermissionDenied):
        change_request_approve(request=request, actor=Actor(user=dave))

    change_request_approve(request=request, actor=Actor(user=sanna))

    org_x.refresh_from_db()
    assert org_x.umbrella == org_y


def test_refusing_needs_a_reason_and_leaves_the_organisation_as_it_was(bob, carol, org_x):
    _move(org_x, bob, "905")
    request = ChangeRequest.objects.get(organisation=org_x)
    with pytest.raises(ValidationError):
        change_request_refuse(request=request, actor=Actor(user=carol), reason=" ")

    change_request_refuse(request=request, actor=Actor(user=carol), reason="Ei toimintaa Vaasassa")

    assert _codes(org_x) == ["743"]
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.REFUSED
    with pytest.raises(ValidationError):
        change_request_approve(request=request, actor=Actor(user=carol))


def test_the_pages_show_and_decide_the_request(client, bob, carol, org_x):
    _move(org_x, bob, "905")
    client.force_login(bob)
    detail = client.get(reverse_en("organisations:detail", args=[org_x.public_id]))
    assert "Waiting for approval" in detail.content.decode()

    client.force_login(carol)
    page = client.get(reverse_en("organisations:change_requests")).content.decode()
    assert "Seinäjoen Omaishoitajat ry" in page
    request = ChangeRequest.objects.get()
    response = client.post(
        reverse_en("organisations:change_request_decide", args=[request.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 302
    assert _codes(org_x) == ["905"]


def test_an_umbrella_that_could_never_be_approved_is_refused_at_once(bob, org_x):
    member = OrganisationFactory.create(umbrella=org_x)
    with pytest.raises(ValidationError):
        organisation_update(organisation=org_x, actor=Actor(user=bob), umbrella=member)
    assert not ChangeRequest.objects.exists()
