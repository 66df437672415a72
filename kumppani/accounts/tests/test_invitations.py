"""Inviting representatives and county colleagues, accepting and withdrawing invitations."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.accounts.models import CountyRole, Invitation, OrganisationRole, User
from kumppani.accounts.services import invitation_accept, invitation_create, invitation_revoke
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent
from kumppani.organisations.models import Organisation
from kumppani.testing.factories import OrganisationFactory, county, municipality
from kumppani.testing.invitations import post_invitation
from kumppani.testing.urls import reverse_en

NEW_PASSWORD = "lumikko-kettu-2026-ilves"


def token_from(message: mail.EmailMessage, language: str = "fi") -> str:
    match = re.search(
        rf"http://127\.0\.0\.1:8000/{language}/invitations/([\w-]+)/", str(message.body)
    )
    assert match, message.body
    return match.group(1)


def invite_bob_like(alice: User, org_x: Organisation, email: str = "new@example.fi") -> Any:
    return invitation_create(
        actor=Actor(user=alice),
        email=email,
        county=county("16"),
        organisation=org_x,
        title="secretary",
        language="fi",
    )


def invite_to_county_16(inviter: User, **fields: Any) -> Any:
    """Invite a@example.fi to a role in Etelä-Pohjanmaa (16); the fields say which role."""
    return invitation_create(
        actor=Actor(user=inviter), email="a@example.fi", county=county("16"), **fields
    )


@pytest.fixture
def token(alice: User, org_x: Organisation, django_capture_on_commit_callbacks: Any) -> str:
    """The token of alice's invitation for a secretary of org_x, from the email it sent."""
    with django_capture_on_commit_callbacks(execute=True):
        invite_bob_like(alice, org_x)
    return token_from(mail.outbox[0])


