"""Hostile parameters: huge page numbers, page sizes past the cap, NUL and other control
characters are refused with 400 (or, on a list page, answered with its last page), never a
500, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.test import Client

from kumppani.accounts.models import User
from kumppani.core.parameters import (
    MAX_PAGE_NUMBER,
    MAX_PAGE_SIZE,
    has_invalid_characters,
    page_number,
)
from kumppani.organisations.models import Organisation
from kumppani.testing.factories import OrganisationFactory

HUGE = "99999999999999999999"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/organisations?page={HUGE}",
        "/api/v1/organisations?page=0",
        f"/api/v1/organisations?page_size={MAX_PAGE_SIZE + 1}",
        f"/api/v1/organisations?page_size={HUGE}",
        "/api/v1/organisations?page_size=0",
        f"/api/hsds/services?page={HUGE}",
        f"/api/hsds/organizations?per_page={MAX_PAGE_SIZE + 1}",
        f"/api/hsds/volunteer_tasks?page={HUGE}",
        f"/api/v1/services?page={HUGE}",
        f"/api/v1/services?per_page={MAX_PAGE_SIZE + 1}",
        f"/api/v1/volunteer-tasks?page={HUGE}",
        f"/api/v1/taxonomy-terms?page={HUGE}",
        f"/api/v1/taxonomy-terms?per_page={HUGE}",
    ],
)
def test_a_page_or_page_size_out_of_range_is_a_400_naming_it(client: Client, url: str) -> None:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert "page" in body["detail"].lower()


@pytest.mark.django_db
def test_an_organisation_page_holds_at_most_the_page_size_cap(client: Client) -> None:
    OrganisationFactory.create_batch(MAX_PAGE_SIZE + 5)
    body = client.get(f"/api/v1/organisations?page_size={MAX_PAGE_SIZE}").json()
    assert body["count"] == MAX_PAGE_SIZE + 5
    assert len(body["items"]) == MAX_PAGE_SIZE
    second = client.get(f"/api/v1/organisations?page=2&page_size={MAX_PAGE_SIZE}").json()
    assert len(second["items"]) == 5


def test_the_api_message_names_the_limit(client: Client, db: None) -> None:
    response = client.get("/api/v1/organisations?page_size=500", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"] == {"page_size": ["'page_size' must be at most 100."]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [f"/fi/organisations/?page={HUGE}", f"/fi/services/tasks/?page={HUGE}"]
)
def test_a_list_page_past_the_end_shows_the_last_page(
    client: Client, org_x: Organisation, url: str
) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/organizations?search=%00",
        "/api/hsds/service_at_locations?postcode=%00",
        "/api/hsds/services?search=a%01b",
        "/api/hsds/services/%00",
        "/api/v1/services?q=%00",
        "/api/v1/organisations?q=x%00y",
        "/api/v1/organisations?%00=1",
        "/api/v1/taxonomy-terms?taxonomy=%1f",
        "/api/v1/organisations?lang=%00",
    ],
)
def test_a_control_character_in_an_api_parameter_is_a_400_in_json(client: Client, url: str) -> None:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "NUL" in response.json()["detail"]


@pytest.mark.django_db
def test_a_nul_in_an_audit_filter_is_a_400_page_in_the_readers_language(
    client: Client, alice: User
) -> None:
    client.force_login(alice)
    response = client.get("/sv/audit/?action=%00")
    html = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="sv">' in html
    assert html.count("<h1>") == 1
    assert "NUL" in html or "NUL" in response.content.decode("utf-8")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/fi/organisations/?q=%00",
        "/fi/services/tasks/?q=%00",
        "/fi/services/?q=kahvi%00",
        "/fi/organisations/%00/",
    ],
)
def test_a_control_character_in_a_page_address_is_a_400_page(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_a_control_character_in_a_form_field_is_a_400(client: Client) -> None:
    response = client.post("/fi/sign-in/", {"username": "a\x00@example.fi", "password": "x"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_tabs_and_line_breaks_are_ordinary_text(client: Client) -> None:
    assert client.get("/api/hsds/organizations?search=a%09b%0d%0ac").status_code == 200
    assert client.get("/fi/organisations/?q=a%09b").status_code == 200


@pytest.mark.parametrize(
    ("text", "invalid"),
    [
        ("Seinäjoki", False),
        ("rivi\r\nrivi\tsarake", False),
        ("a\x00b", True),
        ("\x1b[31m", True),
        ("\x7f", False),
        ("\ud800", True),
        ("\udfff yksin", True),
        ("😀", False),
    ],
)
def test_which_characters_are_refused(text: str, invalid: bool) -> None:
    assert has_invalid_characters(text) is invalid


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (None, 1),
        ("", 1),
        ("3", 3),
        ("x", 1),
        ("-1", 1),
        ("1e9", 1),
        ("999999", 999999),
        (HUGE, MAX_PAGE_NUMBER),
    ],
)
def test_a_page_number_is_parsed_without_trusting_its_size(raw: object, number: int) -> None:
    assert page_number(raw) == number


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/hsds/?x=%00", "/api/hsds/profile?x=%00"])
def test_even_an_operation_without_parameters_refuses_a_control_character(
    client: Client, url: str
) -> None:
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("document", ["/api/v1/openapi.json", "/api/hsds/openapi.json"])
def test_every_operation_documents_the_400_every_request_can_get(
    client: Client, document: str
) -> None:
    paths = client.get(document).json()["paths"]
    for path, item in paths.items():
        for method, operation in item.items():
            assert "400" in operation["responses"], f"{method} {path}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "persona"),
    [
        (f"/fi/services/manage/?page={HUGE}", "bob"),
        (f"/fi/services/tasks/manage/?page={HUGE}", "bob"),
        (f"/fi/audit/?page={HUGE}", "alice"),
        (f"/fi/services/stale/?page={HUGE}", "alice"),
    ],
)
def test_a_signed_in_list_past_the_end_shows_the_last_page(
    client: Client, request: pytest.FixtureRequest, url: str, persona: str
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_session_cookie_holding_nul_is_ignored(client: Client) -> None:
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/fi/organisations/").status_code == 200
