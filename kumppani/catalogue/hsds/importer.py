"""Import HSDS 3.0 services (JSON or Tabular Data Package) into the catalogue.

Two phases: first every record is checked (JSON Schema, organisation, municipalities, dates,
taxonomy), and any problem stops the import before anything is written; then all rows are
written in one transaction, keyed by the HSDS ids, so a second import of the same file
changes nothing. A row is saved only when a value differs.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.text import slugify

from kumppani.catalogue.models import (
    HowToJoin,
    Location,
    PublicationStatus,
    Schedule,
    Service,
    ServiceLanguage,
    ServiceLocation,
    Taxonomy,
    TaxonomyTerm,
)
from kumppani.catalogue.schedules import validate_rrule
from kumppani.catalogue.search.index import index_services
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation, OrganisationKind

from .reader import HsdsFileError, Obj, Record, read
from .serializers import (
    ACCESSIBILITY_FIELDS,
    EXTENT_COUNTRY,
    EXTENT_COUNTY,
    EXTENT_MUNICIPALITY,
    FINNISH_BUSINESS_ID_SCHEME,
    ID_NAMESPACE,
    rrule_parts,
)
from .validation import schema_errors

logger = logging.getLogger(__name__)

LANGUAGES = ("fi", "sv", "en")
FINLAND = {"fi", "fin", "finland", "suomi"}
M = TypeVar("M", bound=models.Model)


@dataclass
class ImportResult:
    services: int = 0
    created: int = 0
    updated: int = 0
    warnings: list[str] = field(default_factory=list)


class Lookups:
    """Municipalities and counties by code, Finnish or Swedish name (case-insensitive)."""

    def __init__(self) -> None:
        self.municipalities: dict[str, Municipality] = {}
        for municipality in Municipality.objects.all():
            for key in (municipality.code, municipality.name_fi, municipality.name_sv):  # type: ignore[attr-defined]
                if key:
                    self.municipalities.setdefault(key.casefold(), municipality)
        self.counties: dict[str, County] = {}
        for county in County.objects.all():
            for key in (county.code, county.name_fi, county.name_sv):  # type: ignore[attr-defined]
                if key:
                    self.counties.setdefault(key.casefold(), county)

    def municipality(self, value: str) -> Municipality | None:
        return self.municipalities.get(value.strip().casefold())

    def county(self, value: str) -> County | None:
        return self.counties.get(value.strip().casefold())


@dataclass
class Areas:
    municipalities: list[Municipality] = field(default_factory=list)
    counties: list[County] = field(default_factory=list)
    nationwide: bool = False


def import_file(
    *, path: Path, language: str | None, actor: Actor, dry_run: bool = False
) -> ImportResult:
    """Check then import every service in the file; raise HsdsFileError and write nothing on
    any problem."""
    records = read(path)
    lookups = Lookups()
    result = ImportResult()
    problems = check(records, lookups=lookups, result=result)
    if problems:
        raise HsdsFileError(problems)
    if dry_run:
        result.services = len(records)
        return result
    return hsds_services_import(
        records=records, language=language, lookups=lookups, actor=actor, result=result
    )


# Phase 1: check --------------------------------------------------------------------------------


def check(records: list[Record], *, lookups: Lookups, result: ImportResult) -> list[str]:
    problems: list[str] = []
    batch_orgs = {
        str(rec.data["organization"]["id"])
        for rec in records
        if isinstance(rec.data.get("organization"), dict) and rec.data["organization"].get("id")
    }
    for record in records:

        def problem(where: str, message: str, record: Record = record) -> None:
            problems.append(f"{record.source}: {record.label}: {where}: {message}")

        errors = schema_errors(record.data, "service.json")
        for error in errors:
            field_path, _sep, message = error.partition(": ")
            problem(field_path, message)
        if errors:
            continue
        data = record.data
        org_id = (data.get("organization") or {}).get("id") or data.get("organization_id")
        if not org_id:
            problem("organization_id", "every service needs its organisation.")
        elif (
            str(org_id) not in batch_orgs
            and not Organisation.objects.filter(public_id=org_id).exists()
        ):
            problem("organization_id", f"organisation {org_id} is neither in the file nor known.")
        _areas, area_problems, area_warnings = resolve_areas(data, lookups)
        for where, message in area_problems:
            problem(where, message)
        result.warnings += [f"{record.source}: {record.label}: {w}" for w in area_warnings]
        for index, sal in enumerate(data.get("service_at_locations") or []):
            place = sal.get("location")
            if not place:
                problem(f"service_at_locations[{index}].location", "the location is missing.")
                continue
            _municipality, message = resolve_address(place, lookups)
            if message:
                problem(f"service_at_locations[{index}].location.addresses[0].city", message)
        for index, sched in enumerate(data.get("schedules") or []):
            try:
                schedule_values(sched)
            except ValueError as error:
                problem(f"schedules[{index}]", str(error))
        for index, lang in enumerate(data.get("languages") or []):
            if len(str(lang.get("code", ""))) > 3:
                problem(f"languages[{index}].code", "use an ISO 639 code such as fi, sv or en.")
    return problems


def resolve_areas(data: Obj, lookups: Lookups) -> tuple[Areas, list[tuple[str, str]], list[str]]:
    """Map service_areas to municipalities, counties or the whole country."""
    areas = Areas()
    problems: list[tuple[str, str]] = []
    warnings: list[str] = []
    for index, area in enumerate(data.get("service_areas") or []):
        where = f"service_areas[{index}]"
        extent_type = area.get("extent_type", "")
        extent = str(area.get("extent", ""))
        name = str(area.get("name", ""))
        if extent_type == EXTENT_COUNTRY:
            areas.nationwide = True
        elif extent_type == EXTENT_COUNTY:
            county = lookups.county(extent)
            if county is None:
                problems.append((f"{where}.extent", f"unknown county code {extent!r}."))
            else:
                areas.counties.append(county)
        elif extent_type == EXTENT_MUNICIPALITY:
            municipality = lookups.municipality(extent)
            if municipality is None:
                problems.append((f"{where}.extent", f"unknown municipality code {extent!r}."))
            else:
                areas.municipalities.append(municipality)
        elif (municipality := lookups.municipality(name)) is not None:
            areas.municipalities.append(municipality)
        elif (county := lookups.county(name)) is not None:
            areas.counties.append(county)
        elif extent or extent_type:
            # An area drawn as a shape (GeoJSON, KML…) is no municipality: keep going without it.
            warnings.append(f"{where}: area {name[:60]!r} is not a municipality; left out.")
        else:
            problems.append((f"{where}.name", f"unknown municipality {name!r}."))
    return areas, problems, warnings


def resolve_address(place: Obj, lookups: Lookups) -> tuple[Municipality | None, str]:
    """Return the municipality of a location's first address; Finnish addresses must match."""
    addresses = place.get("addresses") or []
    if not addresses:
        return None, ""
    address = addresses[0]
    country = str(address.get("country", "")).strip().casefold()
    if country and country not in FINLAND:
        return None, ""
    city = str(address.get("city", ""))
    municipality = lookups.municipality(city)
    if municipality is None and place.get("x_municipality_code"):
        municipality = lookups.municipality(str(place["x_municipality_code"]))
    if municipality is None:
        return None, f"unknown municipality {city!r}."
    return municipality, ""


