"""Turn catalogue rows into HSDS 3.0 objects (plain dicts), in one language plus our profile.

Call these inside `translation.override(language)`: modeltranslation then returns the text in
that language, falling back to fi, sv, en. Querysets must come from `selectors.py`, which
prefetches everything read here so a page costs a fixed number of queries.

Our profile (docs/hsds-profile.md) adds `x_`-prefixed fields; the HSDS schemas allow extra
properties, so every object stays schema-valid.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.catalogue.contacts import public_contact
from kumppani.catalogue.models import (
    ACCESSIBILITY_FIELDS,
    HowToJoin,
    Location,
    Schedule,
    Service,
    ServiceLocation,
    Taxonomy,
    TaxonomyTerm,
    VolunteerTask,
)
from kumppani.core.languages import language_name
from kumppani.core.models import Municipality
from kumppani.organisations.models import Organisation

# Ids of HSDS objects we do not store as rows (service areas, languages, cost options,
# attributes…) are UUID5s of the owner's id and a key, so they stay the same between calls.
ID_NAMESPACE = uuid.UUID("6f2d8a53-0c0e-4a8b-9c44-7f3f1b0a9e21")

EXTENT_MUNICIPALITY = "x_municipality_code"
EXTENT_COUNTY = "x_county_code"
EXTENT_COUNTRY = "x_country_code"
FINNISH_BUSINESS_ID_SCHEME = "FI-PRO"  # org-id.guide: Finnish Patent and Registration Office

SERVICE_TEXT_FIELDS = ("name", "summary", "description", "easy_read_summary", "fee_description")


def derived_id(*parts: object) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(part) for part in parts)))


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translations(obj: models.Model, field: str) -> dict[str, str]:
    """Return {language: text} for the filled languages of a modeltranslation field."""
    values = {code: getattr(obj, f"{field}_{code}", "") or "" for code in language_codes()}
    return {code: value for code, value in values.items() if value}


def text(obj: models.Model, field: str) -> str:
    return str(getattr(obj, field, "") or "")


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop absent optional values: HSDS types forbid null and `{}` says nothing."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


# Organisations -------------------------------------------------------------------------------


def organization(org: Organisation, *, full: bool = False) -> dict[str, Any]:
    data = compact(
        {
            "id": str(org.public_id),
            "name": text(org, "name"),
            "email": org.email,
            "website": org.website,
            "legal_status": org.get_kind_display(),
            "parent_organization_id": str(org.umbrella.public_id) if org.umbrella else None,
            "x_name": translations(org, "name"),
            "x_description": translations(org, "description"),
            "x_kind": org.kind,
        }
    )
    data["description"] = text(org, "description")  # required, may be empty
    if full:
        data.update(
            compact(
                {
                    "organization_identifiers": [
                        {
                            "id": derived_id(org.public_id, "business_id"),
                            "organization_id": str(org.public_id),
                            "identifier_scheme": FINNISH_BUSINESS_ID_SCHEME,
                            "identifier_type": "Y-tunnus",
                            "identifier": org.business_id,
                        }
                    ]
                    if org.business_id
                    else [],
                    "phones": [
                        {
                            "id": derived_id(org.public_id, "phone"),
                            "organization_id": str(org.public_id),
                            "number": org.phone,
                        }
                    ]
                    if org.phone
                    else [],
                }
            )
        )
    return data


# Taxonomies ------------------------------------------------------------------------------------


def _described(obj: Taxonomy | TaxonomyTerm, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields without the absent ones, the name and description in each language (our
    profile), and the name and description HSDS requires, even when empty."""
    data = compact(
        {
            **fields,
            "x_name": translations(obj, "name"),
            "x_description": translations(obj, "description"),
        }
    )
    data["name"] = text(obj, "name")
    data["description"] = text(obj, "description")
    return data


def taxonomy(tax: Taxonomy) -> dict[str, Any]:
    return _described(
        tax,
        {
            "id": str(tax.public_id),
            "name": text(tax, "name"),
            "uri": tax.uri,
            "version": tax.version,
            "x_code": tax.code,
        },
    )


