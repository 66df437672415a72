"""Read HSDS 3.0 files into a list of nested service objects, within the import limits.

Accepted: a JSON file holding an array of services, one service, a Page (`contents`) or an
organization with `services`; or a Tabular Data Package (a directory, its `datapackage.json`,
or a zip of it) whose CSV tables are joined into the same nested shape. A package's tables
must lie inside its folder; a file's contents are never quoted back at length.
"""

from __future__ import annotations

import csv
import json
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .errors import HsdsFileError, Problem, line_label, quoted, record_label
from .limits import Limits, check_size, depth_of, inside, limits, package_root, refuse, unpack_zip
from .validation import datapackage

Obj = dict[str, Any]


@dataclass
class Record:
    """One service object and where it came from, for error messages."""

    source: str
    label: str
    data: Obj


def read(path: Path, limit: Limits | None = None) -> list[Record]:
    limit = limit or limits()
    if path.is_dir():
        return read_tabular(path, limit, label=str(path))
    if not path.exists():
        raise refuse(str(path), _("no such file or directory."))
    if path.name == "datapackage.json":
        return read_tabular(path.parent, limit, label=str(path.parent))
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory(prefix="hsds-import-") as unpacked:
            unpack_zip(path, Path(unpacked), limit)
            return read_tabular(package_root(Path(unpacked)), limit, label=str(path))
    return read_json(path, limit)


def load_json(path: Path, limit: Limits, *, label: str, check_depth: bool = True) -> Any:
    """Parse a JSON file of at most the size limit, nested at most the depth limit (unless
    the caller checks each record's depth itself)."""
    check_size(path, limit.file_bytes, label=label)
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise refuse(label, _("the file is not UTF-8 text.")) from None
    except json.JSONDecodeError as error:
        raise refuse(
            label,
            _("invalid JSON at line %(line)s, column %(column)s: %(error)s.")
            % {"line": error.lineno, "column": error.colno, "error": error.msg},
        ) from None
    except RecursionError:
        document = None
        depth = limit.depth + 1
    else:
        depth = depth_of(document, limit.depth) if check_depth else 0
    if depth > limit.depth:
        raise refuse(
            label, _("the data nests deeper than %(limit)s levels.") % {"limit": limit.depth}
        )
    return document


def read_json(path: Path, limit: Limits) -> list[Record]:
    source = str(path)
    document = load_json(path, limit, label=source, check_depth=False)  # checked per record
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        items: list[Any] = document["contents"]
    elif isinstance(document, list):
        items = document
    else:
        items = [document]
    records: list[Record] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise refuse(source, _("expected an object."), record_label(str(index), item))
        for key, value in item.items():
            if depth_of(value, limit.depth - 1) >= limit.depth:
                raise refuse(
                    source,
                    _("the data nests deeper than %(limit)s levels.") % {"limit": limit.depth},
                    record_label(str(index), item),
                    str(key)[:60],
                )
        if "services" in item and "status" not in item:  # an organization with its services
            services = item["services"] or []
            if not isinstance(services, list):
                raise refuse(
                    source, _("expected a list."), record_label(str(index), item), "services"
                )
            organization = {key: value for key, value in item.items() if key != "services"}
            for sub, service in enumerate(services):
                where = record_label(f"{index}.services[{sub}]", service)
                if not isinstance(service, dict):
                    raise refuse(source, _("expected an object."), where)
                nested = {**service, "organization": service.get("organization") or organization}
                nested.setdefault("organization_id", organization.get("id"))
                records.append(Record(source, where, nested))
        else:
            records.append(Record(source, record_label(str(index), item), item))
        if len(records) > limit.records:
            raise refuse(
                source,
                _("more than %(limit)s services in one file.") % {"limit": limit.records},
            )
    return records


# Tabular Data Package --------------------------------------------------------------------------