def schedule_values(sched: Obj) -> dict[str, Any] | None:
    """Return Schedule field values, None when the schedule has no date; ValueError if bad."""
    starts_at = parse_moment(sched.get("x_starts_at"))
    ends_at = parse_moment(sched.get("x_ends_at"))
    if starts_at is None:
        day_text = sched.get("dtstart") or sched.get("valid_from")
        if not day_text:
            return None
        day = parse_day(str(day_text), "dtstart")
        opens = parse_clock(sched.get("opens_at"), "opens_at") or time(0, 0)
        closes = parse_clock(sched.get("closes_at"), "closes_at")
        starts_at = timezone.make_aware(datetime.combine(day, opens))
        if closes is not None and closes > opens:
            ends_at = timezone.make_aware(datetime.combine(day, closes))
    rrule = str(sched["x_rrule"]) if "x_rrule" in sched else build_rrule(sched)
    if rrule:
        try:
            validate_rrule(rrule)
        except (ValueError, TypeError) as error:
            raise ValueError(f"the repeat rule {rrule!r} is not valid ({error}).") from None
    until = parse_day(str(sched["until"]), "until") if sched.get("until") else None
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "rrule": rrule,
        "until": until,
        "skip_public_holidays": bool(sched.get("x_skip_public_holidays", True)),
        "description": str(sched.get("description", ""))[:255],
    }