def taxonomy_term(term: TaxonomyTerm, *, with_detail: bool = True) -> dict[str, Any]:
    return _described(
        term,
        {
            "id": str(term.public_id),
            "code": term.code,
            "parent_id": str(term.parent.public_id) if term.parent else None,
            "taxonomy": text(term.taxonomy, "name"),
            "taxonomy_id": str(term.taxonomy.public_id),
            "taxonomy_detail": taxonomy(term.taxonomy) if with_detail else None,
            "term_uri": term.uri,
        },
    )


# Services --------------------------------------------------------------------------------------


def service(svc: Service, *, full: bool) -> dict[str, Any]:
    """Return an HSDS service: one-to-one fields, or fully nested when `full`."""
    data = compact(
        {
            "id": str(svc.public_id),
            "organization_id": str(svc.organisation.public_id),
            "name": text(svc, "name"),
            "description": text(svc, "description"),
            "url": svc.website,
            "status": "active",
            "application_process": str(HowToJoin(svc.how_to_join).label),
            "fees_description": "" if svc.is_free else text(svc, "fee_description"),
            "assured_date": timezone.localtime(svc.last_verified_at).date().isoformat(),
            "last_modified": svc.updated_at.isoformat(),
            "organization": organization(svc.organisation),
            "x_name": translations(svc, "name"),
            "x_summary": translations(svc, "summary"),
            "x_description": translations(svc, "description"),
            "x_easy_read_summary": translations(svc, "easy_read_summary"),
            "x_fee_description": translations(svc, "fee_description"),
            "x_how_to_join": svc.how_to_join,
            "x_is_free": svc.is_free,
            "x_is_online": svc.is_online,
            "x_free_places": svc.free_places,
            "x_accessibility": accessibility_flags(svc),
            "x_municipality_codes": sorted(m.code for m in svc.municipalities.all()),
        }
    )
    data["name"] = text(svc, "name")
    if not full:
        return data
    data.update(
        compact(
            {
                "service_areas": service_areas(svc),
                "languages": [
                    {
                        "id": derived_id(svc.public_id, "language", lang.code),
                        "service_id": str(svc.public_id),
                        "name": language_name(lang.code),
                        "code": lang.code,
                    }
                    for lang in svc.languages.all()
                ],
                "service_at_locations": [
                    service_at_location(sal, with_service=False)
                    for sal in svc.service_locations.all()
                ],
                "schedules": [schedule(sched) for sched in svc.schedules.all()],
                "cost_options": cost_options(svc),
                "contacts": contacts(svc, service_id=str(svc.public_id)),
                "attributes": [attribute(svc, term) for term in svc.terms.all()],
            }
        )
    )
    return data


def contacts(entry: Service | VolunteerTask, *, service_id: str | None) -> list[dict[str, Any]]:
    """The entry's contact as HSDS `contacts`: the role (`title`) always, the person's name,
    email and phone only with their consent (`public_contact`); none when neither is set."""
    contact = public_contact(entry)
    if not (contact.title or contact.shows_person):
        return []
    contact_id = derived_id(entry.public_id, "contact")
    return [
        compact(
            {
                "id": contact_id,
                "service_id": service_id,
                "name": contact.name,
                "title": contact.title.text,
                "email": contact.email,
                "phones": [
                    {
                        "id": derived_id(entry.public_id, "contact_phone"),
                        "contact_id": contact_id,
                        "number": contact.phone,
                    }
                ]
                if contact.phone
                else [],
                "x_title": translations(entry, "contact_title"),
            }
        )
    ]


def accessibility_flags(svc: Service) -> list[str]:
    return [field for field in ACCESSIBILITY_FIELDS if getattr(svc, field)]


