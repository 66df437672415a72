"""Export published services as HSDS 3.0: a JSON array of full services, or a zip holding a
Tabular Data Package (datapackage.json and one CSV per table)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from . import selectors, serializers
from .validation import datapackage

CHUNK = 500


def full_services(language: str = "fi") -> Iterator[dict[str, Any]]:
    """Yield every published service as a fully nested HSDS service object."""
    queryset = selectors.with_full_relations(selectors.visible_services().order_by("pk"))
    with translation.override(language):
        last_pk = 0
        while True:
            chunk = list(queryset.filter(pk__gt=last_pk)[:CHUNK])
            if not chunk:
                return
            for service in chunk:
                yield serializers.service(service, full=True)
            last_pk = chunk[-1].pk


def write_json(out: IO[str], *, language: str = "fi") -> int:
    """Write a JSON array of services; return how many."""
    count = 0
    out.write("[")
    for service in full_services(language):
        out.write(",\n" if count else "\n")
        out.write(json.dumps(service, ensure_ascii=False, cls=DjangoJSONEncoder))
        count += 1
    out.write("\n]\n")
    return count


# Where the tables' rows stand in a nested service: for each table, the keys of its rows that
# hold rows of other tables (a list, or one object), and those tables.
_NESTED: dict[str, tuple[tuple[str, str], ...]] = {
    "service": (
        ("organization", "organization"),
        ("service_areas", "service_area"),
        ("languages", "language"),
        ("cost_options", "cost_option"),
        ("contacts", "contact"),
        ("schedules", "schedule"),
        ("service_at_locations", "service_at_location"),
        ("attributes", "attribute"),
    ),
    "organization": (("organization_identifiers", "organization_identifier"),),
    "contact": (("phones", "phone"),),
    "service_at_location": (("location", "location"),),
    "location": (("addresses", "address"), ("accessibility", "accessibility")),
    "attribute": (("taxonomy_term", "taxonomy_term"),),
    "taxonomy_term": (("taxonomy_detail", "taxonomy"),),
}


def tables(services: Iterator[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Flatten nested services into HSDS tables keyed by resource name, rows keyed by id."""
    found: dict[str, dict[str, dict[str, Any]]] = {}

    def put(table: str, row: dict[str, Any], **links: Any) -> None:
        found.setdefault(table, {})[row["id"]] = {**row, **links}
        for key, nested_table in _NESTED.get(table, ()):
            nested = row.get(key) or []
            for item in nested if isinstance(nested, list) else [nested]:
                # An organisation's identifiers name it only by nesting: the table names it.
                link = {"organization_id": row["id"]} if table == "organization" else {}
                put(nested_table, item, **link)

    for service in services:
        put("service", service)
    return found


def write_tabular(out: IO[bytes], *, language: str = "fi") -> int:
    """Write a zip of datapackage.json and a CSV per HSDS table; return the service count."""
    descriptor = datapackage()
    data = tables(full_services(language))
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False))
        for resource in descriptor["resources"]:
            columns = [f["name"] for f in resource["schema"]["fields"]]
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in data.get(resource["name"], {}).values():
                writer.writerow({key: csv_value(row.get(key)) for key in columns})
            archive.writestr(resource["path"], buffer.getvalue())
    return len(data.get("service", {}))


def csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)) or value is None:
        return ""
    return value