def build_rrule(sched: Obj) -> str:
    freq = sched.get("freq")
    if not freq:
        return ""
    parts = [f"FREQ={freq}"]
    if sched.get("interval"):
        parts.append(f"INTERVAL={int(sched['interval'])}")
    for key in ("byday", "bymonthday"):
        if sched.get(key):
            parts.append(f"{key.upper()}={str(sched[key]).replace(' ', '')}")
    if sched.get("count"):
        parts.append(f"COUNT={int(sched['count'])}")
    if sched.get("wkst"):
        parts.append(f"WKST={sched['wkst']}")
    return ";".join(parts)


def parse_moment(value: Any) -> datetime | None:
    if not value:
        return None
    parsed = parse_datetime(str(value))
    if parsed is None:
        raise ValueError(f"{value!r} is not a date-time.")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def parse_day(value: str, name: str) -> date:
    try:
        day = parse_date(value[:10])
    except ValueError:
        day = None
    if day is None:
        raise ValueError(f"{name} {value!r} is not a date such as 2025-01-31.")
    return day


def parse_clock(value: Any, name: str) -> time | None:
    if not value:
        return None
    try:
        clock = parse_time(str(value)[:8])
    except ValueError:
        clock = None
    if clock is None:
        raise ValueError(f"{name} {value!r} is not a time such as 18:00.")
    return clock


# Phase 2: write --------------------------------------------------------------------------------


class RowInvalid(Exception):
    pass


@transaction.atomic
def hsds_services_import(
    *,
    records: list[Record],
    language: str | None,
    lookups: Lookups,
    actor: Actor,
    result: ImportResult,
) -> ImportResult:
    """Create or update every record's service and what it links to; publish the services."""
    imported: list[int] = []
    for record in records:
        try:
            service, created, changed = import_service(record, language, lookups)
        except RowInvalid as error:
            transaction.set_rollback(True)
            raise HsdsFileError([f"{record.source}: {record.label}: {error}"]) from None
        result.services += 1
        imported.append(service.pk)
        if created:
            result.created += 1
        elif changed:
            result.updated += 1
        if changed:
            audit_record(
                actor=actor,
                action="catalogue.service.import",
                obj=service,
                details={"created": created, "source": record.source},
            )
    audit_record(
        actor=actor,
        action="catalogue.hsds_package.import",
        details={
            "source": records[0].source if records else "",
            "services": result.services,
            "created": result.created,
            "updated": result.updated,
        },
    )
    # In the same transaction: a failed import leaves the index untouched too.
    index_services(imported)
    return result


def upsert(model: type[M], public_id: str, values: dict[str, Any], where: str) -> tuple[M, bool]:
    """Create or update the row with this public id; save only when something differs."""
    obj = model._default_manager.filter(public_id=public_id).first()
    created = obj is None
    if obj is None:
        obj = model(public_id=public_id)
    changed = created
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    if changed:
        try:
            obj.full_clean()
        except ValidationError as error:
            messages = "; ".join(
                f"{name}: {' '.join(str(m) for m in errs)}"
                for name, errs in error.message_dict.items()
            )
            raise RowInvalid(f"{where}: {messages}") from None
        obj.save()
    return obj, changed


