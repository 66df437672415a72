"""Drafts saved as the person types: the application form posts itself to the autosave
endpoint, which saves through the same service, answers with the new version, refuses a
stale version in plain words and asks for the same access as the form."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.core.concurrency import version_of
from kumppani.grants.models import Application
from kumppani.grants.services.applications import application_save, application_submit

pytestmark = pytest.mark.django_db


def form_data(application: Application, **changes: Any) -> dict[str, Any]:
    """The application form as the page sends it, filled in from the draft."""
    question = application.call.programme.questions.get()
    data = {
        "base_version": version_of(application),
        "activity": application.activity,
        "description": application.description,
        "target_groups": application.target_groups,
        "goals_and_measures": application.goals_and_measures,
        "municipalities": [m.code for m in application.municipalities.all()],
        "requested_amount": str(application.requested_amount or ""),
        "language": application.language,
        "budget-TOTAL_FORMS": "0",
        "budget-INITIAL_FORMS": "0",
        "income-TOTAL_FORMS": "0",
        "income-INITIAL_FORMS": "0",
        f"answers-q{question.pk}": "12",
        "iban": application.iban,
        "bic": application.bic,
    }
    data.update(changes)
    return data


def autosave_url(application: Application) -> str:
    return reverse("grants:application_autosave", args=[application.public_id])


def returned_version(html: str) -> str:
    found = re.search(r'name="base_version" value="([^"]+)" id="id_base_version"', html)
    assert found, html
    return found.group(1)


def test_the_draft_is_saved_and_the_new_version_returned(client, draft, sanna) -> None:
    client.force_login(sanna)

    response = client.post(autosave_url(draft), form_data(draft, activity="Vertaisryhmät"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tallennettu klo" in html
    draft.refresh_from_db()
    assert draft.activity == "Vertaisryhmät"
    assert returned_version(html) == version_of(draft)
    # The next save with the version returned goes through.
    again = client.post(
        autosave_url(draft),
        form_data(draft, activity="Vertaisryhmät ja retket", base_version=returned_version(html)),
    )
    assert again.status_code == 200
    draft.refresh_from_db()
    assert draft.activity == "Vertaisryhmät ja retket"


def test_a_draft_changed_on_another_device_is_not_overwritten(client, draft, sanna) -> None:
    client.force_login(sanna)
    shown = form_data(draft)
    application_save(application=draft, actor=Actor(user=sanna), activity="Toiselta laitteelta")

    response = client.post(autosave_url(draft), {**shown, "activity": "Tältä laitteelta"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Ei tallennettu: hakemusta on muutettu toisella laitteella" in html
    assert "base_version" not in html  # the form keeps its version, so Save shows the changes
    draft.refresh_from_db()
    assert draft.activity == "Toiselta laitteelta"


def test_a_draft_with_an_error_is_not_saved_and_the_person_is_told(client, draft, sanna) -> None:
    client.force_login(sanna)
    response = client.post(
        autosave_url(draft), form_data(draft, activity="Uusi nimi", requested_amount="paljon")
    )
    assert response.status_code == 422
    assert "Ei tallennettu automaattisesti" in response.content.decode()
    draft.refresh_from_db()
    assert draft.activity == "Omaishoitajien vertaisryhmät"


def test_autosave_asks_for_the_same_access_as_the_form(client, draft, sanna, bob, carol) -> None:
    data = form_data(draft, activity="Vieras")
    assert client.post(autosave_url(draft), data).status_code == 302  # to sign in
    client.force_login(bob)  # another organisation's representative
    assert client.post(autosave_url(draft), data).status_code == 404
    client.force_login(carol)  # the county's coordinator sees the draft but does not edit it
    assert client.post(autosave_url(draft), data).status_code == 403
    client.force_login(sanna)
    assert client.get(autosave_url(draft)).status_code == 405
    application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    assert client.post(autosave_url(draft), data).status_code == 403  # sent: no more edits
    draft.refresh_from_db()
    assert draft.activity == "Omaishoitajien vertaisryhmät"


def test_the_form_saves_itself_with_javascript_and_still_has_its_save_button(
    client, draft, sanna
) -> None:
    client.force_login(sanna)
    html = client.get(reverse("grants:application_edit", args=[draft.public_id])).content.decode()
    assert f'hx-post="{autosave_url(draft)}"' in html
    assert 'role="status" aria-live="polite"' in html
    assert 'button type="submit" name="save"' in html
