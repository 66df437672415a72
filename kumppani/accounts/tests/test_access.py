"""Only a county's own coordinators invite people into it and see its invitations."""

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from kumppani.accounts.access import can_invite, counties_user_coordinates
from kumppani.accounts.models import CountyRoleKind, Invitation, User
from kumppani.accounts.roles import roles_of
from kumppani.accounts.services import invitation_create
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent
from kumppani.organisations.models import Organisation
from kumppani.testing.factories import county, municipality
from kumppani.testing.invitations import post_invitation
from kumppani.testing.urls import reverse_en


def test_counties_user_coordinates(alice: User, carol: User, bob: User, dave: User) -> None:
    assert list(counties_user_coordinates(alice).values_list("code", flat=True)) == ["16"]
    assert list(counties_user_coordinates(carol).values_list("code", flat=True)) == ["17"]
    assert not counties_user_coordinates(bob).exists()
    assert not counties_user_coordinates(dave).exists()
    assert can_invite(alice, county("16"))
    assert not can_invite(alice, county("17"))
    assert not can_invite(carol, county("16"))


@pytest.mark.parametrize("persona", ["dave", "bob"])
@pytest.mark.parametrize("url_name", ["organisations:invite", "accounts:invitations"])
def test_non_coordinators_get_403(
    client: Client, request: pytest.FixtureRequest, persona: str, url_name: str
) -> None:
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse_en(url_name)).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client: Client, db: None) -> None:
    response = client.get(reverse_en("organisations:invite"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse_en("accounts:sign_in"))


def test_carol_cannot_invite_into_county_16(
    client: Client, carol: User, org_x: Organisation
) -> None:
    client.force_login(carol)

    get = client.get(reverse_en("organisations:invite") + "?county=16")
    post = post_invitation(client, org_x, email="x@example.fi", language="fi", title="chair")

    assert get.status_code == 403
    assert post.status_code == 403
    assert not Invitation.objects.exists()


def test_carol_cannot_see_or_revoke_county_16_invitations(
    client: Client, alice: User, carol: User, org_x: Organisation
) -> None:
    invitation = invitation_create(
        actor=Actor(user=alice),
        email="salainen@example.fi",
        county=county("16"),
        organisation=org_x,
        title="chair",
    )
    client.force_login(carol)

    listed = client.get(reverse_en("accounts:invitations"))
    filtered = client.get(reverse_en("accounts:invitations") + "?county=16")
    revoke = client.post(reverse_en("accounts:revoke_invitation", args=[invitation.pk]))

    assert listed.status_code == 200
    assert "salainen@example.fi" not in listed.content.decode()
    assert "salainen@example.fi" not in filtered.content.decode()
    assert revoke.status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_invitation_list_is_paged_filtered_audited_and_query_bounded(
    client: Client, alice: User, org_x: Organisation, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        invitation_create(
            actor=Actor(user=alice),
            email=f"kutsuttu{n}@example.fi",
            county=county("16"),
            organisation=org_x,
            title="member",
        )
    Invitation.objects.filter(email="kutsuttu0@example.fi").update(revoked_at="2026-01-01T00:00Z")
    client.force_login(alice)

    with django_assert_max_num_queries(12), translation.override("en"):
        response = client.get(reverse_en("accounts:invitations") + "?county=16")
    page = response.content.decode()
    assert "30 invitations" in page
    assert page.count("Withdraw</button>") + page.count("Withdraw<span") == 25
    assert 'rel="next"' in page
    assert "county=16&amp;page=2" in page

    revoked = client.get(reverse_en("accounts:invitations") + "?status=revoked").content.decode()
    assert "1 invitation" in revoked and "kutsuttu0@example.fi" in revoked
    searched = client.get(reverse_en("accounts:invitations") + "?q=kutsuttu12").content.decode()
    assert "kutsuttu12@example.fi" in searched and "kutsuttu11@" not in searched

    read = AuditEvent.objects.filter(action="accounts.invitation.list", actor=alice).last()
    assert read is not None and read.county == county("16") and len(read.details["ids"]) == 25


def test_the_cast_holds_one_persona_per_role(
    alice, carol, rita, paula, otto, lauri, bob, sanna, stella, dave, org_x, org_y
):
    """Every role of the platform has its persona (conftest.py), as the role module sees it."""
    assert roles_of(alice).coordinator_county_ids == {county("16").pk}
    assert roles_of(carol).coordinator_county_ids == {county("17").pk}
    assert roles_of(rita).county_ids(CountyRoleKind.REVIEWER) == {county("16").pk}
    assert roles_of(paula).county_ids(CountyRoleKind.PROFESSIONAL) == {county("16").pk}
    assert roles_of(otto).county_ids(CountyRoleKind.UNIT_ORDERER) == {county("16").pk}
    assert roles_of(lauri).liaison_municipality_ids == {municipality("743").pk}
    assert roles_of(bob).represents(org_x.pk) and not roles_of(bob).signs_for(org_x.pk)
    assert roles_of(sanna).represents(org_y.pk) and roles_of(sanna).signs_for(org_y.pk)
    assert roles_of(stella).is_staff
    assert roles_of(dave) == roles_of(None)


def test_a_deactivated_person_holds_no_roles(alice):
    alice.is_active = False
    assert not roles_of(alice).is_coordinator
