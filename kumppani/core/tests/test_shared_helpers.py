"""The helpers apps share: a service run with a form's values, a one-step form page, a create
form sent once, the initial values of an editing form, the first visible row or 404, and the
services' making of a new row and refusal of unknown fields."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.test import RequestFactory

from kumppani.core import workflow
from kumppani.core.access import first_or_404
from kumppani.core.actor import Actor
from kumppani.core.forms import change_page, model_initial, service_done, service_told
from kumppani.core.models import AuditEvent, County, Submission
from kumppani.core.submissions import TOKEN_FIELD, create_from_form


class NameForm(forms.Form):
    name = forms.CharField(required=False)
    code = forms.CharField(required=False)
    extra = forms.CharField(required=False)


def _refuse(**values: Any) -> None:
    raise ValidationError({"name": "Taken."})


def test_service_done_calls_the_service_with_the_values() -> None:
    calls: list[dict[str, Any]] = []
    form = NameForm({"name": "x"})
    assert form.is_valid()
    assert service_done(form, lambda **values: calls.append(values), name="x", code="01")
    assert calls == [{"name": "x", "code": "01"}]
    assert not form.errors


def test_service_done_puts_a_refusal_on_the_form() -> None:
    form = NameForm({"name": "x"})
    assert form.is_valid()
    assert not service_done(form, _refuse, name="x")
    assert form.errors == {"name": ["Taken."]}


def test_service_told_tells_the_outcome() -> None:
    request = _post("")
    calls: list[dict[str, Any]] = []
    assert service_told(request, lambda **values: calls.append(values), success="Done.", x=1)
    assert not service_told(request, _refuse, success="Done.")
    assert calls == [{"x": 1}]
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
        ("success", "Done."),
        ("error", "Taken."),
    ]


@pytest.mark.usefixtures("test_templates")
def test_a_step_page_computes_a_context_given_as_a_function_only_to_show_the_form() -> None:
    computed: list[int] = []

    def context() -> dict[str, str]:
        computed.append(1)
        return {"heading": "Close the consultation"}

    def send(step: Any) -> Any:
        request = _post("", name="x")
        form = NameForm(request.POST)
        return change_page(
            request, form, "core_tests/step.html", context, change=step, then="/done/"
        )

    done = send(lambda: None)
    assert (done.status_code, done.url, computed) == (302, "/done/", [])

    refused = send(lambda: _refuse())
    assert refused.status_code == 200
    assert computed == [1]
    page = refused.content.decode()
    assert "Close the consultation" in page and "Taken." in page


@pytest.mark.django_db
def test_model_initial_reads_the_fields_the_form_and_the_model_share() -> None:
    county = County.objects.order_by("code").first()
    assert county is not None
    assert model_initial(NameForm, county) == {"name": county.name, "code": county.code}


@pytest.mark.django_db
def test_first_or_404_takes_the_first_matching_row_or_refuses() -> None:
    county = County.objects.order_by("code").first()
    assert county is not None
    assert first_or_404(County.objects.all(), code=county.code) == county
    with pytest.raises(Http404):
        first_or_404(County.objects.filter(code=county.code), code="no such code")


def _post(token: str, **data: str) -> HttpRequest:
    request = RequestFactory().post("/new/", {TOKEN_FIELD: token, **data})
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.django_db
def test_create_from_form_makes_once_and_tells_only_the_first_request() -> None:
    token = uuid.uuid4().hex
    made: list[int] = []

    def make() -> int:
        made.append(1)
        return len(made)

    def send() -> Any:
        request = _post(token)
        response = create_from_form(
            request,
            NameForm({}),
            create=make,
            result_url=lambda number: f"/made/{number}/",
            success="Made.",
        )
        return response, [str(message) for message in get_messages(request)]

    (first, first_messages), (second, second_messages) = send(), send()
    assert made == [1]
    assert first is not None and first.url == "/made/1/"
    assert second is not None and second.url == "/made/1/"
    assert (first_messages, second_messages) == (["Made."], [])
    assert Submission.objects.filter(token=token).count() == 1


@pytest.mark.django_db
def test_create_from_form_shows_a_refusal_and_keeps_the_token_usable() -> None:
    token = uuid.uuid4().hex
    form = NameForm({"name": "x"})
    assert form.is_valid()
    assert create_from_form(_post(token), form, create=_refuse, result_url=str) is None
    assert form.errors == {"name": ["Taken."]}
    assert not Submission.objects.filter(token=token).exists()


def test_refuse_unknown_names_the_fields_no_service_changes() -> None:
    workflow.refuse_unknown({"name": "x"}, ("name", "code"), "county")
    with pytest.raises(ValueError, match=r"Unknown county field: \['colour'\]"):
        workflow.refuse_unknown({"name": "x", "colour": "red"}, ("name", "code"), "county")


@pytest.mark.django_db
def test_create_validates_saves_and_audits_the_new_row() -> None:
    actor = Actor(user=None, ip_address=None)
    with pytest.raises(ValidationError):
        workflow.create(
            County(code="", name="Nowhere"), actor=actor, action="core.outgoing_email.retry"
        )
    assert not AuditEvent.objects.filter(action="core.outgoing_email.retry").exists()
    county = workflow.create(
        County(code="98", name="Somewhere"), actor=actor, action="core.outgoing_email.retry"
    )
    assert county.pk is not None
    event = AuditEvent.objects.get(action="core.outgoing_email.retry")
    assert (event.object_type, event.object_id) == ("core.county", str(county.pk))