def read_tabular(directory: Path, limit: Limits, *, label: str) -> list[Record]:
    """Read the package in `directory`; `label` names it in messages (the zip it came from)."""
    descriptor = descriptor_of(directory, limit, label)
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    descriptor_label = f"{label}/datapackage.json"
    if not isinstance(resources, list):
        raise refuse(descriptor_label, _("expected a list."), "", "resources")
    tables: dict[str, list[Obj]] = {}
    total = 0
    for index, resource in enumerate(resources):
        where = _("resource %(index)s") % {"index": index}
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise refuse(descriptor_label, _("expected an object with a name."), where)
        csv_path = inside(
            directory, resource.get("path"), file=descriptor_label, record=where, field="path"
        )
        if not csv_path.is_file():
            continue
        csv_label = f"{label}/{resource['path']}"
        check_size(csv_path, limit.file_bytes, label=csv_label)
        total += csv_path.stat().st_size
        if total > limit.package_bytes:
            raise refuse(label, _("the package's tables are too large together."))
        schema = resource.get("schema")
        tables[resource["name"]] = read_csv(
            csv_path, schema if isinstance(schema, dict) else {}, limit, label=csv_label
        )
    if "service" not in tables:
        raise refuse(label, _("no services.csv in the data package."))
    return assemble(tables, source=f"{label}/services.csv")


def descriptor_of(directory: Path, limit: Limits, label: str) -> Any:
    """The package's descriptor, or the official one when the package has none.

    Upstream, examples/csv/datapackage.json is a link to the official descriptor (copies made
    without link support hold just "../../datapackage.json"): such a link is not followed,
    the official descriptor shipped with the schemas stands in for it.
    """
    path = directory / "datapackage.json"
    if not path.exists() and not path.is_symlink():
        return datapackage()
    if path.is_symlink() or is_link_stand_in(path):
        return datapackage()
    return load_json(path, limit, label=f"{label}/datapackage.json")


def is_link_stand_in(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(256).strip()
    return head.endswith(b".json") and b"\n" not in head and not head.startswith(b"{")


def read_csv(path: Path, schema: Obj, limit: Limits, *, label: str) -> list[Obj]:
    fields = schema.get("fields")
    fields = fields if isinstance(fields, list) else []
    types = {f["name"]: f.get("type") for f in fields if isinstance(f, dict) and "name" in f}
    rows: list[Obj] = []
    seen: set[str] = set()
    problems: list[Problem] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                if len(rows) >= limit.records:
                    raise refuse(label, _("more than %(limit)s rows.") % {"limit": limit.records})
                typed = typed_row(label, line, row, types, problems)
                record_id = typed.get("id")
                if record_id is not None:
                    if record_id in seen:
                        problems.append(
                            Problem(
                                label,
                                line_label(line, record_id),
                                "id",
                                _("the id appears twice in the table."),
                            )
                        )
                    seen.add(record_id)
                rows.append(typed)
    except UnicodeDecodeError:
        raise refuse(label, _("the file is not UTF-8 text.")) from None
    except csv.Error as error:
        raise refuse(label, _("the table cannot be read: %(error)s.") % {"error": error}) from None
    if problems:
        raise HsdsFileError(problems)
    return rows


def typed_row(
    label: str, line: int, row: dict[str, Any], types: dict[str, Any], problems: list[Problem]
) -> Obj:
    result: Obj = {}
    for key, value in row.items():
        if key is None or not isinstance(value, str) or value == "":
            continue  # cells past the header, or missing at the end of a short row
        if types.get(key) in {"number", "integer"}:
            try:
                number = float(value)
            except ValueError:
                problems.append(
                    Problem(
                        label,
                        line_label(line, row.get("id")),
                        key,
                        _("%(value)s is not a number.") % {"value": quoted(value)},
                    )
                )
                continue
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
        service["service_at_locations"] = _with_named(
            sals.get(service_id, []), "location", location
        )
        service["attributes"] = _with_named(attributes.get(service_id, []), "taxonomy_term", term)
        records.append(Record(source, line_label(index + 2, service_id), service))
    return records


def _with_named(rows: list[Obj], key: str, find: Callable[[str], Obj | None]) -> list[Obj]:
    """Each row with the object its `<key>_id` names, when there is one, nested as `key`."""
    joined = []
    for row in rows:
        nested = dict(row)
        found = find(row.get(f"{key}_id", ""))
        if found is not None:
            nested[key] = found
        joined.append(nested)
    return joined


__all__ = ["HsdsFileError", "Obj", "Problem", "Record", "read"]
