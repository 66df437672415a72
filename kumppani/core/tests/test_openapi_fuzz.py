"""Both APIs against their own OpenAPI documents.

For every operation of /api/v1/ and /api/hsds/, schemathesis generates requests from the
document (valid values and invalid ones) and sends them to the WSGI application; each answer
is checked: never a 5xx, a status code the document lists, the content type and body schema
it declares. Bounded: a few examples per operation and
mode with a fixed seed (`derandomize`), a few hundred requests and well under a minute in all.

The operations are read from the NinjaAPI objects at collection time, so each one is a test
of its own; the requests go through the whole middleware stack like a client's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from ninja import NinjaAPI
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from kumppani.api import api as v1_api
from kumppani.catalogue.hsds.api import hsds_api
from kumppani.catalogue.hsds.tests.helpers import make_service
from kumppani.catalogue.tests.factories import VolunteerTaskFactory
from kumppani.organisations.models import Organisation

EXAMPLES = 10  # per operation and generation mode
# What a response must keep to is checked (no 5xx, status codes, content types, bodies);
# whether the document's parameter types are as strict or as lax as the code is not: free
# text parameters accept what the schema calls invalid, and some string values the schema
# allows (an unknown `lang`) are refused with a documented 400.
NOT_CHECKED: list[Any] = [positive_data_acceptance, negative_data_rejection]
DOCUMENTS = {"v1": "/api/v1/openapi.json", "hsds": "/api/hsds/openapi.json"}


POSITIVE = schemathesis.GenerationMode.POSITIVE
NEGATIVE = schemathesis.GenerationMode.NEGATIVE
_CONSTRAINTS = {"format", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"}


def _can_be_invalid(operation: dict[str, Any]) -> bool:
    """Whether a parameter has a type or constraint a request can break (plain text cannot)."""
    schemas = [parameter.get("schema", {}) for parameter in operation.get("parameters", [])]
    return any(
        schema.get("type", "string") != "string" or _CONSTRAINTS & set(schema) for schema in schemas
    )


def _operations(name: str, api: NinjaAPI) -> list[Any]:
    document = api.get_openapi_schema()
    return [
        pytest.param(name, f"{method.upper()} {path}", mode, id=f"{mode.value}-{method} {path}")
        for path, item in document["paths"].items()
        for method, operation in item.items()
        for mode in (POSITIVE, NEGATIVE)
        if mode is POSITIVE or _can_be_invalid(operation)
    ]


OPERATIONS = _operations("v1", v1_api) + _operations("hsds", hsds_api)


@pytest.fixture
def catalogue(org_x: Organisation, org_y: Organisation) -> None:
    """A little of everything, so that lists have rows to page through and serialise."""
    make_service(org_x)
    make_service(org_y, name_fi="Ulkoiluryhmä")
    VolunteerTaskFactory(organisation=org_x)


@pytest.fixture
def load_schema(catalogue: None, settings: Any) -> Iterator[Any]:
    # schemathesis's WSGI client sends Host: localhost.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    app = WSGIHandler()
    # As Django's test client does: the test's transaction must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield lambda name: schemathesis.openapi.from_wsgi(DOCUMENTS[name], app)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_is_fuzzed() -> None:
    labels = {param.values[1] for param in OPERATIONS}
    assert len(labels) >= 20
    assert {param.values[0] for param in OPERATIONS} == set(DOCUMENTS)


@pytest.mark.parametrize(("document", "label", "mode"), OPERATIONS)
def test_the_operation_keeps_to_its_openapi_document(
    load_schema: Any, document: str, label: str, mode: schemathesis.GenerationMode
) -> None:
    operation = load_schema(document).find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=NOT_CHECKED)

    call()