def test_invite_accept_full_flow_assigns_the_role_signs_in_and_audits(
    client: Client,
    alice: User,
    org_x: Organisation,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # Given alice invites a secretary for org_x through the page
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_invitation(
            client, org_x, email="Sihteeri@Example.fi", language="sv", title="secretary"
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "sihteeri@example.fi"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sihteeri@example.fi"]
    token = token_from(mail.outbox[0], "sv")
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in invitation.token_hash
    assert "Södra Österbotten" in mail.outbox[0].subject  # the invitee's language

    # When the invitee opens the link and sets a name and password
    client.post(reverse_en("accounts:sign_out"))
    accept_url = f"/sv/invitations/{token}/"
    assert client.get(accept_url).status_code == 200
    response = client.post(
        accept_url,
        {"full_name": "Siiri Sihteeri", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )

    # Then the account exists with the role, is signed in, and everything is audited
    assert response.status_code == 302
    user = User.objects.get(email="sihteeri@example.fi")
    assert user.full_name == "Siiri Sihteeri"
    assert user.language == "sv"
    assert user.check_password(NEW_PASSWORD)
    assert OrganisationRole.objects.filter(
        user=user, organisation=org_x, title="secretary"
    ).exists()
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    events = AuditEvent.objects.filter(object_id=str(invitation.pk), county=county("16"))
    assert set(events.values_list("action", flat=True)) == {
        "accounts.invitation.create",
        "accounts.invitation.accept",
    }
    assert events.get(action="accounts.invitation.accept").actor == user


def test_reused_token_is_refused(token: str) -> None:
    invitation_accept(token=token, full_name="Uusi", password=NEW_PASSWORD, actor=Actor(None))

    response = Client().post(
        f"/en/invitations/{token}/",
        {"full_name": "Toinen", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    with pytest.raises(ValidationError, match="already been used"):
        invitation_accept(token=token, full_name="x", password=NEW_PASSWORD, actor=Actor(None))


def test_expired_invitation_is_refused(client: Client, token: str) -> None:
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(f"/en/invitations/{token}/")

    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    with pytest.raises(ValidationError, match="has expired"):
        invitation_accept(token=token, full_name="x", password=NEW_PASSWORD, actor=Actor(None))
    assert not User.objects.filter(email="new@example.fi").exists()


def test_unknown_token_is_refused(client: Client, db: None) -> None:
    response = client.get("/en/invitations/not-a-real-token/")

    assert response.status_code == 404
    assert "does not work" in response.content.decode()


def test_invitation_expires_after_the_configured_days(
    alice: User, org_x: Organisation, settings: Any
) -> None:
    settings.INVITATION_VALID_DAYS = 3

    invitation = invite_bob_like(alice, org_x)

    assert timedelta(days=2, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=3)


def test_weak_password_is_refused_on_accept(client: Client, token: str) -> None:
    response = client.post(
        f"/en/invitations/{token}/",
        {"full_name": "Uusi", "password": "12345678", "password_again": "12345678"},
    )

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not User.objects.filter(email="new@example.fi").exists()


def test_existing_account_gets_the_role_and_keeps_its_password(
    client: Client, alice: User, bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    other = Organisation.objects.get(
        pk=OrganisationFactory(name="Seinäjoen Mielenterveysseura ry", municipalities=["743"]).pk
    )
    with django_capture_on_commit_callbacks(execute=True):
        invite_bob_like(alice, other, email="bob@omaishoitajat.example.fi")
    token = token_from(mail.outbox[0])

    form_page = client.get(f"/en/invitations/{token}/").content.decode()
    assert 'name="password"' not in form_page
    response = client.post(f"/en/invitations/{token}/", {})

    assert response.status_code == 302
    assert response["Location"] == reverse_en("accounts:sign_in")
    assert "_auth_user_id" not in client.session  # the link alone does not sign in an account
    bob.refresh_from_db()
    assert bob.check_password("correct horse battery")
    assert bob.organisation_roles.filter(organisation=other, title="secretary").exists()


def test_signed_in_as_another_account_cannot_accept(client: Client, dave: User, token: str) -> None:
    client.force_login(dave)

    response = client.post(
        f"/en/invitations/{token}/",
        {"full_name": "Uusi", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )

    assert response.status_code == 403
    assert not dave.organisation_roles.exists()
    assert Invitation.objects.pending().count() == 1


def test_liaison_invitation_needs_a_municipality_of_the_county(alice: User) -> None:
    with pytest.raises(ValidationError) as missing:
        invite_to_county_16(alice, county_role="liaison")
    assert "municipality" in missing.value.message_dict
    with pytest.raises(ValidationError) as elsewhere:
        # Vaasa, in Pohjanmaa
        invite_to_county_16(alice, county_role="liaison", municipality=municipality("905"))
    assert "municipality" in elsewhere.value.message_dict


def test_accepted_liaison_invitation_gives_the_county_role(
    alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            actor=Actor(user=alice),
            email="yhdyshenkilo@seinajoki.example.fi",
            county=county("16"),
            county_role="liaison",
            municipality=municipality("743"),
            language="fi",
        )

    user = invitation_accept(
        token=token_from(mail.outbox[0]), full_name="Y H", password=NEW_PASSWORD, actor=Actor(None)
    )

    role = CountyRole.objects.get(user=user)
    assert role.municipality is not None
    assert (role.county.code, role.role, role.municipality.code) == ("16", "liaison", "743")


def test_organisation_outside_the_county_is_refused(alice: User, org_y: Organisation) -> None:
    with pytest.raises(ValidationError) as error:
        invite_to_county_16(alice, organisation=org_y, title="chair")

    assert "organisation" in error.value.message_dict
    assert not Invitation.objects.exists()


def test_wrong_county_is_refused_by_the_service(carol: User, org_x: Organisation) -> None:
    with pytest.raises(PermissionDenied):
        invite_to_county_16(carol, organisation=org_x, title="chair")
    assert not Invitation.objects.exists()


def test_second_pending_invitation_to_the_same_role_is_refused(
    alice: User, org_x: Organisation
) -> None:
    invite_bob_like(alice, org_x)

    with translation.override("en"), pytest.raises(ValidationError, match="pending invitation"):
        invite_bob_like(alice, org_x)


def test_revoked_invitation_cannot_be_accepted(client: Client, alice: User, token: str) -> None:
    invitation = Invitation.objects.get()
    client.force_login(alice)

    response = client.post(reverse_en("accounts:revoke_invitation", args=[invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert AuditEvent.objects.filter(
        action="accounts.invitation.revoke", county=county("16")
    ).exists()
    with pytest.raises(ValidationError, match="withdrawn"):
        invitation_accept(token=token, full_name="x", password=NEW_PASSWORD, actor=Actor(None))
    with pytest.raises(ValidationError, match="pending"):
        invitation_revoke(invitation=invitation, actor=Actor(user=alice))


def test_invite_form_errors_are_sentences(client: Client, alice: User) -> None:
    client.force_login(alice)

    response = client.post(
        reverse_en("organisations:invite"),
        {"county": "16", "email": "not-an-address", "language": "fi", "invite_as": "organisation"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the email address in the form name@example.fi." in page
    assert "Choose the organisation the person will represent." in page
    assert "Choose the person&#x27;s role in the organisation." in page
    assert not Invitation.objects.exists()


def test_invite_page_lists_only_active_organisations_of_the_county_by_name(
    client: Client, alice: User, org_x: Organisation, org_y: Organisation
) -> None:
    OrganisationFactory(name="Alajärven Eläkkeensaajat ry", municipalities=["005"])
    client.force_login(alice)

    page = client.get(reverse("organisations:invite") + "?county=16").content.decode()

    assert "Seinäjoen Omaishoitajat ry" in page
    assert "Vasanejdens" not in page and "Vaasanseudun" not in page
    assert page.index("Alajärven Eläkkeensaajat ry") < page.index("Seinäjoen Omaishoitajat ry")
