"""Sign-in throttling: five wrong passwords lock the account from that address for an hour."""

from typing import Any

from axes.models import AccessAttempt
from django.test import Client

from kumppani.accounts.models import User
from kumppani.core.models import AuditEvent
from kumppani.testing.factories import UserFactory
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


# --- behind the reverse proxy ------------------------------------------------------------


def sign_in_from(client: Client, address: str, email: str, password: str) -> int:
    """A sign-in that reaches the app through the local proxy, from ``address``."""
    response = client.post(
        reverse_en("accounts:sign_in"),
        {"username": email, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"{address}, 127.0.0.1",
    )
    return response.status_code


def test_behind_a_trusted_proxy_a_lock_holds_only_for_the_attackers_address(
    client: Client, alice: User, settings: Any
) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    attacker, alices_home = "203.0.113.5", "198.51.100.7"

    statuses = [sign_in_from(client, attacker, "alice@ep.example.fi", "wrong") for _ in range(6)]

    assert statuses[-1] == 429
    assert sign_in_from(client, alices_home, "alice@ep.example.fi", PASSWORD) == 302
    sign_ins = AuditEvent.objects.filter(action="accounts.user.sign_in")
    assert [event.ip_address for event in sign_ins] == [alices_home]
    assert AccessAttempt.objects.filter(ip_address=attacker).exists()
    assert not AccessAttempt.objects.filter(ip_address="127.0.0.1").exists()


def test_an_untrusted_client_cannot_choose_its_address(
    client: Client, alice: User, settings: Any
) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    client.post(
        reverse_en("accounts:sign_in"),
        {"username": "alice@ep.example.fi", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.44",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert AuditEvent.objects.get(action="accounts.user.sign_in").ip_address == "192.0.2.44"


def test_thirty_failures_from_one_address_over_many_accounts_close_sign_in_from_it(
    client: Client, settings: Any, db: None
) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    attacker = "203.0.113.9"
    victims = [UserFactory.create(email=f"victim{n}@example.fi") for n in range(8)]
    target = UserFactory.create(email="target@example.fi")

    statuses = [
        sign_in_from(client, attacker, victim.email, "wrong")
        for victim in victims
        for _ in range(4)
    ]

    assert set(statuses[:30]) == {200}, "no single account was tried five times"
    assert statuses[30:] == [429, 429]
    assert sign_in_from(client, attacker, target.email, PASSWORD) == 429
    assert sign_in_from(client, "198.51.100.7", target.email, PASSWORD) == 302


def test_email_addresses_are_compared_without_case(client: Client, alice: User) -> None:
    response = client.post(
        reverse_en("accounts:sign_in"), {"username": "Alice@EP.Example.fi", "password": PASSWORD}
    )
    assert response.status_code == 302
