"""The search's time filters: today, this week, a date range and weekdays (page and API)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kumppani.catalogue.models import Schedule, Service
from kumppani.catalogue.occurrences import occurrences_refresh
from kumppani.catalogue.search.forms import SearchForm, chosen_filters
from kumppani.catalogue.search.query import SearchFilters, search_services
from kumppani.catalogue.tests.test_occurrences import tuesday_holiday

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kumppani.catalogue.search.tests.urls")]

HELSINKI = ZoneInfo("Europe/Helsinki")
MakeService = Callable[..., Service]


def at(day: date, rrule: str = "") -> dict[str, Any]:
    return {
        "starts_at": datetime.combine(day, datetime.min.time(), tzinfo=HELSINKI).replace(hour=12),
        "rrule": rrule,
        "skip_public_holidays": False,
    }


@pytest.fixture
def week(make_service: MakeService) -> dict[str, date]:
    """Kerho services at known times, relative to today; one has no time at all."""
    today = timezone.localdate()
    sunday = today + timedelta(days=6 - today.weekday())
    times = {
        "Kerho tänään": at(today),
        "Kerho sunnuntaina": at(sunday),
        "Kerho ensi keskiviikkona": at(sunday + timedelta(days=3)),
        "Kerho sunnuntaisin": at(sunday + timedelta(days=7), "FREQ=WEEKLY;BYDAY=SU"),
    }
    for name, schedule in times.items():
        service = make_service(name_fi=name, is_online=name == "Kerho tänään")
        Schedule.objects.create(service=service, **schedule)
        occurrences_refresh([service.pk])
    make_service(name_fi="Kerho joskus")
    return {"today": today, "sunday": sunday}


def api_names(client: Client, **params: Any) -> set[str]:
    response = client.get("/api/v1/services", {"q": "kerho", **params})
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["items"]}


def test_today_and_this_week(client: Client, week: dict[str, date]) -> None:
    is_sunday = week["today"] == week["sunday"]
    assert api_names(client, when="today") == {"Kerho tänään"} | (
        {"Kerho sunnuntaina"} if is_sunday else set()
    )
    assert api_names(client, when="this_week") == {"Kerho tänään", "Kerho sunnuntaina"}
    assert len(api_names(client)) == 5  # no time filter: the one without a time too


def test_a_date_range_and_weekdays(client: Client, week: dict[str, date]) -> None:
    wednesday = week["sunday"] + timedelta(days=3)
    assert api_names(client, date_from=wednesday.isoformat(), date_to=wednesday.isoformat()) == {
        "Kerho ensi keskiviikkona"
    }
    assert api_names(
        client, when="dates", date_from=wednesday.isoformat(), date_to=(wednesday + timedelta(4))
    ) == {"Kerho ensi keskiviikkona", "Kerho sunnuntaisin"}
    sundays = {"Kerho sunnuntaina", "Kerho sunnuntaisin"}
    if week["today"] == week["sunday"]:
        sundays.add("Kerho tänään")
    assert api_names(client, weekday="SUN") == sundays
    both = sundays | {"Kerho ensi keskiviikkona"}
    if week["today"].weekday() == 2:
        both.add("Kerho tänään")
    assert api_names(client, weekday=["sun", "wed"]) == both
    # The weekdays within the dates: the Wednesday one is not on a Sunday.
    assert (
        api_names(
            client, date_from=wednesday.isoformat(), date_to=wednesday.isoformat(), weekday="sun"
        )
        == set()
    )


def test_the_ranked_and_unranked_searches_filter_alike(week: dict[str, date]) -> None:
    next_sunday = week["sunday"] + timedelta(days=7)
    filters = SearchFilters(date_from=next_sunday, date_to=next_sunday)
    for q in ("kerho", ""):
        result = search_services(q=q, filters=filters, language="fi", with_facets=True)
        assert [s.name_fi for s in result.items] == ["Kerho sunnuntaisin"]
        assert result.total == 1
        # The other facets count over the time filter too (only today's is online).
        assert {f["value"]: f["count"] for f in result.facets["online"]} == {"true": 0}
    everything = search_services(q="kerho", filters=SearchFilters(), language="fi")
    assert {f["value"]: f["count"] for f in everything.facets["online"]} == {"true": 1}


def test_the_search_with_a_time_filter_takes_a_constant_number_of_queries(
    client: Client, make_service: MakeService
) -> None:
    today = timezone.localdate()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/services", {"q": "kerho", "when": "this_week"})
        assert response.status_code == 200
        return len(queries)

    def add(n: int) -> None:
        for i in range(n):
            service = make_service(name_fi=f"Kerho {i}")
            Schedule.objects.create(service=service, **at(today, "FREQ=DAILY"))
            occurrences_refresh([service.pk])

    add(1)
    count()  # the per-process caches (reference data) filled
    add(1)
    few = count()
    add(6)
    assert count() == few


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"when": "tomorrow"}, "when"),
        ({"date_from": "31.2.2027"}, "date_from"),
        ({"date_to": "next friday"}, "date_to"),
        ({"weekday": "funday"}, "weekday"),
        ({"date_from": "2030-05-02", "date_to": "2030-05-01"}, "date_to"),
        ({"date_from": "2030-01-01", "date_to": "2031-06-01"}, "date_to"),
        ({"when": "dates"}, "date_from"),
    ],
)
def test_an_invalid_time_filter_is_a_400_naming_it(
    client: Client, params: dict[str, str], field: str
) -> None:
    with translation.override("en"):
        response = client.get("/api/v1/services", params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert response.json()["detail"]


def test_the_form_explains_a_bad_range() -> None:
    with translation.override("en"):
        backwards = SearchForm({"date_from": "2.5.2030", "date_to": "1.5.2030"})
        too_long = SearchForm({"when": "dates", "date_from": "2030-01-01", "date_to": "2031-1-3"})
        no_dates = SearchForm({"when": "dates"})
        assert backwards.errors == {"date_to": ["The last date cannot be before the first date."]}
        assert too_long.errors == {"date_to": ["Choose dates at most one year apart."]}
        assert no_dates.errors == {"date_from": ["Choose the first date, the last date or both."]}
    # A year is fine; dates left behind from "choose dates" do not matter for "today".
    soon = timezone.localdate() + timedelta(days=10)
    a_year_on = soon + timedelta(days=365)
    assert SearchForm({"date_from": soon.isoformat(), "date_to": a_year_on.isoformat()}).is_valid()
    # Times are kept for the days ahead (CATALOGUE_OCCURRENCE_DAYS): a first date past them
    # would silently match nothing, so it is refused in words.
    with translation.override("en"):
        too_far = SearchForm({"date_from": "2030-01-01", "date_to": "2030-01-31"})
        assert list(too_far.errors) == ["date_from"]
        assert "times are known until" in too_far.errors["date_from"][0]
    today = SearchForm({"when": "today", "date_from": "2.5.2030", "date_to": "1.5.2030"})
    assert today.is_valid()
    assert today.filters().date_from == today.filters().date_to == timezone.localdate()


def test_the_time_filters_count_as_two_chosen_filters_at_most() -> None:
    data = QueryDict("when=dates&date_from=2030-01-01&date_to=2030-01-31&weekday=mo&weekday=tu")
    assert chosen_filters(SearchForm(data)) == 2
    assert chosen_filters(SearchForm(QueryDict("when=today&municipality=743"))) == 2
    assert chosen_filters(SearchForm(QueryDict("when="))) == 0


def test_the_page_has_a_when_fieldset_and_works_without_javascript(
    client: Client, week: dict[str, date]
) -> None:
    response = client.get("/en/search-page/", {"q": "kerho", "when": "today"})
    html = response.content.decode()
    assert response.status_code == 200
    filters = html[html.index('<details class="search-filters"') :]
    assert filters.index("<legend>Where</legend>") < filters.index("<legend>When</legend>")
    assert 'type="radio" name="when" value="today"' in filters
    assert 'type="date" name="date_from"' in filters
    assert 'type="checkbox" name="weekday" value="sun"' in filters
    assert "Kerho tänään" in html
    assert "Kerho ensi keskiviikkona" not in html
    assert "(1 chosen)" in html
    bad = client.get("/en/search-page/", {"date_from": "2030-05-02", "date_to": "2030-05-01"})
    assert "The last date cannot be before the first date." in bad.content.decode()


def test_a_public_holiday_left_out_by_the_schedule_is_not_found(make_service: MakeService) -> None:
    holiday = tuesday_holiday()
    service = make_service(name_fi="Tiistaikerho")
    Schedule.objects.create(
        service=service,
        starts_at=datetime.combine(holiday - timedelta(days=14), datetime.min.time(), HELSINKI),
        rrule="FREQ=WEEKLY;BYDAY=TU",
        skip_public_holidays=True,
    )
    occurrences_refresh([service.pk], today=holiday - timedelta(days=20))

    def names(first: date, last: date) -> list[str]:
        filters = SearchFilters(date_from=first, date_to=last, weekdays=(1,))
        found = search_services(q="tiistaikerho", filters=filters, language="fi")
        return [s.name_fi for s in found.items]

    assert names(holiday, holiday) == []
    assert names(holiday - timedelta(days=7), holiday) == ["Tiistaikerho"]
    assert names(holiday, holiday + timedelta(days=7)) == ["Tiistaikerho"]
