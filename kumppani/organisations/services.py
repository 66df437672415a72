"""Every write to the organisation registry: create, update, verify, dissolve, reactivate."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from typing_extensions import Unpack

from kumppani.accounts.models import OrganisationRole
from kumppani.accounts.roles import county_for_event
from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes, check_version
from kumppani.core.models import County, Municipality

from .access import can_verify
from .change_requests import split_waiting_changes
from .models import VERIFIED, Organisation, OrganisationStatus, VerificationCheck
from .signals import organisation_changed, organisation_dissolved
from .validators import normalise_business_id, validate_business_id


class OrganisationFields(TypedDict, total=False):
    """The fields a representative or coordinator may set on an organisation."""

    name_fi: str
    name_sv: str
    name_en: str
    description_fi: str
    description_sv: str
    description_en: str
    kind: str
    business_id: str
    register_number: str
    is_non_profit: bool
    umbrella: Organisation | None
    municipalities: Iterable[Municipality]
    email: str
    phone: str
    street_address: str
    postal_code: str
    post_office: str
    website: str
    status: str


# Changing these after verification takes the verified badge away until verified again.
KEY_FIELDS = {"name_fi", "name_sv", "name_en", "business_id", "kind"}


def audit_county(actor: Actor, organisation: Organisation) -> County | None:
    """The county an event about the organisation belongs to.

    The acting coordinator's county where the organisation operates in it; otherwise the
    first county (by code) the organisation operates in.
    """
    return county_for_event(actor.user, organisation.counties())


def _audit(actor: Actor, organisation: Organisation, verb: str, **extra: Any) -> None:
    audit_record(
        actor=actor,
        action=f"organisations.organisation.{verb}",
        obj=organisation,
        county=audit_county(actor, organisation),
        **extra,
    )


def _apply(organisation: Organisation, fields: OrganisationFields) -> tuple[list[str], bool]:
    """Set the fields on the organisation; return the names that changed and whether the
    municipalities were given."""
    values = dict(fields)
    municipalities = values.pop("municipalities", None)
    if "business_id" in values:
        values["business_id"] = _clean_business_id(str(values["business_id"]))
    return apply_changes(organisation, values), municipalities is not None


def _clean_business_id(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        validate_business_id(value)
    except ValidationError as error:
        raise ValidationError({"business_id": error}) from None
    return normalise_business_id(value)


def _set_municipalities(organisation: Organisation, municipalities: Iterable[Municipality]) -> bool:
    new = {m.pk for m in municipalities}
    old = set(organisation.municipalities.values_list("pk", flat=True))
    if new == old:
        return False
    organisation.municipalities.set(new)
    return True


@transaction.atomic
def organisation_create(
    *, actor: Actor, public_id: str | None = None, **fields: Unpack[OrganisationFields]
) -> Organisation:
    """Add an organisation to the registry (an import gives the id it has in its file)."""
    organisation = Organisation(public_id=public_id) if public_id else Organisation()
    municipalities = list(fields.get("municipalities", ()))
    _apply(organisation, fields)
    organisation.full_clean()
    organisation.save()
    organisation.municipalities.set(municipalities)
    _audit(actor, organisation, "create")
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor: Actor,
    base_version: str | None = None,
    **fields: Unpack[OrganisationFields],
) -> Organisation:
    """Change an organisation's details; only the fields given are touched and only those
    that change are written. ``base_version`` is the version the edit was made on: an edit of
    an older version is refused (`ChangedMeanwhile`). A move into or out of a county, or
    joining an umbrella, waits for approval when the actor may not do it alone
    (`change_requests`)."""
    workflow.lock(organisation)
    check_version(
        organisation,
        base_version,
        fields,
        current=lambda name: (
            list(organisation.municipalities.all())
            if name == "municipalities"
            else getattr(organisation, name)
        ),
    )
    fields = split_waiting_changes(  # type: ignore[assignment]
        organisation=organisation, actor=actor, fields=dict(fields)
    )
    changed, has_municipalities = _apply(organisation, fields)
    if (
        organisation.verified_at is not None
        and organisation.changed_since_verification_at is None
        and KEY_FIELDS.intersection(changed)
        and not can_verify(actor.user, organisation)
    ):
        organisation.changed_since_verification_at = timezone.now()
        changed.append("changed_since_verification_at")
    if changed:
        organisation.full_clean()
        organisation.save(update_fields=[*changed, "updated_at"])
    if has_municipalities and _set_municipalities(organisation, fields["municipalities"]):
        changed.append("municipalities")
        if "updated_at" not in changed:
            organisation.save(update_fields=["updated_at"])
    if not changed:
        return organisation
    _audit(actor, organisation, "update", details={"changed": sorted(changed)})
    organisation_changed.send(sender=Organisation, organisation=organisation, changed=changed)
    return organisation


@transaction.atomic
def organisation_verify(
    *, organisation: Organisation, actor: Actor, checks: Iterable[str], note: str = ""
) -> Organisation:
    """Record that a coordinator (or staff) has checked the organisation's details, with
    every item of the checklist (`VerificationCheck`) confirmed; refuse it with one missing.
    The checks and the note go into the organisation's history and the audit log."""
    if actor.user is None:
        raise ValidationError(_("Only a signed-in coordinator can verify an organisation."))
    confirmed = set(checks)
    missing = [check for check in VerificationCheck if check.value not in confirmed]
    if missing:
        raise ValidationError(
            {
                "checks": _("Check every item before verifying. Not yet checked: %(missing)s")
                % {"missing": " ".join(str(check.label) for check in missing)}
            }
        )
    workflow.lock(organisation)
    if not (organisation.email or organisation.phone or organisation.website):
        raise ValidationError(
            _(
                "The organisation has no email address, phone number or website. Ask it to "
                "add contact details before verifying."
            )
        )
    organisation.verified_at = timezone.now()
    organisation.verified_by = actor.user
    organisation.changed_since_verification_at = None
    organisation.verification_checks = [check.value for check in VerificationCheck]
    organisation.full_clean()
    organisation.save(
        update_fields=[
            "verified_at",
            "verified_by",
            "changed_since_verification_at",
            "verification_checks",
            "updated_at",
        ]
    )
    workflow.record_change(
        organisation,
        field="verification",
        from_state="",
        to_state=VERIFIED,
        actor=actor,
        action="organisations.organisation.verify",
        reason=note.strip(),
        county=audit_county(actor, organisation),
        details={"checks": organisation.verification_checks},
    )
    return organisation


