"""Turn one checked HSDS record into what the catalogue services are asked to write.

Reading a record notes every problem (file, record, field) instead of stopping at the first;
a plan is only written when the whole file has none.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kumppani.catalogue.models import ACCESSIBILITY_FIELDS, HowToJoin
from kumppani.catalogue.schedules import validate_rrule
from kumppani.core.languages import content_languages
from kumppani.organisations.models import OrganisationKind

from ..errors import quoted
from ..reader import Obj
from ..serializers import FINNISH_BUSINESS_ID_SCHEME, ID_NAMESPACE
from .fields import Fields
from .lookups import Lookups, resolve_address, resolve_areas


@dataclass
class OrganisationPlan:
    public_id: str
    fields: dict[str, Any] = field(default_factory=dict)
    umbrella_id: str | None = None
    described: bool = False  # the file gives its details, not just its id


@dataclass
class TaxonomyPlan:
    public_id: str
    code: str
    fields: dict[str, Any]


@dataclass
class TermPlan:
    public_id: str
    taxonomy: TaxonomyPlan | None  # None: only referred to by id, must exist
    taxonomy_id: str | None
    code: str
    parent_id: str | None
    fields: dict[str, Any]


@dataclass
class PlacePlan:
    location_id: str
    link_id: str
    link_description: str
    owner_id: str | None
    fields: dict[str, Any]


@dataclass
class TimePlan:
    public_id: str
    location_id: str | None
    fields: dict[str, Any]


@dataclass
class ServicePlan:
    public_id: str
    organisation: OrganisationPlan
    fields: dict[str, Any]
    verified_at: datetime | None
    publish: bool
    places: list[PlacePlan] | None = None  # None: the record says nothing, leave as it is
    times: list[TimePlan] | None = None
    terms: list[TermPlan] | None = None
    referred_term_ids: list[str] = field(default_factory=list)


def derived(*parts: object) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(part) for part in parts)))


def text_language(data: Obj, language: str | None) -> str:
    if language:
        return language
    for lang in data.get("languages") or []:
        code = str(lang.get("code", "")).lower() if isinstance(lang, dict) else ""
        return code if code in content_languages() else content_languages()[0]
    return content_languages()[0]


def plan_service(fields: Fields, lookups: Lookups, language: str | None) -> ServicePlan | None:
    data = fields.record.data
    lang = text_language(data, language)
    service_id = fields.public_id(data, "id", "id")
    organisation = plan_organisation(fields, data, lang)
    areas = resolve_areas(data, lookups, fields)
    values = service_fields(fields, data, lang)
    if "service_areas" in data:
        values |= {
            "municipalities": areas.municipalities,
            "counties": areas.counties,
            "is_nationwide": areas.nationwide,
        }
    verified_at = None
    if data.get("assured_date"):
        day = fields.day(data["assured_date"], "assured_date")
        if day is not None:
            verified_at = timezone.make_aware(datetime.combine(day, time(12, 0)))
    status = fields.text(data, "status", "status")
    plan = ServicePlan(
        public_id=service_id or "",
        organisation=organisation or OrganisationPlan(""),
        fields=values,
        verified_at=verified_at,
        publish=status in ("", "active"),
    )
    if "service_at_locations" in data:
        plan.places = plan_places(fields, data, lang, lookups, plan.public_id)
    if "schedules" in data:
        plan.times = plan_times(fields, data, lang, plan.public_id)
    if "attributes" in data:
        plan.terms, plan.referred_term_ids = plan_terms(fields, data, lang)
    return plan if service_id and organisation else None


def service_fields(fields: Fields, data: Obj, lang: str) -> dict[str, Any]:
    flags: set[Any] = set()
    accessibility = data.get("x_accessibility")
    if accessibility is not None:
        if isinstance(accessibility, list) and all(isinstance(f, str) for f in accessibility):
            flags |= set(accessibility)
        else:
            fields.problem("x_accessibility", _("expected a list of features."))
    for where, sal in fields.items(data, "service_at_locations", "service_at_locations"):
        place = fields.obj(sal, "location", f"{where}.location") or {}
        for at, item in fields.items(place, "accessibility", f"{where}.location.accessibility"):
            if fields.text(item, "details", f"{at}.details") in ACCESSIBILITY_FIELDS:
                flags.add(item["details"])
    costs = fields.items(data, "cost_options", "cost_options")
    fee_text = fields.text(data, "fees_description", "fees_description") or "; ".join(
        fields.text(c, "amount_description", f"{at}.amount_description")
        or fields.text(c, "option", f"{at}.option")
        for at, c in costs
        if c.get("amount") not in (0, None) or c.get("amount_description")
    )
    is_free = fields.flag(data, "x_is_free", "x_is_free", None)
    if is_free is None:
        is_free = not fee_text and all(c.get("amount") in (0, None) for _at, c in costs)
    how_to_join = fields.text(data, "x_how_to_join", "x_how_to_join")
    values: dict[str, Any] = {
        "website": fields.text(data, "url", "url", max_length=200),
        "contact_email": fields.text(data, "email", "email", max_length=254),
        "is_free": is_free,
        "is_online": fields.flag(data, "x_is_online", "x_is_online", False),
        "how_to_join": how_to_join if how_to_join in HowToJoin.values else HowToJoin.DROP_IN,
        "free_places": fields.count(data, "x_free_places", "x_free_places"),
        # A feature the file does not list is not reported, not a "no".
        **{flag: True if flag in flags else None for flag in ACCESSIBILITY_FIELDS},
        **fields.texts(data, "name", lang, ""),
        **fields.texts(data, "description", lang, ""),
        **fields.texts(data, "summary", lang, ""),
        **fields.texts(data, "easy_read_summary", lang, ""),
    }
    if "x_fee_description" in data:
        values |= fields.texts(data, "fee_description", lang, "")
    else:
        values[f"fee_description_{lang}"] = fee_text[:255]
    contacts = fields.items(data, "contacts", "contacts")
    if contacts:  # the role; a named person is never public without consent recorded here
        values[f"contact_title_{lang}"] = fields.text(
            contacts[0][1], "title", "contacts[0].title", max_length=200
        )
    phones = fields.items(data, "phones", "phones")
    if phones:
        values["contact_phone"] = fields.text(phones[0][1], "number", "phones[0].number")[:40]
    if "languages" in data:
        values["languages"] = [
            code.lower()
            for at, item in fields.items(data, "languages", "languages")
            if (code := fields.text(item, "code", f"{at}.code", max_length=3))
        ]
    return values


def plan_organisation(fields: Fields, data: Obj, lang: str) -> OrganisationPlan | None:
    nested = fields.obj(data, "organization", "organization")
    if nested is None:
        org_id = fields.public_id(data, "organization_id", "organization_id")
        if org_id is None and "organization_id" not in data:
            fields.problem("organization_id", _("every service needs its organisation."))
        return OrganisationPlan(org_id) if org_id else None
    org_id = fields.public_id(nested, "id", "organization.id")
    if org_id is None:
        if "id" not in nested:
            fields.problem("organization.id", _("every service needs its organisation."))
        return None
    values: dict[str, Any] = {
        **fields.texts(nested, "name", lang, "organization."),
        **fields.texts(nested, "description", lang, "organization."),
    }
    for key in ("email", "website"):
        if key in nested:
            values[key] = fields.text(nested, key, f"organization.{key}", max_length=254)
    kind = fields.text(nested, "x_kind", "organization.x_kind")
    if kind in OrganisationKind.values:
        values["kind"] = kind
    identifiers = fields.items(
        nested, "organization_identifiers", "organization.organization_identifiers"
    )
    for at, identifier in identifiers:
        if (
            identifier.get("identifier_scheme") == FINNISH_BUSINESS_ID_SCHEME
            or identifier.get("identifier_type") == "Y-tunnus"
        ):
            values["business_id"] = fields.text(identifier, "identifier", f"{at}.identifier")[:20]
    phones = fields.items(nested, "phones", "organization.phones")
    if phones:
        values["phone"] = fields.text(phones[0][1], "number", "organization.phones[0].number")[:40]
    umbrella = fields.public_id(
        nested, "parent_organization_id", "organization.parent_organization_id"
    )
    return OrganisationPlan(org_id, values, umbrella, described=True)


def plan_terms(fields: Fields, data: Obj, lang: str) -> tuple[list[TermPlan], list[str]]:
    terms: list[TermPlan] = []
    referred: list[str] = []
    for where, attr in fields.items(data, "attributes", "attributes"):
        nested = fields.obj(attr, "taxonomy_term", f"{where}.taxonomy_term")
        if nested is None:
            term_id = fields.public_id(attr, "taxonomy_term_id", f"{where}.taxonomy_term_id")
            if term_id:
                referred.append(term_id)
            continue
        at = f"{where}.taxonomy_term"
        taxonomy_id = fields.public_id(nested, "taxonomy_id", f"{at}.taxonomy_id")
        taxonomy = plan_taxonomy(fields, nested, lang, at, taxonomy_id)
        name = fields.text(nested, "name", f"{at}.name")
        owner = taxonomy.public_id if taxonomy else taxonomy_id
        term_id = fields.public_id(nested, "id", f"{at}.id") or derived("term", owner, name)
        code = fields.text(nested, "code", f"{at}.code") or slugify(name) or term_id[:8]
        terms.append(
            TermPlan(
                public_id=term_id,
                taxonomy=taxonomy,
                taxonomy_id=owner,
                code=code,
                parent_id=fields.public_id(nested, "parent_id", f"{at}.parent_id"),
                fields={
                    "uri": fields.text(nested, "term_uri", f"{at}.term_uri", max_length=200),
                    **fields.texts(nested, "name", lang, f"{at}."),
                    **fields.texts(nested, "description", lang, f"{at}."),
                },
            )
        )
    return terms, referred


def plan_taxonomy(
    fields: Fields, term: Obj, lang: str, where: str, taxonomy_id: str | None
) -> TaxonomyPlan | None:
    detail = fields.obj(term, "taxonomy_detail", f"{where}.taxonomy_detail")
    at = f"{where}.taxonomy_detail"
    if detail is None:
        if taxonomy_id and not term.get("taxonomy"):
            return None  # refers to a taxonomy that must exist
        name = fields.text(term, "taxonomy", f"{where}.taxonomy") or "imported"
        detail = {"id": taxonomy_id or derived("taxonomy", name), "name": name}
    name = fields.text(detail, "name", f"{at}.name")
    public_id = fields.public_id(detail, "id", f"{at}.id") or derived("taxonomy", name)
    code = fields.text(detail, "x_code", f"{at}.x_code") or slugify(name) or public_id[:8]
    return TaxonomyPlan(
        public_id=public_id,
        code=code,
        fields={
            "uri": fields.text(detail, "uri", f"{at}.uri", max_length=200),
            "version": fields.text(detail, "version", f"{at}.version")[:50],
            **fields.texts(detail, "name", lang, f"{at}."),
            **fields.texts(detail, "description", lang, f"{at}."),
        },
    )


def plan_places(
    fields: Fields, data: Obj, lang: str, lookups: Lookups, service_id: str
) -> list[PlacePlan]:
    places = []
    for where, sal in fields.items(data, "service_at_locations", "service_at_locations"):
        at = f"{where}.location"
        place = fields.obj(sal, "location", at)
        if place is None:
            fields.problem(at, _("the location is missing."))
            continue
        location_id = fields.public_id(place, "id", f"{at}.id")
        if location_id is None:
            fields.problem(f"{at}.id", _("the location needs its id."))
            continue
        municipality = resolve_address(place, lookups, fields, at)
        addresses = fields.items(place, "addresses", f"{at}.addresses")
        first, address = addresses[0] if addresses else (f"{at}.addresses[0]", {})
        values: dict[str, Any] = {
            "address": fields.text(address, "address_1", f"{first}.address_1", max_length=255),
            "postal_code": fields.text(
                address, "postal_code", f"{first}.postal_code", max_length=10
            ),
            "city": fields.text(address, "city", f"{first}.city", max_length=100),
            "municipality": municipality,
            "latitude": fields.coordinate(place, "latitude", f"{at}.latitude"),
            "longitude": fields.coordinate(place, "longitude", f"{at}.longitude"),
            **fields.texts(place, "name", lang, f"{at}."),
            **fields.texts(place, "description", lang, f"{at}."),
        }
        link_id = fields.public_id(sal, "id", f"{where}.id") or derived(
            "sal", service_id, location_id
        )
        places.append(
            PlacePlan(
                location_id=location_id,
                link_id=link_id,
                link_description=fields.text(sal, "description", f"{where}.description"),
                owner_id=fields.public_id(place, "organization_id", f"{at}.organization_id"),
                fields=values,
            )
        )
    return places


def plan_times(fields: Fields, data: Obj, lang: str, service_id: str) -> list[TimePlan]:
    times = []
    for index, (where, sched) in enumerate(fields.items(data, "schedules", "schedules")):
        values = schedule_values(fields, sched, where)
        if values is None:
            continue
        description = values.pop("description")
        values[f"description_{lang}"] = description
        times.append(
            TimePlan(
                public_id=fields.public_id(sched, "id", f"{where}.id")
                or derived("schedule", service_id, index),
                location_id=fields.public_id(sched, "location_id", f"{where}.location_id"),
                fields=values,
            )
        )
    return times


def schedule_values(fields: Fields, sched: Obj, where: str) -> dict[str, Any] | None:
    """Schedule field values, None when the schedule has no date."""
    starts_at = fields.moment(sched.get("x_starts_at"), f"{where}.x_starts_at")
    ends_at = fields.moment(sched.get("x_ends_at"), f"{where}.x_ends_at")
    if starts_at is None:
        day_text = sched.get("dtstart") or sched.get("valid_from")
        if not day_text:
            return None
        day = fields.day(day_text, f"{where}.dtstart")
        opens = fields.clock(sched.get("opens_at"), f"{where}.opens_at") or time(0, 0)
        closes = fields.clock(sched.get("closes_at"), f"{where}.closes_at")
        if day is None:
            return None
        starts_at = timezone.make_aware(datetime.combine(day, opens))
        if closes is not None and closes > opens:
            ends_at = timezone.make_aware(datetime.combine(day, closes))
    if "x_rrule" in sched:
        rrule = fields.text(sched, "x_rrule", f"{where}.x_rrule", max_length=255)
    else:
        rrule = build_rrule(fields, sched, where)
    if rrule:
        try:
            validate_rrule(rrule)
        except (ValueError, TypeError):
            fields.problem(
                f"{where}.freq",
                _("the repeat rule %(rule)s is not valid.") % {"rule": quoted(rrule)},
            )
    until = fields.day(sched["until"], f"{where}.until") if sched.get("until") else None
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "rrule": rrule,
        "until": until,
        "skip_public_holidays": fields.flag(
            sched, "x_skip_public_holidays", f"{where}.x_skip_public_holidays", True
        ),
        "description": fields.text(sched, "description", f"{where}.description")[:255],
    }


def build_rrule(fields: Fields, sched: Obj, where: str) -> str:
    freq = fields.text(sched, "freq", f"{where}.freq", max_length=20)
    if not freq:
        return ""
    parts = [f"FREQ={freq}"]
    for key in ("interval", "count"):
        if sched.get(key) not in (None, ""):
            number = fields.count(sched, key, f"{where}.{key}")
            if number is not None:
                parts.append(f"{key.upper()}={number}")
    for key in ("byday", "bymonthday", "wkst"):
        value = sched.get(key)
        if value not in (None, ""):
            text = (
                str(value)
                if isinstance(value, int)
                else fields.text(sched, key, f"{where}.{key}", max_length=100)
            )
            parts.append(f"{key.upper()}={text.replace(' ', '')}")
    return ";".join(parts)
