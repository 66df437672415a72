"""A grant application's draft is saved as the person types, announced in the form's status
line, and is there after a reload (or on another device)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.grants.services.applications import application_start
from kumppani.grants.tests.conftest import make_call
from kumppani.organisations.models import Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_draft_is_saved_as_the_person_types_and_is_there_after_a_reload(
    page: Page, sign_in: Callable[[BrowserContext, User], None], sanna: User, org_y: Organisation
) -> None:
    application = application_start(actor=Actor(user=sanna), call=make_call(), organisation=org_y)
    sign_in(page.context, sanna)
    page.goto(reverse("grants:application_edit", args=[application.public_id]))

    page.locator("#id_activity").fill("Kävelyryhmät ikäihmisille")
    page.locator("#id_description").press_sequentially("Viikoittain")

    status = page.locator("#autosave-status[role=status]")
    expect(status).to_contain_text("Tallennettu klo", timeout=15_000)
    # The form took the new version: the next automatic save is not taken for a stale one.
    with page.expect_response(lambda response: "/autosave/" in response.url) as saved:
        page.locator("#id_description").press_sequentially(" ja retkiä")
    assert saved.value.status == 200
    page.reload()
    expect(page.locator("#id_activity")).to_have_value("Kävelyryhmät ikäihmisille")
    expect(page.locator("#id_description")).to_have_value("Viikoittain ja retkiä")
