"""Every write to a service (activity): create, update, publish, archive, confirm, hide."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from typing_extensions import Unpack

from kumppani.catalogue.search import index
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes
from kumppani.core.languages import has_text
from kumppani.core.models import County, Municipality
from kumppani.core.workflow import lock
from kumppani.organisations.models import Organisation

from .. import notifications
from ..contacts import public_contact
from ..hsds.dumps import dumps_mark_stale
from ..models import (
    HowToJoin,
    Location,
    PublicationStatus,
    Schedule,
    Service,
    ServiceLanguage,
    ServiceLocation,
    TaxonomyTerm,
)
from ..occurrences import occurrences_refresh
from ..schedules import validate_rrule
from ..selectors import service_counties
from . import workflow
from .contact import ContactFields


class ServiceFields(ContactFields, total=False):
    """What a representative may set on a service; any subset of languages."""

    name_fi: str
    name_sv: str
    name_en: str
    summary_fi: str
    summary_sv: str
    summary_en: str
    description_fi: str
    description_sv: str
    description_en: str
    easy_read_summary_fi: str
    easy_read_summary_sv: str
    easy_read_summary_en: str
    fee_description_fi: str
    fee_description_sv: str
    fee_description_en: str
    terms: Iterable[TaxonomyTerm]
    municipalities: Iterable[Municipality]
    counties: Iterable[County]
    is_nationwide: bool
    is_online: bool
    is_free: bool
    how_to_join: str
    free_places: int | None
    step_free_access: bool | None
    accessible_toilet: bool | None
    induction_loop: bool | None
    sign_language: bool | None
    easy_to_read: bool | None
    remote_participation: bool | None
    website: str
    languages: Iterable[str]


@dataclass(frozen=True)
class LocationData:
    """The one place the edit page sets; all blank removes it from the service."""

    name: str = ""
    address: str = ""
    address_sv: str = ""
    postal_code: str = ""
    city: str = ""
    municipality: Municipality | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    @property
    def is_blank(self) -> bool:
        return not (
            self.name or self.address or self.address_sv or self.postal_code or self.city
        ) and (self.municipality is None and self.latitude is None)


@dataclass(frozen=True)
class ScheduleData:
    """The one schedule the edit page sets; None for starts_at removes it."""

    starts_at: datetime | None = None
    ends_at: datetime | None = None
    rrule: str = ""
    until: date | None = None
    skip_public_holidays: bool = True


# --- helpers -----------------------------------------------------------------------------


def service_audit_county(actor: Actor, service: Service) -> County | None:
    return workflow.audit_county(actor, service_counties(service), service.organisation)


def _check_service(service: Service) -> None:
    workflow.require_text(
        service, "name", _("Give the name of the activity in at least one language.")
    )
    if not service.is_free and not has_text(service, "fee_description"):
        raise ValidationError(
            {
                "fee_description_fi": _(
                    "Tell what taking part costs, or mark the activity free of charge."
                )
            }
        )
    if service.how_to_join not in HowToJoin.values:
        raise ValidationError({"how_to_join": _("Choose how people can join the activity.")})


def _set_languages(service: Service, codes: Iterable[str]) -> bool:
    new = {code.strip().lower() for code in codes if code.strip()}
    old = set(service.languages.values_list("code", flat=True))
    if new == old:
        return False
    service.languages.exclude(code__in=new).delete()
    for code in sorted(new - old):
        language = ServiceLanguage(service=service, code=code)
        language.full_clean()
        language.save()
    return True


# Finland's bounding box (the mainland, Åland and the outer islands), in degrees.
FINLAND_LATITUDES = (Decimal("59.45"), Decimal("70.10"))
FINLAND_LONGITUDES = (Decimal("19.08"), Decimal("31.59"))


def _check_coordinates(data: LocationData) -> None:
    """A place on the map has both coordinates, and they are in Finland."""
    latitude, longitude = data.latitude, data.longitude
    if latitude is None and longitude is None:
        return
    if (
        latitude is None
        or longitude is None
        or not FINLAND_LATITUDES[0] <= latitude <= FINLAND_LATITUDES[1]
        or not FINLAND_LONGITUDES[0] <= longitude <= FINLAND_LONGITUDES[1]
    ):
        raise ValidationError(
            {"latitude": _("The place on the map must be in Finland. Move the pin or remove it.")}
        )


def _set_location(service: Service, data: LocationData) -> bool:
    _check_coordinates(data)
    link = service.service_locations.select_related("location").order_by("id").first()
    if data.is_blank:
        if link is None:
            return False
        link.delete()
        return True
    location = link.location if link else Location(organisation=service.organisation)
    changed = apply_changes(
        location,
        {
            "name": data.name,
            "address": data.address,
            "address_sv": data.address_sv,
            "postal_code": data.postal_code,
            "city": data.city,
            "municipality": data.municipality,
            "latitude": data.latitude,
            "longitude": data.longitude,
        },
    )
    location.full_clean()
    location.save()
    if link is None:
        ServiceLocation.objects.create(service=service, location=location)
        return True
    return bool(changed)


def _set_schedule(service: Service, data: ScheduleData) -> bool:
    schedule = service.schedules.order_by("id").first()
    if data.starts_at is None:
        if schedule is None:
            return False
        schedule.delete()
        return True
    if data.rrule:
        try:
            validate_rrule(data.rrule)
        except (ValueError, TypeError):
            raise ValidationError(
                {"rrule": _("The repeat rule could not be understood.")}
            ) from None
    if data.ends_at is not None and data.ends_at <= data.starts_at:
        raise ValidationError({"ends_at": _("The activity must end after it starts.")})
    if data.until is not None and data.until < data.starts_at.date():
        raise ValidationError({"until": _("The last date cannot be before the first time.")})
    link = service.service_locations.order_by("id").first()
    schedule = schedule or Schedule(service=service)
    is_new = schedule._state.adding
    changed = apply_changes(
        schedule,
        {
            "starts_at": data.starts_at,
            "ends_at": data.ends_at,
            "rrule": data.rrule,
            "until": data.until,
            "skip_public_holidays": data.skip_public_holidays,
            "location_id": link.location_id if link else None,
        },
    )
    schedule.full_clean()
    schedule.save()
    return bool(changed) or is_new


def _reindex(service: Service) -> None:
    if service.is_visible:
        index.index_service(service)
    else:
        index.remove_service(service)
    dumps_mark_stale()


def _save_related(service: Service, related: dict[str, Any]) -> list[str]:
    """Set the service's links, languages, place and time (None leaves a place or time as
    it is); return the names of those changed."""
    changed = [
        name
        for name in ("terms", "municipalities", "counties")
        if name in related and workflow.set_links(service, name, related[name])
    ]
    if "languages" in related and _set_languages(service, related["languages"]):
        changed.append("languages")
    if related.get("location") is not None and _set_location(service, related["location"]):
        changed.append("location")
    if related.get("schedule") is not None and _set_schedule(service, related["schedule"]):
        changed.append("schedule")
        occurrences_refresh([service.pk])
    return changed


def _current(service: Service, name: str) -> Any:
    """A field's stored value, for telling what changed meanwhile."""
    if name in ("terms", "municipalities", "counties"):
        return list(getattr(service, name).all())
    if name == "languages":
        return sorted(service.languages.values_list("code", flat=True))
    return getattr(service, name)


