"""Sign-in throttling: five wrong passwords lock the account from that address for an hour."""

from axes.models import AccessAttempt
from django.test import Client

from kumppani.accounts.models import User
from kumppani.testing.urls import reverse_en

PASSWORD = "correct horse battery"


def sign_in(client: Client, password: str) -> int:
    response = client.post(
        reverse_en("accounts:sign_in"), {"username": "alice@ep.example.fi", "password": password}
    )
    return response.status_code


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_the_lockout_page(
    client: Client, alice: User
) -> None:
    statuses = [sign_in(client, "wrong password") for _ in range(4)]
    assert statuses == [200, 200, 200, 200]
    fifth = client.post(
        reverse_en("accounts:sign_in"), {"username": "alice@ep.example.fi", "password": "wrong"}
    )
    assert fifth.status_code == 429

    response = client.post(
        reverse_en("accounts:sign_in"), {"username": "alice@ep.example.fi", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Sign-in is locked for a while" in page
    assert "You can try again in 60 minutes." in page
    assert reverse_en("accounts:password_reset") in page


def test_lock_is_per_account_and_address(client: Client, alice: User, dave: User) -> None:
    for _ in range(5):
        sign_in(client, "wrong password")

    response = client.post(
        reverse_en("accounts:sign_in"), {"username": "dave@example.fi", "password": PASSWORD}
    )

    assert response.status_code == 302


def test_successful_sign_in_resets_the_failure_counter(client: Client, alice: User) -> None:
    for _ in range(4):
        sign_in(client, "wrong password")
    assert sign_in(client, PASSWORD) == 302
    assert not AccessAttempt.objects.filter(username="alice@ep.example.fi").exists()
    client.post(reverse_en("accounts:sign_out"))

    statuses = [sign_in(client, "wrong password") for _ in range(4)]

    assert statuses == [200, 200, 200, 200]
    assert sign_in(client, PASSWORD) == 302
