"""The search page: works without JavaScript, htmx fragment, friendly errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from kumppani.catalogue.models import Service
from kumppani.catalogue.tests.factories import stale

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kumppani.catalogue.search.tests.urls")]

URL = "/fi/search-page/"
MakeService = Callable[..., Service]


def test_the_page_shows_matching_services_with_their_details(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Velkaneuvonta", municipalities=["743"], is_free=True)
    old = make_service(name_sv="Skuldrådgivning", name_fi="", languages=("sv",))
    stale(old)
    response = client.get(URL, {"q": "velkaneuvonta"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html
    assert "Velkaneuvonta" in html
    assert "Seinäjoki" in html
    assert 'lang="sv"' in html  # the Swedish name is marked as a fallback
    assert 'role="status"' in html


def test_typing_updates_only_the_results_fragment(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Perhekahvila")
    response = client.get(URL, {"q": "perhekahvila"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Perhekahvila" in html
    assert "<h1>" not in html
    assert 'hx-push-url="true"' in client.get(URL).content.decode()


def test_an_invalid_filter_gives_a_friendly_message_and_status_400(
    client: Client, db: None
) -> None:
    response = client.get("/en/search-page/", {"municipality": "999", "page": "abc"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no municipality with the code 999" in html
    assert "The page number must be a whole number." in html


def test_municipalities_are_grouped_by_county_with_counts(
    client: Client, make_service: MakeService
) -> None:
    make_service(name_fi="Kuoro", municipalities=["743"])
    html = client.get(URL).content.decode()
    assert "<optgroup" in html
    assert "Seinäjoki (1)" in html


def test_the_page_takes_a_bounded_number_of_queries(
    client: Client, make_service: MakeService, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for i in range(12):
        make_service(name_fi=f"Kerho {i}", municipalities=["743", "905"])
    with django_assert_max_num_queries(30):
        response = client.get(URL, {"q": "kerho", "online": "true"})
    assert response.status_code == 200
