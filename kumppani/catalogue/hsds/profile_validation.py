"""Validate the objects of our HSDS profile extensions against `profile_schema/*.json`.

These schemas are ours; they `$ref` the official HSDS 3.0 schemas by bare file name, so they
are validated with the registry of `validation.py` plus our files.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .validation import error_path, registry

PROFILE_SCHEMA_DIR = Path(__file__).resolve().parent / "profile_schema"


@cache
def profile_registry() -> Registry[Any]:
    """Return the HSDS 3.0 registry with our schemas added under their file names."""
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text("utf-8")), DRAFT202012))
        for path in sorted(PROFILE_SCHEMA_DIR.glob("*.json"))
    ]
    return registry().with_resources(resources)


@cache
def profile_validator(schema_file: str) -> Draft202012Validator:
    """Return a Draft 2020-12 validator, with format checking, for e.g. `volunteer_task.json`."""
    contents = profile_registry().contents(schema_file)
    return Draft202012Validator(
        contents, registry=profile_registry(), format_checker=FormatChecker()
    )


def profile_schema_errors(obj: Any, schema_file: str) -> list[str]:
    """Return readable errors (`field.path: message`), empty when `obj` is valid."""
    validator = profile_validator(schema_file)
    errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path))
    return [f"{error_path(error.absolute_path)}: {error.message}" for error in errors]
