"""Meetings test set-up: a one-off meeting of Etelä-Pohjanmaa (16) a week ahead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.meetings.models import Meeting, Mode, Series, SeriesKind
from kumppani.meetings.services.meetings import meeting_create
from kumppani.meetings.services.series import series_create
from kumppani.testing.factories import county, municipality

SYSTEM = Actor.system("tests")


def make_meeting(*, county_code: str = "16", **fields: Any) -> Meeting:
    starts_at = timezone.now() + timedelta(days=7)
    values: dict[str, Any] = {
        "title_fi": "Järjestöfoorumi",
        "title_sv": "Organisationsforum",
        "mode": Mode.IN_PERSON,
        "place": "Seinäjoen kaupungintalo",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "languages": ["fi", "sv"],
        "capacity": 2,
        **fields,
    }
    return meeting_create(actor=SYSTEM, county=county(county_code), **values)


def make_series(**fields: Any) -> Series:
    """A series of Etelä-Pohjanmaa (16): by default Seinäjoki's municipal partnership table."""
    values: dict[str, Any] = {
        "organiser_municipality": municipality("743"),
        "kind": SeriesKind.MUNICIPAL_TABLE,
        "title_fi": "Seinäjoen kumppanuuspöytä",
        **fields,
    }
    return series_create(actor=SYSTEM, county=county("16"), **values)


def link(token: str) -> str:
    return f"https://kumppani.example.fi/confirm/{token}/"


@pytest.fixture
def meeting(db: None) -> Meeting:
    return make_meeting()


def assert_queries_stay_flat(
    client: Client, url: str, add: Callable[[int], object], shown: Callable[[int], str]
) -> Any:
    """The page makes as many queries with five rows as with one: ``add(n)`` makes the n-th
    row, and the page shows ``shown(n)`` of it. Returns the page with one row."""
    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        first = client.get(url)
    assert shown(1) in first.content.decode()
    for number in range(2, 6):
        add(number)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert shown(5) in response.content.decode()
    assert len(five.captured_queries) == len(one.captured_queries)
    return first