def _confirmed() -> dict[str, Any]:
    """Whoever has just gone through the details has confirmed them."""
    return {"last_verified_at": timezone.now(), "reminder_sent_at": None}


SERVICE = workflow.EntryKind[Service](
    audit_county=service_audit_county,
    reindex=_reindex,
    actions="catalogue.service",
    hide_needs_reason=gettext_noop("Tell the organisation why the activity is hidden."),
    already_hidden=gettext_noop("The activity is already hidden."),
    not_hidden=gettext_noop("The activity is not hidden."),
    already_published=gettext_noop("The activity is already published."),
    already_archived=gettext_noop("The activity is already archived."),
    check=_check_service,
    related=("terms", "municipalities", "counties", "languages", "location", "schedule"),
    save_related=_save_related,
    current=_current,
)


# --- services ----------------------------------------------------------------------------


@transaction.atomic
def service_create(
    *,
    organisation: Organisation,
    actor: Actor,
    location: LocationData | None = None,
    schedule: ScheduleData | None = None,
    **fields: Unpack[ServiceFields],
) -> Service:
    """Add a service as a draft; the representative publishes it when it is ready."""
    service = Service(organisation=organisation, status=PublicationStatus.DRAFT)
    workflow.create(
        SERVICE,
        service,
        fields,
        actor=actor,
        related={"location": location, "schedule": schedule},
        stamp=_confirmed(),
    )
    return service