@transaction.atomic
def organisation_dissolve(*, organisation: Organisation, actor: Actor, reason: str) -> Organisation:
    """Mark an active organisation dissolved (it has ceased to operate), for the reason
    given. Its activities and volunteer tasks leave the public catalogue (the catalogue
    archives them, with history, on `organisation_dissolved`)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Tell why the organisation is marked as dissolved, e.g. when it ceased.")}
        )
    workflow.lock(organisation)
    workflow.transition(
        organisation,
        to=OrganisationStatus.DISSOLVED,
        allowed_from={OrganisationStatus.ACTIVE},
        refusal=_("The organisation is already marked as dissolved."),
        actor=actor,
        action="organisations.organisation.dissolve",
        reason=reason,
        county=audit_county(actor, organisation),
    )
    organisation_dissolved.send(
        sender=Organisation, organisation=organisation, actor=actor, reason=reason
    )
    return organisation


@transaction.atomic
def organisation_reactivate(*, organisation: Organisation, actor: Actor) -> Organisation:
    """Mark a dissolved organisation active again."""
    workflow.lock(organisation)
    workflow.transition(
        organisation,
        to=OrganisationStatus.ACTIVE,
        allowed_from={OrganisationStatus.DISSOLVED},
        refusal=_("The organisation is already marked as active."),
        actor=actor,
        action="organisations.organisation.reactivate",
        county=audit_county(actor, organisation),
    )
    return organisation


def organisation_read_representatives(
    *, organisation: Organisation, actor: Actor
) -> list[OrganisationRole]:
    """Return the organisation's representatives and record the read of personal data.

    The caller must have checked `access.can_see_representatives` first.
    """
    representatives = list(
        organisation.roles.select_related("user").order_by("user__full_name", "user__email")
    )
    _audit(actor, organisation, "read_representatives", details={"count": len(representatives)})
    return representatives