def text_values(
    data: Obj, field_name: str, lang: str, *, target: str | None = None
) -> dict[str, str]:
    """Values of `<target>_<lang>`: all languages from our `x_<field>`, else the one language."""
    target = target or field_name
    multilingual = data.get(f"x_{field_name}")
    if isinstance(multilingual, dict):
        return {f"{target}_{code}": str(multilingual.get(code, "")) for code in LANGUAGES}
    if field_name in data:
        return {f"{target}_{lang}": str(data.get(field_name) or "")}
    return {}


def service_language(data: Obj, language: str | None) -> str:
    if language:
        return language
    for lang in data.get("languages") or []:
        code = str(lang.get("code", "")).lower()
        return code if code in LANGUAGES else "fi"
    return "fi"


def import_service(
    record: Record, language: str | None, lookups: Lookups
) -> tuple[Service, bool, bool]:
    data = record.data
    lang = service_language(data, language)
    org = import_organisation(data, lang)
    areas, _problems, _warnings = resolve_areas(data, lookups)
    flags = set(data.get("x_accessibility") or [])
    for sal in data.get("service_at_locations") or []:
        for item in (sal.get("location") or {}).get("accessibility") or []:
            if item.get("details") in ACCESSIBILITY_FIELDS:
                flags.add(item["details"])
    costs = data.get("cost_options") or []
    fee_text = data.get("fees_description") or "; ".join(
        str(c.get("amount_description") or c.get("option") or "")
        for c in costs
        if c.get("amount") not in (0, None) or c.get("amount_description")
    )
    is_free = data.get("x_is_free")
    if not isinstance(is_free, bool):
        is_free = not fee_text and all(c.get("amount") in (0, None) for c in costs)
    how_to_join = data.get("x_how_to_join")
    values: dict[str, Any] = {
        "organisation_id": org.pk,
        "website": data.get("url", ""),
        "is_free": is_free,
        "is_online": bool(data.get("x_is_online", False)),
        "how_to_join": how_to_join if how_to_join in HowToJoin.values else HowToJoin.DROP_IN,
        "free_places": data.get("x_free_places"),
        "status": PublicationStatus.PUBLISHED,
        **{flag: flag in flags for flag in ACCESSIBILITY_FIELDS},
        **text_values(data, "name", lang),
        **text_values(data, "description", lang),
        **text_values(data, "summary", lang),
        **text_values(data, "easy_read_summary", lang),
    }
    if "x_fee_description" in data:
        values |= text_values(data, "fee_description", lang)
    else:
        values[f"fee_description_{lang}"] = fee_text[:255]
    existing = Service.objects.filter(public_id=data["id"]).first()
    if existing is None or existing.published_at is None:
        values["published_at"] = timezone.now()
    if data.get("assured_date"):
        day = parse_day(str(data["assured_date"]), "assured_date")
        values["last_verified_at"] = timezone.make_aware(datetime.combine(day, time(12, 0)))
    if "service_areas" in data:
        values["is_nationwide"] = areas.nationwide
    service, changed = upsert(Service, data["id"], values, "service")
    created = existing is None
    # A relation missing from the record (e.g. a list item with one-to-one fields only) is
    # left as it is; one that is present replaces what was there.
    if "service_areas" in data:
        changed |= set_m2m(service.municipalities, areas.municipalities)
        changed |= set_m2m(service.counties, areas.counties)
        org.municipalities.add(*areas.municipalities)
    if "languages" in data:
        changed |= import_languages(service, data)
    if "attributes" in data:
        changed |= set_m2m(service.terms, import_terms(data, lang))
    if "service_at_locations" in data:
        changed |= import_locations(service, org, data, lang, lookups)
    if "schedules" in data:
        changed |= import_schedules(service, data, lang)
    return service, created, changed