def service_areas(svc: Service) -> list[dict[str, Any]]:
    areas = [
        {
            "id": derived_id(svc.public_id, "municipality", municipality.code),
            "service_id": str(svc.public_id),
            "name": text(municipality, "name"),
            "extent": municipality.code,
            "extent_type": EXTENT_MUNICIPALITY,
        }
        for municipality in svc.municipalities.all()
    ]
    areas += [
        {
            "id": derived_id(svc.public_id, "county", county.code),
            "service_id": str(svc.public_id),
            "name": text(county, "name"),
            "extent": county.code,
            "extent_type": EXTENT_COUNTY,
        }
        for county in svc.counties.all()
    ]
    if svc.is_nationwide:
        areas.append(
            {
                "id": derived_id(svc.public_id, "country", "FI"),
                "service_id": str(svc.public_id),
                "name": _("Finland"),
                "extent": "FI",
                "extent_type": EXTENT_COUNTRY,
            }
        )
    return sorted(areas, key=lambda area: (area["extent_type"], area["extent"]))


def cost_options(svc: Service) -> list[dict[str, Any]]:
    if svc.is_free:
        return [
            {
                "id": derived_id(svc.public_id, "cost"),
                "service_id": str(svc.public_id),
                "option": _("Free of charge"),
                "currency": "EUR",
                "amount": 0,
            }
        ]
    return [
        compact(
            {
                "id": derived_id(svc.public_id, "cost"),
                "service_id": str(svc.public_id),
                "currency": "EUR",
                "amount_description": text(svc, "fee_description"),
            }
        )
    ]


def attribute(
    owner: Service | VolunteerTask, term: TaxonomyTerm, *, link_entity: str = "service"
) -> dict[str, Any]:
    return {
        "id": derived_id(owner.public_id, "term", term.public_id),
        "link_id": str(owner.public_id),
        "link_entity": link_entity,
        "link_type": term.taxonomy.code,
        "taxonomy_term_id": str(term.public_id),
        "taxonomy_term": taxonomy_term(term),
    }


def location(loc: Location, *, accessibility: list[str], owner_id: str) -> dict[str, Any]:
    address = None
    if loc.address or loc.city or loc.postal_code:
        address = {
            "id": derived_id(loc.public_id, "address"),
            "location_id": str(loc.public_id),
            "address_1": loc.address,
            "city": loc.city or (text(loc.municipality, "name") if loc.municipality else ""),
            "state_province": text(loc.municipality.county, "name")
            if loc.municipality and loc.municipality.county
            else "",
            "postal_code": loc.postal_code,
            "country": "FI",
            "address_type": "physical",
        }
    return compact(
        {
            "id": str(loc.public_id),
            "location_type": "physical",
            "organization_id": str(loc.organisation.public_id) if loc.organisation else None,
            "name": text(loc, "name"),
            "description": text(loc, "description"),
            "latitude": float(loc.latitude) if loc.latitude is not None else None,
            "longitude": float(loc.longitude) if loc.longitude is not None else None,
            "addresses": [address] if address else [],
            "accessibility": [
                {
                    "id": derived_id(owner_id, "accessibility", flag),
                    "location_id": str(loc.public_id),
                    "description": str(
                        getattr(Service._meta.get_field(flag), "verbose_name", flag)
                    ).capitalize(),
                    "details": flag,
                }
                for flag in accessibility
            ],
            "x_name": translations(loc, "name"),
            "x_description": translations(loc, "description"),
            "x_municipality_code": loc.municipality.code if loc.municipality else None,
        }
    )


def service_at_location(sal: ServiceLocation, *, with_service: bool) -> dict[str, Any]:
    svc = sal.service
    data = compact(
        {
            "id": str(sal.public_id),
            "service_id": str(svc.public_id),
            "location_id": str(sal.location.public_id),
            "description": sal.description,
            "location": location(
                sal.location, accessibility=accessibility_flags(svc), owner_id=str(sal.public_id)
            ),
        }
    )
    if with_service:
        data["service"] = service(svc, full=False)
    return data


