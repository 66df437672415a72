"""Signing in and out."""

import pytest
from django.test import Client

from kumppani.accounts.models import User
from kumppani.core.models import AuditEvent
from kumppani.testing.urls import reverse_en

PASSWORD = "correct horse battery"  # UserFactory's password


def test_sign_in_with_right_password_signs_in_rotates_session_and_audits(
    client: Client, alice: User
) -> None:
    client.get(reverse_en("accounts:sign_in"))
    client.session.save()
    key_before = client.session.session_key

    response = client.post(
        reverse_en("accounts:sign_in"), {"username": "alice@ep.example.fi", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse_en("accounts:dashboard")
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert client.session.session_key != key_before
    assert AuditEvent.objects.filter(action="accounts.user.sign_in", actor=alice).exists()


def test_sign_in_with_wrong_password_shows_a_plain_message(client: Client, alice: User) -> None:
    response = client.post(
        reverse_en("accounts:sign_in"), {"username": "alice@ep.example.fi", "password": "wrong one"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "The email address or password is wrong" in response.content.decode()


def test_sign_in_page_links_to_password_reset(client: Client, db: None) -> None:
    response = client.get(reverse_en("accounts:sign_in"))

    assert reverse_en("accounts:password_reset") in response.content.decode()


def test_sign_out_by_get_is_refused(client: Client, alice: User) -> None:
    client.force_login(alice)

    response = client.get(reverse_en("accounts:sign_out"))

    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_sign_out_by_post_signs_out_and_audits(client: Client, alice: User) -> None:
    client.force_login(alice)

    response = client.post(reverse_en("accounts:sign_out"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="accounts.user.sign_out", actor=alice).exists()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_sign_in_page_is_served_in_each_language(client: Client, db: None, language: str) -> None:
    response = client.get(f"/{language}/sign-in/")

    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()