def set_m2m(manager: Any, objects: list[Any]) -> bool:
    wanted = {obj.pk for obj in objects}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(objects)
    return True


def import_organisation(data: Obj, lang: str) -> Organisation:
    nested = data.get("organization")
    if not isinstance(nested, dict):
        return Organisation.objects.get(public_id=data["organization_id"])
    values: dict[str, Any] = {
        **text_values(nested, "name", lang),
        **text_values(nested, "description", lang),
    }
    if "email" in nested:
        values["email"] = nested["email"]
    if "website" in nested:
        values["website"] = nested["website"]
    if nested.get("x_kind") in OrganisationKind.values:
        values["kind"] = nested["x_kind"]
    for identifier in nested.get("organization_identifiers") or []:
        if (
            identifier.get("identifier_scheme") == FINNISH_BUSINESS_ID_SCHEME
            or identifier.get("identifier_type") == "Y-tunnus"
        ):
            values["business_id"] = str(identifier.get("identifier", ""))
    phones = nested.get("phones") or []
    if phones:
        values["phone"] = str(phones[0].get("number", ""))[:40]
    parent_id = nested.get("parent_organization_id")
    if parent_id:
        umbrella = Organisation.objects.filter(public_id=parent_id).first()
        values["umbrella_id"] = umbrella.pk if umbrella else None
    org, _changed = upsert(Organisation, nested["id"], values, "organization")
    return org


def import_languages(service: Service, data: Obj) -> bool:
    wanted = [str(lang["code"]).lower() for lang in data.get("languages") or [] if lang.get("code")]
    existing = set(service.languages.values_list("code", flat=True))
    if existing == set(wanted):
        return False
    service.languages.exclude(code__in=wanted).delete()
    for code in dict.fromkeys(wanted):
        if code not in existing:
            ServiceLanguage.objects.create(service=service, code=code)
    return True


def derived(*parts: object) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(part) for part in parts)))


def import_terms(data: Obj, lang: str) -> list[TaxonomyTerm]:
    terms: list[TaxonomyTerm] = []
    for index, attr in enumerate(data.get("attributes") or []):
        nested = attr.get("taxonomy_term")
        if not isinstance(nested, dict):
            found = TaxonomyTerm.objects.filter(public_id=attr.get("taxonomy_term_id")).first()
            if found is not None:
                terms.append(found)
            continue
        taxonomy = import_taxonomy(nested, lang, f"attributes[{index}].taxonomy_term")
        term_id = nested.get("id") or derived("term", taxonomy.public_id, nested.get("name"))
        existing = TaxonomyTerm.objects.filter(public_id=term_id).first()
        values: dict[str, Any] = {
            "taxonomy_id": taxonomy.pk,
            "uri": nested.get("term_uri", ""),
            **text_values(nested, "name", lang),
            **text_values(nested, "description", lang),
        }
        if existing is None:
            values["code"] = unique_code(
                TaxonomyTerm.objects.filter(taxonomy=taxonomy),
                str(nested.get("code") or slugify(str(nested.get("name", ""))) or term_id[:8]),
                term_id,
                80,
            )
        parent = find(TaxonomyTerm, nested.get("parent_id"))
        values["parent_id"] = parent.pk if parent else None
        term, _changed = upsert(TaxonomyTerm, term_id, values, f"attributes[{index}]")
        terms.append(term)
    return terms


