"""Grants in the administration site: programme, call, goal and appeal instructions saved
through the services (audited); applications and money read-only."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from kumppani.core.models import AuditEvent
from kumppani.core.tests.test_admin_writes import form_data
from kumppani.grants.models import Application, Call, CallStatus, Decision, Payment, Programme

from .conftest import make_call

pytestmark = pytest.mark.django_db


def test_every_grants_list_in_the_admin_opens(client, stella, draft) -> None:
    client.force_login(stella)
    for model in site._registry:
        if model._meta.app_label == "grants":
            url = reverse(f"admin:grants_{model._meta.model_name}_changelist")
            assert client.get(url).status_code == 200, url


def test_changing_a_programme_in_the_admin_goes_through_the_service(client, stella, call):
    client.force_login(stella)
    url = reverse("admin:grants_programme_change", args=[call.programme.pk])
    data = form_data(client.get(url))
    data["appropriation"] = "75000"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Programme.objects.get().appropriation == 75000
    event = AuditEvent.objects.get(action="grants.programme.update")
    assert event.details["changed"] == ["appropriation"]


def test_publishing_calls_in_the_admin_is_audited_once(client, stella) -> None:
    call = make_call(published=False)
    client.force_login(stella)
    url = reverse("admin:grants_call_changelist")
    for _ in range(2):
        client.post(url, {"action": "publish", "_selected_action": [str(call.pk)]})
    assert Call.objects.get().status == CallStatus.PUBLISHED
    assert AuditEvent.objects.filter(action="grants.call.publish").count() == 1


@pytest.mark.parametrize("model", [Application, Decision, Payment])
def test_applications_and_money_are_read_only(stella, model) -> None:
    request = RequestFactory().get("/")
    request.user = stella
    model_admin = site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