@transaction.atomic
def service_update(
    *,
    service: Service,
    actor: Actor,
    location: LocationData | None = None,
    schedule: ScheduleData | None = None,
    base_version: str | None = None,
    **fields: Unpack[ServiceFields],
) -> Service:
    """Change a service; only the fields given are touched, only those that change are
    written, and an edit of an older version is refused. Editing confirms it too."""
    changed = workflow.update(
        SERVICE,
        service,
        fields,
        actor=actor,
        base_version=base_version,
        related={"location": location, "schedule": schedule},
        stamp=_confirmed(),
    )
    if not changed:  # saved as it was: the representative has confirmed the details
        workflow.record(SERVICE, service, action="catalogue.service.confirm", actor=actor)
    return service


def _check_publishable(service: Service) -> None:
    _check_service(service)
    if not (
        service.is_nationwide
        or service.is_online
        or service.municipalities.exists()
        or service.counties.exists()
    ):
        raise ValidationError(
            _(
                "Tell where the activity is offered (municipalities, a whole county, "
                "nationwide or online) before publishing it."
            )
        )
    if not public_contact(service).is_reachable:
        raise ValidationError(
            _(
                "Tell how to get in touch before publishing: a web page for the activity, the "
                "organisation's phone number, email address or web page, or a contact person "
                "who has agreed to be shown."
            ),
            code="no_contact",
        )
    if service.has_ended:
        raise ValidationError(
            _(
                "Every date of the activity is past, so nobody would see it. Add a new date, "
                "or archive the activity."
            ),
            code="ended",
        )
    if not (has_text(service, "summary") or has_text(service, "description")):
        raise ValidationError(
            _("Write a short summary or a description before publishing the activity.")
        )


@transaction.atomic
def service_publish(*, service: Service, actor: Actor) -> Service:
    """Make a draft or archived service public."""
    lock(service)
    if service.status != PublicationStatus.PUBLISHED:
        _check_publishable(service)
    now = timezone.now()
    workflow.publish(
        SERVICE,
        service,
        actor=actor,
        values={"published_at": now, "last_verified_at": now, "reminder_sent_at": None},
    )
    return service


@transaction.atomic
def service_archive(*, service: Service, actor: Actor) -> Service:
    """Take a service off the public catalogue (it has ended, or paused for long)."""
    workflow.archive(SERVICE, service, actor=actor)
    return service


@transaction.atomic
def service_confirm(*, service: Service, actor: Actor) -> Service:
    """Record that a representative has checked the details are current."""
    workflow.save_fields(service, **_confirmed())
    # Freshness affects ranking: record() refreshes the index too.
    workflow.record(SERVICE, service, action="catalogue.service.confirm", actor=actor)
    return service


@transaction.atomic
def service_hide(*, service: Service, reason: str, actor: Actor) -> workflow.Hidden[Service]:
    """Hide a misleading entry from the public; its representatives are told why by email
    (the result says how many: an organisation may have none in the service)."""
    workflow.hide(SERVICE, service, reason=reason, actor=actor, hidden_by=actor.user)
    return workflow.Hidden(service, notifications.email_service_hidden(service=service))


@transaction.atomic
def service_unhide(*, service: Service, actor: Actor) -> Service:
    """Show a hidden entry again, once it has been corrected."""
    workflow.unhide(SERVICE, service, actor=actor, hidden_by=None)
    return service


@transaction.atomic
def service_mark_reminded(*, services: list[Service], actor: Actor) -> None:
    """Record that the representatives were reminded to confirm these services."""
    now = timezone.now()
    for service in services:
        service.reminder_sent_at = now
        service.save(update_fields=["reminder_sent_at"])
        audit_record(
            actor=actor,
            action="catalogue.service.remind",
            obj=service,
            county=service_audit_county(actor, service),
        )
