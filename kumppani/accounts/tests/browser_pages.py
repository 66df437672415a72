"""The accounts app's pages in the browser tests' table: signing in, passwords, invitations,
the start page and the audit log."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kumppani.accounts.models import CountyRoleKind, Invitation
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.testing.factories import county
from kumppani.testing.pages import Fixtures, PageCase, and_with_errors, page_at


def audit_events(f: Fixtures) -> None:
    for action in (
        "organisations.organisation.read_representatives",
        "organisations.organisation.update",
        "accounts.invitation.create",
    ):
        audit_record(
            actor=Actor(user=f.alice, ip_address="192.0.2.1"),
            action=action,
            obj=f.org_x,
            county=county("16"),
        )


INVITATION_TOKEN = "browser-test-invitation-token"


def invitations(f: Fixtures) -> None:
    """A pending, an expired and a withdrawn invitation in Etelä-Pohjanmaa, sent by alice."""
    now = timezone.now()
    for number, (expires, revoked) in enumerate(
        [(timedelta(days=14), None), (timedelta(days=-1), None), (timedelta(days=10), now)]
    ):
        Invitation.objects.create(
            email=f"invitee{number}@example.fi",
            county=county("16"),
            county_role=CountyRoleKind.REVIEWER,
            token_hash=Invitation.hash_token(f"{INVITATION_TOKEN}-{number}"),
            invited_by=f.alice,
            expires_at=now + expires,
            revoked_at=revoked,
        )


def password_reset_link(f: Fixtures) -> str:
    user = f.dave
    return reverse(
        "accounts:password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )


PAGES: list[PageCase] = [
    page_at("dashboard-coordinator", "accounts:dashboard", persona="alice"),
    page_at("dashboard-representative", "accounts:dashboard", persona="bob"),
    page_at("dashboard-outsider", "accounts:dashboard", persona="dave"),
    *(
        page_at(
            f"audit-log{variant}", "accounts:audit_log", query, persona="alice", setup=audit_events
        )
        for variant, query in [
            ("", ""),
            (
                "-filtered",
                "?action=organisations.organisation.update&person=alice&date_from=2026-01-01",
            ),
            ("-invalid-filter", "?date_from=2026-03-10&date_to=2026-03-01"),
        ]
    ),
    *and_with_errors(page_at("sign-in", "accounts:sign_in")),
    page_at("password-change", "accounts:password_change", persona="bob"),
    page_at("password-change-done", "accounts:password_change_done", persona="bob"),
    *and_with_errors(page_at("password-reset", "accounts:password_reset")),
    page_at("password-reset-sent", "accounts:password_reset_done"),
    PageCase("password-reset-set-new", "accounts:password_reset_confirm", password_reset_link),
    PageCase(
        "password-reset-invalid-link",
        "accounts:password_reset_confirm",
        lambda f: reverse("accounts:password_reset_confirm", args=["MQ", "not-a-valid-token"]),
    ),
    page_at("password-reset-complete", "accounts:password_reset_complete"),
    page_at("invitations", "accounts:invitations", persona="alice", setup=invitations),
    page_at(
        "invitations-filtered",
        "accounts:invitations",
        "?county=16&status=pending&q=invitee",
        persona="alice",
        setup=invitations,
    ),
    PageCase(
        "invitation-accept-new-person",
        "accounts:accept_invitation",
        lambda f: reverse("accounts:accept_invitation", args=[f"{INVITATION_TOKEN}-0"]),
        setup=invitations,
    ),
    PageCase(
        "invitation-expired",
        "accounts:accept_invitation",
        lambda f: reverse("accounts:accept_invitation", args=[f"{INVITATION_TOKEN}-1"]),
        setup=invitations,
        status=410,
    ),
    PageCase(
        "invitation-unknown",
        "accounts:accept_invitation",
        lambda f: reverse("accounts:accept_invitation", args=["no-such-token"]),
        status=404,
    ),
]

# GET URL names that are not HTML pages, and why.
EXEMPT_URL_NAMES: dict[str, str] = {
    "accounts:sign_out": "POST-only: signs the user out",
    "accounts:revoke_invitation": "POST-only: withdraws an invitation, then redirects",
    "accounts:audit_log_export": "file export (CSV/XLSX) of the audit log, not an HTML page",
}
