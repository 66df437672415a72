"""The HSDS API's /services takes the search's time filters."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

import pytest
from django.test import Client
from django.utils import timezone, translation

from kumppani.catalogue.models import Schedule, Service
from kumppani.catalogue.occurrences import occurrences_refresh
from kumppani.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_services_happening_today_or_on_a_weekday(client: Client) -> None:
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    for name, day in (("Tänään", today), ("Huomenna", tomorrow), ("Ei aikaa", None)):
        service = cast(Service, ServiceFactory(name=name, name_fi=name))
        if day is not None:
            starts = datetime.combine(
                day, datetime.min.time(), tzinfo=timezone.get_current_timezone()
            )
            Schedule.objects.create(
                service=service, starts_at=starts.replace(hour=12), skip_public_holidays=False
            )
            occurrences_refresh([service.pk])

    def names(query: str) -> set[str]:
        response = client.get(f"/api/hsds/services?{query}")
        assert response.status_code == 200, response.content
        return {item["name"] for item in response.json()["contents"]}

    assert names("when=today") == {"Tänään"}
    assert names(f"date_from={tomorrow}&date_to={tomorrow}") == {"Huomenna"}
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[tomorrow.weekday()]
    assert names(f"weekday={weekday}") == {"Huomenna"}
    assert names("") == {"Tänään", "Huomenna", "Ei aikaa"}


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("when=soon", "'when'"),
        ("date_from=2030-05-02&date_to=2030-05-01", "'date_to'"),
        ("weekday=holiday", "'weekday'"),
    ],
)
def test_a_bad_time_filter_is_a_400(client: Client, query: str, name: str) -> None:
    with translation.override("en"):
        response = client.get(f"/api/hsds/services?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(name)