def import_taxonomy(term: Obj, lang: str, where: str) -> Taxonomy:
    detail = term.get("taxonomy_detail")
    if not isinstance(detail, dict):
        found = find(Taxonomy, term.get("taxonomy_id"))
        if found is not None:
            return found
        name = str(term.get("taxonomy") or "imported")
        detail = {"id": term.get("taxonomy_id") or derived("taxonomy", name), "name": name}
    taxonomy_id = str(detail.get("id") or derived("taxonomy", detail.get("name")))
    existing = Taxonomy.objects.filter(public_id=taxonomy_id).first()
    values: dict[str, Any] = {
        "uri": detail.get("uri", ""),
        "version": str(detail.get("version", ""))[:50],
        **text_values(detail, "name", lang),
        **text_values(detail, "description", lang),
    }
    if existing is None:
        base = str(detail.get("x_code") or slugify(str(detail.get("name", ""))) or taxonomy_id[:8])
        values["code"] = unique_code(Taxonomy.objects.all(), base, taxonomy_id, 50)
    taxonomy, _changed = upsert(Taxonomy, taxonomy_id, values, f"{where}.taxonomy_detail")
    return taxonomy


def find(model: type[M], public_id: Any) -> M | None:
    """Return the row with this public id, or None when the id is empty or unknown."""
    if not public_id:
        return None
    return model._default_manager.filter(public_id=str(public_id)).first()


def unique_code(queryset: models.QuerySet[Any], base: str, public_id: str, max_length: int) -> str:
    code = base[:max_length]
    if queryset.filter(code=code).exclude(public_id=public_id).exists():
        code = f"{base[: max_length - 9]}-{public_id[:8]}"
    return code


def import_locations(
    service: Service, org: Organisation, data: Obj, lang: str, lookups: Lookups
) -> bool:
    changed = False
    keep: list[str] = []
    for index, sal in enumerate(data.get("service_at_locations") or []):
        place = sal["location"]
        municipality, _message = resolve_address(place, lookups)
        address = (place.get("addresses") or [{}])[0]
        owner = find(Organisation, place.get("organization_id"))
        values: dict[str, Any] = {
            "address": str(address.get("address_1", "")),
            "postal_code": str(address.get("postal_code", "")),
            "city": str(address.get("city", "")),
            "municipality_id": municipality.pk if municipality else None,
            "latitude": coordinate(place.get("latitude")),
            "longitude": coordinate(place.get("longitude")),
            **text_values(place, "name", lang),
            **text_values(place, "description", lang),
        }
        location = Location.objects.filter(public_id=place["id"]).first()
        if location is None or owner is not None:
            values["organisation_id"] = (owner or org).pk
        location, location_changed = upsert(
            Location, place["id"], values, f"service_at_locations[{index}].location"
        )
        sal_id = str(sal.get("id") or derived("sal", service.public_id, location.public_id))
        _sal, sal_changed = upsert(
            ServiceLocation,
            sal_id,
            {
                "service_id": service.pk,
                "location_id": location.pk,
                "description": str(sal.get("description", "")),
            },
            f"service_at_locations[{index}]",
        )
        keep.append(sal_id)
        changed |= location_changed or sal_changed
    stale = service.service_locations.exclude(public_id__in=keep)
    if stale.exists():
        stale.delete()
        changed = True
    return changed


def coordinate(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(round(float(value), 6)))


def import_schedules(service: Service, data: Obj, lang: str) -> bool:
    changed = False
    keep: list[str] = []
    locations = {
        str(sal["location"]["id"]): Location.objects.filter(public_id=sal["location"]["id"]).first()
        for sal in data.get("service_at_locations") or []
        if sal.get("location")
    }
    for index, sched in enumerate(data.get("schedules") or []):
        values = schedule_values(sched)
        if values is None:
            continue
        description = values.pop("description")
        location = locations.get(str(sched.get("location_id")))
        values |= {
            "service_id": service.pk,
            "location_id": location.pk if location else None,
            f"description_{lang}": description,
        }
        sched_id = str(sched.get("id") or derived("schedule", service.public_id, index))
        _obj, sched_changed = upsert(Schedule, sched_id, values, f"schedules[{index}]")
        keep.append(sched_id)
        changed |= sched_changed
    stale = service.schedules.exclude(public_id__in=keep)
    if stale.exists():
        stale.delete()
        changed = True
    return changed


__all__ = ["HsdsFileError", "ImportResult", "import_file", "rrule_parts"]
