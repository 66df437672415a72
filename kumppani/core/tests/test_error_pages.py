"""Error pages in the site's layout and the reader's language; JSON only under /api/."""

from __future__ import annotations

import datetime
import enum
import json
from typing import Any, Literal
from unittest import mock

import pydantic
import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from kumppani import urls
from kumppani.accounts.models import User
from kumppani.core import api, views

EXAMPLE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


# --- pages ------------------------------------------------------------------------------------


def test_the_site_names_its_own_error_handlers() -> None:
    assert urls.handler404 == "kumppani.core.views.page_not_found"
    assert urls.handler500 == "kumppani.core.views.server_error"
    assert urls.handler403 == "kumppani.core.views.permission_denied"
    assert urls.handler400 == "kumppani.core.views.bad_request"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unknown_page_is_a_404_in_the_layout_and_the_language_of_the_address(
    client: Client, language: str
) -> None:
    response = client.get(f"/{language}/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html
    assert '<main id="main"' in html and html.count("<h1>") == 1
    assert 'class="skip-link"' in html
    assert "text/html" in response["Content-Type"]


@pytest.mark.django_db
def test_an_unknown_page_outside_the_languages_speaks_the_browsers_language(
    client: Client,
) -> None:
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 404
    assert '<html lang="sv">' in response.content.decode()


@pytest.mark.django_db
def test_the_404_page_says_what_happened_in_english(client: Client) -> None:
    html = client.get("/en/no-such-page/").content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/en/"' in html


@pytest.mark.django_db
def test_a_page_the_user_may_not_see_is_a_403_in_the_layout(client: Client, dave: User) -> None:
    client.force_login(dave)
    response = client.get("/en/organisations/invite/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>No access to this page</h1>" in html and '<html lang="en">' in html


class _Unavailable:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError("the 500 page must not touch the user")


def test_the_500_page_needs_neither_the_database_nor_the_user() -> None:
    """No django_db mark: a query would fail the test."""
    request = RequestFactory().get("/sv/organisations/", headers={"accept-language": "fi"})
    request.user = SimpleLazyObject(_Unavailable)  # type: ignore[assignment]
    request.session = _Unavailable()  # type: ignore[assignment]

    response = views.server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="sv">' in html, "the language of the address"
    assert '<main id="main"' in html and html.count("<h1>") == 1
    assert 'href="/sv/"' in html


def test_the_500_page_in_english() -> None:
    response = views.server_error(RequestFactory().get("/en/services/"))
    assert "<h1>Something went wrong</h1>" in response.content.decode()


def test_when_even_the_500_template_fails_a_plain_page_answers() -> None:
    with mock.patch.object(views.loader, "render_to_string", side_effect=RuntimeError("boom")):
        response = views.server_error(RequestFactory().get("/fi/"))
    assert response.status_code == 500
    assert "Virhe – Fel – Error" in response.content.decode()


# --- the API answers JSON only ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "docs"),
    [
        ("/api/v1/no-such-operation", "/api/v1/docs"),
        ("/api/v1/organisations/x/y/z", "/api/v1/docs"),
        ("/api/hsds/no_such_table", "/api/hsds/docs"),
        ("/api/", "/api/v1/docs"),
    ],
)
def test_an_unknown_api_address_is_a_json_404_naming_the_documentation(
    client: Client, path: str, docs: str
) -> None:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": f"There is nothing at this address. The operations are listed at {docs}."
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations/not-an-id",
        "/api/v1/services/not-an-id",
        "/api/v1/volunteer-tasks/12345",
    ],
)
def test_a_malformed_id_is_a_json_400_in_words(client: Client, path: str) -> None:
    response = client.get(path, {"lang": "en"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    message = f"'public_id' must be an id such as {EXAMPLE_ID}."
    assert body == {"detail": message, "errors": {"public_id": [message]}}


@pytest.mark.django_db
def test_a_malformed_hsds_id_is_a_json_400_in_words(client: Client) -> None:
    response = client.get("/api/hsds/services/not-an-id", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "detail": f"'id' must be an id such as {EXAMPLE_ID}, not 'not-an-id'."
    }


@pytest.mark.django_db
def test_an_unknown_id_is_a_json_404(client: Client) -> None:
    response = client.get(f"/api/v1/services/{EXAMPLE_ID}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nothing was found with this id."}
    response = client.get(f"/api/v1/organisations/{EXAMPLE_ID}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"detail": "No organisation has this id."}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/services",
        f"/api/v1/services/{EXAMPLE_ID}",
        "/api/v1/taxonomies",
        "/api/v1/volunteer-tasks",
        "/api/hsds/services",
    ],
)
def test_an_unknown_lang_is_a_json_400(client: Client, path: str) -> None:
    response = client.get(path, {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["detail"] == "'lang' must be one of fi, sv, en, not 'de'."


@pytest.mark.django_db
def test_validation_messages_follow_lang_and_accept_language(client: Client) -> None:
    """The page-number message has Swedish and Finnish translations already."""
    english = client.get("/api/v1/services", {"page": "x"}, HTTP_ACCEPT_LANGUAGE="en").json()
    swedish = client.get("/api/v1/services", {"page": "x", "lang": "sv"}).json()
    by_header = client.get("/api/v1/services", {"page": "x"}, HTTP_ACCEPT_LANGUAGE="sv").json()
    finnish = client.get("/api/v1/services", {"page": "x"}).json()
    assert english["errors"]["page"] == ["The page number must be a whole number."]
    assert swedish["errors"]["page"] == by_header["errors"]["page"] != english["errors"]["page"]
    assert finnish["errors"]["page"] not in (english["errors"]["page"], swedish["errors"]["page"])


@pytest.mark.django_db
def test_a_wrong_method_is_a_json_405_that_says_what_is_allowed(client: Client) -> None:
    response = client.post("/api/v1/services", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 405
    assert response.json() == {"detail": "This address does not answer this method."}
    assert response["Allow"] == "GET"


def test_a_server_error_under_the_api_is_json() -> None:
    response = views.server_error(RequestFactory().get("/api/v1/services"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in json.loads(response.content)


@pytest.mark.django_db
def test_error_responses_are_in_the_openapi_documents(client: Client) -> None:
    v1 = client.get(reverse("api-v1:openapi-json")).json()
    detail = v1["paths"]["/api/v1/organisations/{public_id}"]["get"]["responses"]
    assert {"400", "404"} <= set(detail)
    schema = detail["404"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["detail"] and "errors" in schema["properties"]
    assert {"400", "404"} <= set(v1["paths"]["/api/v1/services/{public_id}"]["get"]["responses"])
    hsds = client.get(reverse("api-hsds:openapi-json")).json()
    assert "400" in hsds["paths"]["/api/hsds/services"]["get"]["responses"]
    assert {"400", "404"} <= set(hsds["paths"]["/api/hsds/services/{id}"]["get"]["responses"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations",
        f"/api/v1/organisations/{EXAMPLE_ID}",
        "/api/v1/grants/calls",
        "/api/v1/meetings",
        "/api/v1/no-such-operation",
    ],
)
def test_every_api_refuses_an_unknown_lang_in_the_readers_language(
    client: Client, path: str
) -> None:
    """No operation may ignore ``lang=de`` silently, whether it reads ``lang`` or not."""
    english = client.get(path, {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="en")
    swedish = client.get(path, {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="sv")
    finnish = client.get(path, {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="fi")
    message = "'lang' must be one of fi, sv, en, not 'de'."
    assert english.status_code == swedish.status_code == finnish.status_code == 400
    assert english.json() == {"detail": message, "errors": {"lang": [message]}}
    assert swedish["Content-Type"].startswith("application/json")
    assert len({english.json()["detail"], swedish.json()["detail"], finnish.json()["detail"]}) == 3


@pytest.mark.django_db
def test_a_supported_lang_is_answered(client: Client) -> None:
    assert client.get("/api/v1/organisations", {"lang": "sv"}).status_code == 200
    assert client.get("/api/v1/organisations", {"lang": ""}).status_code == 200


@pytest.mark.django_db
def test_an_unknown_address_is_translated(client: Client) -> None:
    english = client.get("/api/v1/no-such-operation", {"lang": "en"}).json()["detail"]
    swedish = client.get("/api/v1/no-such-operation", {"lang": "sv"}).json()["detail"]
    by_header = client.get("/api/v1/nothing", HTTP_ACCEPT_LANGUAGE="sv").json()["detail"]
    assert swedish == by_header != english
    assert "/api/v1/docs" in swedish


@pytest.mark.django_db
def test_a_malformed_id_is_explained_in_swedish(client: Client) -> None:
    body = client.get("/api/v1/organisations/not-an-id", {"lang": "sv"}).json()
    english = client.get("/api/v1/organisations/not-an-id", {"lang": "en"}).json()
    assert body["detail"] != english["detail"] and "public_id" in body["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/organisations", {"kind": "bakery"}),
        ("/api/v1/organisations", {"verified": "maybe"}),
        ("/api/v1/grants/decisions", {"kind": "lottery"}),
        ("/api/v1/services", {"cost": "cheap"}),
        ("/api/hsds/services", {"modified_after": "yesterday"}),
    ],
)
def test_a_bad_choice_or_date_is_a_translated_json_400(
    client: Client, path: str, params: dict[str, str]
) -> None:
    english = client.get(path, {**params, "lang": "en"})
    swedish = client.get(path, {**params, "lang": "sv"})
    assert english.status_code == swedish.status_code == 400
    assert swedish["Content-Type"].startswith("application/json")
    assert english.json()["detail"] and swedish.json()["detail"] != english.json()["detail"]


class _Kind(enum.Enum):
    ASSOCIATION = "association"
    FOUNDATION = "foundation"


@pytest.mark.parametrize(
    ("annotation", "value", "expected"),
    [
        (datetime.date, "31.12.2026", "'since' must be a date such as 2026-12-31."),
        (datetime.date, "2026-02-30", "'since' must be a date such as 2026-12-31."),
        (
            datetime.datetime,
            "tomorrow",
            "'since' must be a date or a date and time such as 2026-12-31 or "
            "2026-12-31T14:30:00+02:00.",
        ),
        (_Kind, "bakery", "'since' must be one of: 'association', 'foundation'."),
        (Literal["a", "b", "c"], "d", "'since' must be one of: 'a', 'b', 'c'."),
        (float, "lots", "'since' must be a number."),
    ],
)
def test_typed_parameters_are_explained_in_words(
    annotation: Any, value: str, expected: str
) -> None:
    with translation.override("en"):
        with pytest.raises(pydantic.ValidationError) as caught:
            pydantic.TypeAdapter(annotation).validate_python(value)
        errors = [{**error, "loc": ("query", "since")} for error in caught.value.errors()]
        assert api.validation_errors(errors) == {"since": [expected]}
