"""Every write about users, passwords, roles and invitations."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes
from kumppani.core.models import County, Municipality
from kumppani.core.outbox import email_queue_templated

from .access import can_invite, invitation_for_token
from .models import (
    CountyRole,
    CountyRoleKind,
    Invitation,
    OrganisationRole,
    OrganisationTitle,
    RepresentedOrganisation,
    User,
)
from .roles import county_for_event, forget_roles


def user_signed_in_record(*, user: User, actor: Actor) -> None:
    """Record a sign-in (the authentication itself is Django's)."""
    audit_record(actor=actor, action="accounts.user.sign_in", obj=user)


def user_signed_out_record(*, user: User, actor: Actor) -> None:
    audit_record(actor=actor, action="accounts.user.sign_out", obj=user)


def user_password_set(*, user: User, password: str, actor: Actor, reason: str) -> User:
    """Set a new password (already validated by the form); `reason` is `change` or `reset`.

    A reset also lifts a sign-in lockout on the account: the lockout page tells people to
    reset their password, and only the mailbox owner can.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    if reason == "reset":
        axes_reset(username=user.email)
    audit_record(actor=actor, action=f"accounts.user.password_{reason}", obj=user)
    return user


def _check_target(
    *,
    county: County,
    county_role: str,
    municipality: Municipality | None,
    organisation: RepresentedOrganisation | None,
    title: str,
) -> None:
    if (organisation is None) == (not county_role):
        raise ValidationError(
            _("Choose either an organisation the person will represent or a county role.")
        )
    if organisation is not None:
        if not title:
            raise ValidationError({"title": _("Choose the person's role in the organisation.")})
        if title not in OrganisationTitle.values:
            raise ValidationError({"title": _("Choose a role from the list.")})
        if not (organisation.is_active and organisation.operates_in(county)):
            raise ValidationError(
                {
                    "organisation": _(
                        "This organisation does not operate in %(county)s. Choose an "
                        "organisation from the list."
                    )
                    % {"county": county}
                }
            )
        if municipality is not None:
            raise ValidationError(
                {"municipality": _("Only a liaison person is named for a municipality.")}
            )
        return
    if county_role not in CountyRoleKind.values:
        raise ValidationError({"county_role": _("Choose a role from the list.")})
    if county_role == CountyRoleKind.LIAISON:
        if municipality is None:
            raise ValidationError(
                {"municipality": _("Choose the municipality the liaison person works for.")}
            )
        if municipality.county_id != county.pk:
            raise ValidationError(
                {"municipality": _("The municipality is not in %(county)s.") % {"county": county}}
            )
    elif municipality is not None:
        raise ValidationError(
            {"municipality": _("Only a liaison person is named for a municipality.")}
        )


def _already_has_role(invitation: Invitation) -> bool:
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        return False
    if invitation.organisation_id is not None:
        return user.organisation_roles.filter(organisation_id=invitation.organisation_id).exists()
    return user.county_roles.filter(
        county=invitation.county,
        role=invitation.county_role,
        municipality=invitation.municipality,
    ).exists()


def _matching_pending(invitation: Invitation) -> bool:
    return (
        Invitation.objects.pending()
        .filter(
            email=invitation.email,
            county=invitation.county,
            county_role=invitation.county_role,
            municipality=invitation.municipality,
            organisation=invitation.organisation,
        )
        .exists()
    )


def invitation_link(*, token: str, language: str) -> str:
    """Return the absolute link that opens an invitation, in the invitee's language."""
    with translation.override(language):
        path = reverse("accounts:accept_invitation", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def _queue_invitation_email(invitation: Invitation, token: str) -> None:
    email_queue_templated(
        to=invitation.email,
        language=invitation.language,
        subject_template="accounts/email/invitation_subject.txt",
        body_template="accounts/email/invitation.txt",
        context={
            "invitation": invitation,
            "link": invitation_link(token=token, language=invitation.language),
            "inviter": invitation.invited_by.get_full_name() if invitation.invited_by else "",
        },
        related=invitation,
    )


@transaction.atomic
def invitation_create(
    *,
    actor: Actor,
    email: str,
    county: County,
    county_role: str = "",
    municipality: Municipality | None = None,
    organisation: RepresentedOrganisation | None = None,
    title: str = "",
    language: str = "",
) -> Invitation:
    """Invite a person to represent an organisation or to work in a county role.

    Only the county's coordinators invite. The token goes out only in the email; the
    database keeps its SHA-256 (the outbox erases the email's body once it is sent).
    """
    if actor.user is None or not can_invite(actor.user, county):
        raise PermissionDenied
    _check_target(
        county=county,
        county_role=county_role,
        municipality=municipality,
        organisation=organisation,
        title=title,
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=User.objects.normalize_email(email).strip().lower(),
        county=county,
        county_role=county_role,
        municipality=municipality,
        organisation_id=organisation.pk if organisation is not None else None,
        title=title if organisation is not None else "",
        token_hash=Invitation.hash_token(token),
        invited_by=actor.user,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    invitation.full_clean()
    if _already_has_role(invitation):
        raise ValidationError(_("This person already has this role."))
    if _matching_pending(invitation):
        raise ValidationError(
            _(
                "This person already has a pending invitation to this role. Withdraw it "
                "first if you want to send a new one."
            )
        )
    invitation.save()
    audit_record(
        actor=actor,
        action="accounts.invitation.create",
        obj=invitation,
        county=county,
        details={
            "county_role": county_role,
            "organisation": organisation.pk if organisation else None,
            "title": invitation.title,
        },
    )
    _queue_invitation_email(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: Actor) -> Invitation:
    """Withdraw a pending invitation; its link stops working."""
    if actor.user is None or not can_invite(actor.user, invitation.county):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("Only a pending invitation can be withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor, action="accounts.invitation.revoke", obj=invitation, county=invitation.county
    )
    return invitation


def invitations_read_record(*, invitations: Iterable[Invitation], actor: Actor) -> None:
    """Record that the actor read these invitations (the invitees' email addresses are
    personal data): one event per county, with the invitations' ids."""
    by_county: dict[County, list[int]] = {}
    for invitation in invitations:
        by_county.setdefault(invitation.county, []).append(invitation.pk)
    for county, ids in by_county.items():
        audit_record(
            actor=actor, action="accounts.invitation.list", county=county, details={"ids": ids}
        )


def audit_log_read_record(
    *, actor: Actor, counties: Sequence[County], filters: Mapping[str, str], page: int, rows: int
) -> None:
    """Record that the actor read a page of the audit log covering these counties' events
    (none: every county's, for staff). The event belongs to the first of them."""
    audit_record(
        actor=actor,
        action="accounts.audit_log.read",
        county=counties[0] if counties else None,
        details={
            "counties": [county.code for county in counties],
            "filters": dict(filters),
            "page": page,
            "rows": rows,
        },
    )


def invitation_needs_password(invitation: Invitation) -> bool:
    """Whether accepting must set a password: no account yet, or one without a password."""
    user = User.objects.filter(email=invitation.email).first()
    return user is None or not user.has_usable_password()


@transaction.atomic
def invitation_accept(*, token: str, full_name: str, password: str, actor: Actor) -> User:
    """Accept an invitation: create or reuse the account and give it the invited role.

    An existing account keeps its password unless it has none; a new account needs a name
    and a password that passes AUTH_PASSWORD_VALIDATORS.
    """
    invitation = invitation_for_token(token, for_update=True)
    if actor.user is not None and actor.user.email != invitation.email:
        raise ValidationError(
            _(
                "You are signed in with another email address than the one invited. Sign "
                "out and open the invitation link again."
            )
        )
    user = User.objects.filter(email=invitation.email).first()
    if user is not None and not user.is_active:
        raise ValidationError(
            _("The account of this email address is not in use. Contact the coordinator.")
        )
    if user is None:
        user = User(email=invitation.email, language=invitation.language)
    full_name = full_name.strip()
    if not user.full_name:
        if not full_name:
            raise ValidationError({"full_name": _("Enter your name.")})
        user.full_name = full_name
    if user.pk is None or not user.has_usable_password():
        if not password:
            raise ValidationError({"password": _("Choose a password.")})
        password_validation.validate_password(password, user)
        user.set_password(password)
    user.full_clean()
    user.save()

    invitee = Actor(user=user, ip_address=actor.ip_address)
    if invitation.organisation is not None:
        organisation_role_grant(
            actor=invitee,
            user=user,
            organisation=invitation.organisation,
            title=invitation.title or OrganisationTitle.CONTACT,
        )
    else:
        county_role_grant(
            actor=invitee,
            user=user,
            county=invitation.county,
            role=invitation.county_role,
            municipality=invitation.municipality,
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=invitee,
        action="accounts.invitation.accept",
        obj=invitation,
        county=invitation.county,
    )
    return user


# --- users and roles (the administration site and invitations use these) -----------------

# What staff may change on a user in the administration site.
USER_FIELDS = ("email", "full_name", "language", "is_active", "is_staff", "is_superuser")


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    email: str,
    password: str | None = None,
    full_name: str = "",
    language: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create an account; without a password it can be used after a password reset."""
    user = User(
        email=User.objects.normalize_email(email).strip().lower(),
        full_name=full_name.strip(),
        language=language or settings.LANGUAGE_CODE,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    user.set_password(password)
    return workflow.create(user, actor=actor, action="accounts.user.create")


@transaction.atomic
def user_update(*, user: User, actor: Actor, **fields: Any) -> User:
    """Change a user's details (any of USER_FIELDS); the audit event names what changed."""
    workflow.refuse_unknown(fields, USER_FIELDS, "user")
    workflow.lock(user)
    changed = apply_changes(user, fields)
    if not changed:
        return user
    user.full_clean()
    user.save(update_fields=changed)
    audit_record(
        actor=actor, action="accounts.user.update", obj=user, details={"changed": sorted(changed)}
    )
    forget_roles(user)
    return user


@transaction.atomic
def user_anonymise(*, user: User, actor: Actor) -> User:
    """Erase a person's personal data (GDPR art. 17) and close the account.

    The account stays, under a pseudonym, so that the audit log keeps referring to it; the
    events themselves keep the snapshot taken when they were recorded, as the log must.
    Roles are removed and invitations sent to the address lose it.
    """
    workflow.lock(user)
    old_email = user.email
    pseudonym = f"anonymised-{user.pk}@anonymised.invalid"
    for county_role in list(user.county_roles.all()):
        county_role_remove(actor=actor, county_role=county_role)
    for organisation_role in list(user.organisation_roles.all()):
        organisation_role_remove(actor=actor, organisation_role=organisation_role)
    Invitation.objects.filter(email=old_email).update(email=pseudonym)
    user.email = pseudonym
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "full_name", "is_active", "password"])
    audit_record(actor=actor, action="accounts.user.anonymise", obj=user)
    forget_roles(user)
    return user


@transaction.atomic
def county_role_grant(
    *,
    actor: Actor,
    user: User,
    county: County,
    role: str,
    municipality: Municipality | None = None,
) -> CountyRole:
    """Give the user a role in the county (a liaison person's names the municipality)."""
    candidate = CountyRole(user=user, county=county, role=role, municipality=municipality)
    candidate.full_clean(validate_constraints=False)
    county_role, created = CountyRole.objects.get_or_create(
        user=user, county=county, role=role, municipality=municipality
    )
    if created:
        audit_record(
            actor=actor,
            action="accounts.county_role.grant",
            obj=user,
            county=county,
            details={
                "role": role,
                "municipality": municipality.code if municipality is not None else None,
            },
        )
        forget_roles(user)
    return county_role


@transaction.atomic
def county_role_remove(*, actor: Actor, county_role: CountyRole) -> None:
    """Take a county role away from its holder."""
    user, county = county_role.user, county_role.county
    details = {
        "role": county_role.role,
        "municipality": county_role.municipality.code if county_role.municipality else None,
    }
    county_role.delete()
    audit_record(
        actor=actor, action="accounts.county_role.remove", obj=user, county=county, details=details
    )
    forget_roles(user)


def _organisation_county(actor: Actor, organisation: RepresentedOrganisation) -> County | None:
    return county_for_event(actor.user, organisation.counties())


@transaction.atomic
def organisation_role_grant(
    *,
    actor: Actor,
    user: User,
    organisation: RepresentedOrganisation,
    title: str = OrganisationTitle.CONTACT,
    has_signing_right: bool | None = None,
) -> OrganisationRole:
    """Make the user a representative of the organisation, or change their title (and their
    signing right, when given) if they already are one."""
    role, created = OrganisationRole.objects.select_for_update().get_or_create(
        user=user,
        organisation=organisation,
        defaults={"title": title, "has_signing_right": bool(has_signing_right)},
    )
    if has_signing_right is None:
        has_signing_right = role.has_signing_right
    changed = (role.title, role.has_signing_right) != (title, has_signing_right)
    if not created and changed:
        role.title, role.has_signing_right = title, has_signing_right
        role.full_clean(validate_constraints=False)
        role.save(update_fields=["title", "has_signing_right"])
    if created or changed:
        audit_record(
            actor=actor,
            action=(
                "accounts.organisation_role.grant"
                if created
                else "accounts.organisation_role.update"
            ),
            obj=user,
            county=_organisation_county(actor, organisation),
            details={"organisation": organisation.pk, "title": title, "signs": has_signing_right},
        )
    forget_roles(user)
    return role


@transaction.atomic
def organisation_role_remove(*, actor: Actor, organisation_role: OrganisationRole) -> None:
    """Stop the user representing the organisation."""
    user, organisation = organisation_role.user, organisation_role.organisation
    organisation_role.delete()
    audit_record(
        actor=actor,
        action="accounts.organisation_role.remove",
        obj=user,
        county=_organisation_county(actor, organisation),
        details={"organisation": organisation.pk},
    )
    forget_roles(user)
