"""Changing a password, and resetting a forgotten one by email."""

import re
from typing import Any

from django.core import mail
from django.core.cache import cache
from django.test import Client, TestCase

from kumppani.accounts.models import User
from kumppani.core.models import AuditEvent
from kumppani.testing.urls import reverse_en

PASSWORD = "correct horse battery"
NEW_PASSWORD = "lumikko-kettu-2026-ilves"


def ask_for_reset(client: Client, email: str) -> Any:
    """Post the reset form and run what it left for after the commit (sending the email)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse_en("accounts:password_reset"), {"email": email})


def reset_link(message: mail.EmailMessage) -> str:
    match = re.search(
        r"http://127\.0\.0\.1:8000(/[a-z]{2}/password-reset/\S+/\S+/)", str(message.body)
    )
    assert match, message.body
    return match.group(1)


def test_password_reset_full_flow_lets_the_person_sign_in_with_the_new_password(
    client: Client, alice: User, settings: object
) -> None:
    # Given a person who forgot the password
    response = ask_for_reset(client, "alice@ep.example.fi")
    assert response.status_code == 302
    assert response["Location"] == reverse_en("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@ep.example.fi"]

    # When they follow the absolute link and choose a new password
    link = reset_link(mail.outbox[0])
    response = client.get(link)
    assert response.status_code == 302  # Django hides the token behind a session redirect
    set_password_url = response["Location"]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse_en("accounts:password_reset_complete")

    # Then the new password signs them in and the old one no longer does
    response = client.post(
        reverse_en("accounts:sign_in"), {"username": "alice@ep.example.fi", "password": PASSWORD}
    )
    assert response.status_code == 200
    response = client.post(
        reverse_en("accounts:sign_in"),
        {"username": "alice@ep.example.fi", "password": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert AuditEvent.objects.filter(action="accounts.user.password_reset", actor=alice).exists()


def test_password_reset_link_works_only_once(client: Client, alice: User) -> None:
    ask_for_reset(client, "alice@ep.example.fi")
    link = reset_link(mail.outbox[0])
    set_password_url = client.get(link)["Location"]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = Client().get(link, follow=True)

    assert "This link does not work any more" in response.content.decode()


def test_password_reset_for_unknown_address_answers_the_same_and_sends_nothing(
    client: Client, alice: User
) -> None:
    known = ask_for_reset(client, "alice@ep.example.fi")
    unknown = ask_for_reset(client, "nobody@example.fi")

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert [m.to for m in mail.outbox] == [["alice@ep.example.fi"]]


def test_password_reset_rejects_a_weak_new_password(client: Client, alice: User) -> None:
    ask_for_reset(client, "alice@ep.example.fi")
    set_password_url = client.get(reset_link(mail.outbox[0]))["Location"]

    response = client.post(set_password_url, {"new_password1": "123", "new_password2": "123"})

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_change_password_needs_the_old_password_and_keeps_the_session(
    client: Client, alice: User
) -> None:
    client.force_login(alice)

    wrong = client.post(
        reverse_en("accounts:password_change"),
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    response = client.post(
        reverse_en("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse_en("accounts:password_change_done")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get(reverse_en("accounts:dashboard")).status_code == 200
    assert (
        AuditEvent.objects.filter(action="accounts.user.password_change", actor=alice).count() == 1
    )


def test_change_password_sends_anonymous_visitors_to_sign_in(client: Client, db: None) -> None:
    response = client.get(reverse_en("accounts:password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse_en("accounts:sign_in"))


def test_reset_emails_to_one_address_are_limited_but_the_answer_stays_the_same(
    client: Client, alice: User
) -> None:
    cache.clear()
    answers = [ask_for_reset(client, "alice@ep.example.fi") for _ in range(5)]

    assert {answer.status_code for answer in answers} == {302}
    assert {answer["Location"] for answer in answers} == {
        reverse_en("accounts:password_reset_done")
    }
    assert len(mail.outbox) == 3
