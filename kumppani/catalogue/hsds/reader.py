"""Read HSDS 3.0 files into a list of nested service objects.

Accepted: a JSON file holding an array of services, one service, a Page (`contents`) or an
organization with `services`; or a Tabular Data Package (a directory, or its
`datapackage.json`) whose CSV tables are joined into the same nested shape.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .validation import datapackage

Obj = dict[str, Any]


class HsdsFileError(Exception):
    """The file cannot be read as HSDS; the message names file, record and field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Record:
    """One service object and where it came from, for error messages."""

    source: str
    label: str
    data: Obj


def read(path: Path) -> list[Record]:
    if path.is_dir():
        return read_tabular(path)
    if not path.exists():
        raise HsdsFileError([f"{path}: no such file or directory."])
    if path.name == "datapackage.json":
        return read_tabular(path.parent)
    return read_json(path)


def read_json(path: Path) -> list[Record]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise HsdsFileError([f"{path}: the file is not UTF-8 text."]) from None
    except json.JSONDecodeError as error:
        raise HsdsFileError(
            [f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}."]
        ) from None
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        items: list[Any] = document["contents"]
    elif isinstance(document, list):
        items = document
    else:
        items = [document]
    records: list[Record] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise HsdsFileError([f"{path}: record {index}: expected an object."])
        if "services" in item and "status" not in item:  # an organization with its services
            organization = {key: value for key, value in item.items() if key != "services"}
            for sub, service in enumerate(item.get("services") or []):
                if not isinstance(service, dict):
                    raise HsdsFileError([f"{path}: record {index}.services[{sub}]: not an object."])
                nested = {**service, "organization": service.get("organization") or organization}
                nested.setdefault("organization_id", organization.get("id"))
                records.append(
                    Record(str(path), label(f"{index}.services[{sub}]", service), nested)
                )
        else:
            records.append(Record(str(path), label(str(index), item), item))
    return records


def label(index: str, item: Obj) -> str:
    return f"record {index} (id {item['id']})" if item.get("id") else f"record {index}"


# Tabular Data Package --------------------------------------------------------------------------


def read_tabular(directory: Path) -> list[Record]:
    descriptor_path = directory / "datapackage.json"
    descriptor = datapackage()
    if descriptor_path.exists():
        descriptor_path = followed_link(descriptor_path)
        try:
            descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise HsdsFileError(
                [f"{descriptor_path}: invalid JSON at line {error.lineno}: {error.msg}."]
            ) from None
    tables: dict[str, list[Obj]] = {}
    for resource in descriptor.get("resources", []):
        csv_path = directory / resource["path"]
        if csv_path.exists():
            tables[resource["name"]] = read_csv(csv_path, resource.get("schema", {}))
    if "service" not in tables:
        raise HsdsFileError([f"{directory}: no services.csv in the data package."])
    return assemble(tables, source=str(directory / "services.csv"))


def followed_link(path: Path) -> Path:
    """Follow a symbolic link checked out as a text file holding the relative target path.

    Upstream, examples/csv/datapackage.json is a symlink; copies made without symlink
    support hold just "../../datapackage.json".
    """
    content = path.read_text(encoding="utf-8", errors="replace").strip()
    if content.endswith(".json") and "\n" not in content and not content.startswith("{"):
        target = (path.parent / content).resolve()
        if target.is_file():
            return target
    return path


def read_csv(path: Path, schema: Obj) -> list[Obj]:
    types = {field["name"]: field.get("type") for field in schema.get("fields", [])}
    rows: list[Obj] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                rows.append(typed_row(path, line, row, types))
    except UnicodeDecodeError:
        raise HsdsFileError([f"{path}: the file is not UTF-8 text."]) from None
    return rows


def typed_row(path: Path, line: int, row: dict[str, str], types: dict[str, Any]) -> Obj:
    result: Obj = {}
    for key, value in row.items():
        if key is None or value is None or value == "":
            continue
        kind = types.get(key)
        if kind in {"number", "integer"}:
            try:
                number = float(value)
            except ValueError:
                raise HsdsFileError(
                    [f"{path}: line {line}: field {key}: {value!r} is not a number."]
                ) from None
            result[key] = int(number) if number.is_integer() else number
        else:
            result[key] = value
    return result


def assemble(tables: dict[str, list[Obj]], *, source: str) -> list[Record]:
    """Join the tables into nested service objects, as the JSON serialization has them."""

    def by(table: str, key: str) -> dict[str, list[Obj]]:
        grouped: dict[str, list[Obj]] = defaultdict(list)
        for row in tables.get(table, []):
            if row.get(key):
                grouped[row[key]].append(row)
        return grouped

    organizations = {row["id"]: row for row in tables.get("organization", []) if row.get("id")}
    locations = {row["id"]: row for row in tables.get("location", []) if row.get("id")}
    taxonomies = {row["id"]: row for row in tables.get("taxonomy", []) if row.get("id")}
    terms = {row["id"]: row for row in tables.get("taxonomy_term", []) if row.get("id")}
    identifiers = by("organization_identifier", "organization_id")
    addresses = by("address", "location_id")
    accessibility = by("accessibility", "location_id")
    areas = by("service_area", "service_id")
    languages = by("language", "service_id")
    sals = by("service_at_location", "service_id")
    schedules = by("schedule", "service_id")
    costs = by("cost_option", "service_id")
    attributes = by("attribute", "link_id")

    def term(term_id: str) -> Obj | None:
        row = terms.get(term_id)
        if row is None:
            return None
        detail = taxonomies.get(row.get("taxonomy_id", ""))
        return {**row, "taxonomy_detail": detail} if detail else dict(row)

    def location(location_id: str) -> Obj | None:
        row = locations.get(location_id)
        if row is None:
            return None
        return {
            **row,
            "addresses": addresses.get(location_id, []),
            "accessibility": accessibility.get(location_id, []),
        }

    records = []
    for index, row in enumerate(tables["service"]):
        service: Obj = dict(row)
        service_id = row.get("id", "")
        org = organizations.get(row.get("organization_id", ""))
        if org is not None:
            service["organization"] = {
                **org,
                "organization_identifiers": identifiers.get(org["id"], []),
            }
        service["service_areas"] = areas.get(service_id, [])
        service["languages"] = languages.get(service_id, [])
        service["schedules"] = schedules.get(service_id, [])
        service["cost_options"] = costs.get(service_id, [])
        service["service_at_locations"] = []
        for sal in sals.get(service_id, []):
            nested = dict(sal)
            place = location(sal.get("location_id", ""))
            if place is not None:
                nested["location"] = place
            service["service_at_locations"].append(nested)
        service["attributes"] = []
        for attr in attributes.get(service_id, []):
            nested = dict(attr)
            found = term(attr.get("taxonomy_term_id", ""))
            if found is not None:
                nested["taxonomy_term"] = found
            service["attributes"].append(nested)
        records.append(Record(source, f"line {index + 2} (id {service_id})", service))
    return records
