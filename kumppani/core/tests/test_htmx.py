"""One helper answers htmx with a fragment and everyone else with the whole page."""

from __future__ import annotations

import pytest
from django.http import HttpRequest
from django.test import RequestFactory, override_settings
from django_htmx.middleware import HtmxDetails

from kumppani.core.htmx import render_fragment_or_page, wants_fragment

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {"page.html": "page {{ n }}", "fragment.html": "fragment {{ n }}"},
                )
            ]
        },
    }
]


def _request(**headers: str) -> HttpRequest:
    request = RequestFactory().get("/fi/organisations/", headers=headers)
    request.htmx = HtmxDetails(request)
    return request


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, "page 1"),
        ({"HX-Request": "true"}, "fragment 1"),
        # htmx restoring history without a copy of the page asks for the whole page.
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, "page 1"),
    ],
)
@override_settings(TEMPLATES=TEMPLATES)
def test_htmx_gets_the_fragment_and_every_other_request_the_page(
    headers: dict[str, str], expected: str
) -> None:
    response = render_fragment_or_page(
        _request(**headers),
        "page.html",
        "fragment.html",
        {"n": 1},
    )
    assert response.content.decode() == expected
    assert response.status_code == 200
    vary = [part.strip() for part in response["Vary"].split(",")]
    assert "HX-Request" in vary and "HX-History-Restore-Request" in vary


@override_settings(TEMPLATES=TEMPLATES)
def test_status_is_kept() -> None:
    response = render_fragment_or_page(
        _request(),
        "page.html",
        "fragment.html",
        {"n": 2},
        status=400,
    )
    assert response.status_code == 400


def test_a_request_without_the_middleware_gets_the_page() -> None:
    assert not wants_fragment(RequestFactory().get("/", headers={"HX-Request": "true"}))
