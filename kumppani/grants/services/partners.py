"""Partners of a joint application: the applicant adds and removes them while the
application is a draft; each partner's representative confirms the partnership."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.roles import roles_of
from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.organisations.models import Organisation

from ..models import Application, Partner
from .applications import lock_for_change, refuse_if_sent


def _audit(actor: Actor, partner: Partner, verb: str) -> None:
    audit_record(
        actor=actor,
        action=f"grants.partner.{verb}",
        obj=partner.application,
        county=partner.application.call.programme.county,
        details={"partner": str(partner.organisation.public_id)},
    )


@transaction.atomic
def partner_add(*, application: Application, organisation: Organisation, actor: Actor) -> Partner:
    """Add a partner organisation (adding one already there changes nothing)."""
    lock_for_change(application)
    if organisation.pk == application.organisation_id:
        raise ValidationError(
            _("The applicant itself cannot be its own partner."), code="own_partner"
        )
    partner, created = Partner.objects.get_or_create(
        application=application, organisation=organisation
    )
    if created:
        _audit(actor, partner, "add")
    return partner


@transaction.atomic
def partner_remove(*, partner: Partner, actor: Actor) -> None:
    lock_for_change(partner.application)
    _audit(actor, partner, "remove")
    partner.delete()


@transaction.atomic
def partner_confirm(*, partner: Partner, actor: Actor, now: datetime | None = None) -> bool:
    """The partner's representative confirms the partnership. Returns whether this call
    confirmed it (confirming again changes nothing)."""
    if not roles_of(actor.user).represents(partner.organisation_id):
        raise PermissionDenied
    workflow.lock(partner)
    if partner.confirmed_at is not None:
        return False
    refuse_if_sent(partner.application)
    partner.confirmed_at = now or timezone.now()
    partner.confirmed_by = actor.user
    partner.save(update_fields=["confirmed_at", "confirmed_by"])
    _audit(actor, partner, "confirm")
    return True