def schedule(sched: Schedule) -> dict[str, Any]:
    """Map our RRULE to HSDS fields; `x_rrule` keeps the exact rule for a lossless round trip."""
    start = timezone.localtime(sched.starts_at)
    offset = start.utcoffset()
    rule = rrule_parts(sched.rrule)
    freq = rule.get("FREQ")
    data: dict[str, Any] = {
        "id": str(sched.public_id),
        "service_id": str(sched.service.public_id),
        "location_id": str(sched.location.public_id) if sched.location else None,
        "dtstart": start.date().isoformat(),
        "timezone": offset.total_seconds() / 3600 if offset is not None else None,
        "opens_at": start.time().isoformat(timespec="seconds"),
        "closes_at": timezone.localtime(sched.ends_at).time().isoformat(timespec="seconds")
        if sched.ends_at
        else None,
        "description": text(sched, "description"),
        "x_rrule": sched.rrule,
        "x_skip_public_holidays": sched.skip_public_holidays,
        "x_starts_at": sched.starts_at.isoformat(),
        "x_ends_at": sched.ends_at.isoformat() if sched.ends_at else None,
    }
    if freq in {"WEEKLY", "MONTHLY"}:
        data["freq"] = freq
        data["byday"] = rule.get("BYDAY")
        data["bymonthday"] = rule.get("BYMONTHDAY")
        if rule.get("INTERVAL", "").isdigit():
            data["interval"] = int(rule["INTERVAL"])
        if rule.get("COUNT", "").isdigit():
            data["count"] = int(rule["COUNT"])
        if rule.get("WKST") in {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}:
            data["wkst"] = rule["WKST"]
    if sched.until:
        data["until"] = sched.until.isoformat()
        data["valid_to"] = sched.until.isoformat()
    if not sched.rrule:
        data["valid_from"] = data["valid_to"] = start.date().isoformat()
    return compact(data) | {"x_skip_public_holidays": sched.skip_public_holidays}


def rrule_parts(value: str) -> dict[str, str]:
    value = value.strip().removeprefix("RRULE:")
    parts = (part.split("=", 1) for part in value.split(";") if "=" in part)
    return {key.strip().upper(): val.strip() for key, val in parts}


# Volunteer tasks (our profile extension, profile_schema/volunteer_task.json) ----------------

TASK_LINK_ENTITY = "volunteer_task"  # `attributes[].link_entity` of a task's terms


def volunteer_task(task: VolunteerTask) -> dict[str, Any]:
    """Return a volunteer task in the shape of an HSDS service, plus our `x_` fields.

    Its contact person is given by role, and by name, e-mail and phone only with their
    consent, as for services; `organization` carries the organisation's public contact details.
    """
    task_id = str(task.public_id)
    data = compact(
        {
            "id": task_id,
            "organization_id": str(task.organisation.public_id),
            "url": settings.SITE_URL.rstrip("/")
            + reverse("catalogue:task_detail", args=[task.public_id]),
            "status": "active",
            "last_modified": task.updated_at.isoformat(),
            "organization": organization(task.organisation),
            "service_areas": [task_area(task_id, task.municipality)] if task.municipality else [],
            "attributes": [
                attribute(task, term, link_entity=TASK_LINK_ENTITY) for term in task.terms.all()
            ],
            "contacts": contacts(task, service_id=None),
            "x_name": translations(task, "title"),
            "x_description": translations(task, "description"),
            "x_how_often": task.frequency or None,
            "x_time_commitment": translations(task, "time_commitment"),
            "x_skills": translations(task, "skills"),
            "x_starts_on": task.starts_on.isoformat() if task.starts_on else None,
            "x_ends_on": task.ends_on.isoformat() if task.ends_on else None,
        }
    )
    # Always present, as for services and organisations, even when empty.
    data["name"] = text(task, "title")
    data["description"] = text(task, "description")
    data["x_is_remote"] = task.is_remote
    return data


def task_area(task_id: str, municipality: Municipality) -> dict[str, Any]:
    """Return the task's municipality as an HSDS service area (without `service_id`)."""
    return {
        "id": derived_id(task_id, "municipality", municipality.code),
        "name": text(municipality, "name"),
        "extent": municipality.code,
        "extent_type": EXTENT_MUNICIPALITY,
    }
