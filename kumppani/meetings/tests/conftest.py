"""Meetings test set-up: a one-off meeting of Etelä-Pohjanmaa (16) a week ahead."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.meetings.models import Meeting, Mode
from kumppani.meetings.services.meetings import meeting_create
from kumppani.testing.factories import county

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


def link(token: str) -> str:
    return f"https://kumppani.example.fi/confirm/{token}/"


@pytest.fixture
def meeting(db: None) -> Meeting:
    return make_meeting()
