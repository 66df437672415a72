"""Every write about users, passwords, roles and invitations."""

from __future__ import annotations

import secrets
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import County, Municipality
from kumppani.core.outbox import email_queue_templated
from kumppani.organisations.models import Organisation

from .access import can_invite, invitation_for_token
from .models import (
    CountyRole,
    CountyRoleKind,
    Invitation,
    OrganisationRole,
    OrganisationTitle,
    User,
)


def user_password_set(*, user: User, password: str, actor: Actor, reason: str) -> User:
    """Set a new password (already validated by the form); `reason` is `change` or `reset`.

    A reset also lifts a sign-in lockout on the account: the lockout page tells people to
    reset their password, and only the mailbox owner can.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    if reason == "reset":
        axes_reset(username=user.email)
    audit_record(actor=actor, action=f"user.password_{reason}", obj=user)
    return user


def _check_target(
    *,
    county: County,
    county_role: str,
    municipality: Municipality | None,
    organisation: Organisation | None,
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
        if not Organisation.objects.active().in_county(county).filter(pk=organisation.pk).exists():
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
    organisation: Organisation | None = None,
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
        organisation=organisation,
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
        action="invitation.create",
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
    audit_record(actor=actor, action="invitation.revoke", obj=invitation, county=invitation.county)
    return invitation


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

    if invitation.organisation is not None:
        OrganisationRole.objects.update_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={"title": invitation.title or OrganisationTitle.CONTACT},
        )
    else:
        role = CountyRole(
            user=user,
            county=invitation.county,
            role=invitation.county_role,
            municipality=invitation.municipality,
        )
        role.full_clean(validate_constraints=False)
        CountyRole.objects.get_or_create(
            user=user,
            county=invitation.county,
            role=invitation.county_role,
            municipality=invitation.municipality,
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=Actor(user=user, ip_address=actor.ip_address),
        action="invitation.accept",
        obj=invitation,
        county=invitation.county,
    )
    return user
