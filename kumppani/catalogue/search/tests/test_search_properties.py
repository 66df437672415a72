"""No input makes the search answer 500: only 200 or 400."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kumppani.catalogue.models import Service

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kumppani.catalogue.search.tests.urls")]

PARAMS = (
    "q",
    "municipality",
    "county",
    "online",
    "activity_type",
    "theme",
    "target_group",
    "language",
    "cost",
    "how_to_join",
    "accessibility",
    "page",
    "per_page",
    "facets",
    "lang",
    "search",
)

text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="äöåÄÖÅ-'\"*:&|!()<>\\%_ ", max_size=30),
    st.sampled_from(
        [
            "743",
            "16",
            "true",
            "free",
            "drop_in",
            "induction_loop",
            "fi",
            "0",
            "-1",
            "9" * 40,
            "' OR 1=1 --",
            "a:*",
            "NEAR(a b)",
            "\x00",
            "vertais* OR",
            "ruotsinkielinen",
            "på svenska",
            "x" * 600,
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
query = st.lists(st.tuples(st.sampled_from(PARAMS), text), max_size=6)


def _get(client: Client, url: str, pairs: list[tuple[str, str]]) -> int:
    data: dict[str, Any] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return client.get(url, data).status_code


@pytest.fixture
def some_services(make_service: Any) -> list[Service]:
    return [
        make_service(name_fi="Omaishoitajien vertaistukiryhmä", municipalities=["743"]),
        make_service(
            name_sv="Kamratstöd för närståendevårdare",
            name_fi="",
            languages=("sv",),
            municipalities=["905"],
            is_online=True,
        ),
    ]


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=query)
def test_any_search_input_is_answered_with_200_or_400(
    client: Client, some_services: list[Service], pairs: list[tuple[str, str]]
) -> None:
    urls = [
        "/api/v1/services",
        "/api/v1/facets",
        "/fi/search-page/",
        "/api/hsds/services",
        "/api/v1/volunteer-tasks",
    ]
    for url in urls:
        status = _get(client, url, pairs)
        assert status in (200, 400), (url, pairs, status)
