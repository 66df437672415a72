"""Validate HSDS 3.0 objects against the official JSON Schemas shipped in `schema/3.0/`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema" / "3.0"
HSDS_VERSION = "3.0"


@cache
def registry() -> Registry[Any]:
    """Return a registry of every schema file, keyed by its bare file name as `$ref`s use it."""
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        if path.name in {"openapi.json", "datapackage.json"}:
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def validator(schema_file: str) -> Draft202012Validator:
    """Return a Draft 2020-12 validator, with format checking, for e.g. `service.json`."""
    contents = registry().contents(schema_file)
    return Draft202012Validator(contents, registry=registry(), format_checker=FormatChecker())


@cache
def page_validator() -> Draft202012Validator:
    """Return a validator of the `Page` wrapper from the OpenAPI components."""
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))
    page = dict(openapi["components"]["schemas"]["Page"])
    page["properties"] = {**page["properties"], "contents": {"type": "array"}}
    page["required"] = [*page["properties"]]
    return Draft202012Validator(page, format_checker=FormatChecker())


def schema_errors(obj: Any, schema_file: str) -> list[str]:
    """Return readable errors (`field.path: message`), empty when `obj` is valid."""
    errors = sorted(validator(schema_file).iter_errors(obj), key=lambda e: list(e.absolute_path))
    return [f"{error_path(error.absolute_path)}: {error.message}" for error in errors]


def error_path(path: Any) -> str:
    parts = [f"[{part}]" if isinstance(part, int) else f".{part}" for part in path]
    return "".join(parts).lstrip(".") or "(record)"


def datapackage() -> dict[str, Any]:
    """Return the official Tabular Data Package descriptor."""
    return dict(json.loads((SCHEMA_DIR / "datapackage.json").read_text(encoding="utf-8")))
