"""The applicant's journey through the pages: start, fill in, check, send."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kumppani.core.models import OutgoingEmail
from kumppani.grants.models import Application, ApplicationStatus
from kumppani.testing.factories import representative

pytestmark = pytest.mark.django_db


def _form_data(application: Application) -> dict[str, str | list[str]]:
    question = application.call.programme.questions.get()
    return {
        "base_version": "",
        "activity": "Vertaisryhmät",
        "description": "Ryhmät joka kuukausi.",
        "target_groups": "Omaishoitajat",
        "goals_and_measures": "",
        "municipalities": ["905"],
        "requested_amount": "5000,50",
        "language": "sv",
        "budget-TOTAL_FORMS": "1",
        "budget-INITIAL_FORMS": "0",
        "budget-0-category": "premises",
        "budget-0-description": "Tilavuokra",
        "budget-0-amount": "1200",
        "income-TOTAL_FORMS": "0",
        "income-INITIAL_FORMS": "0",
        f"answers-q{question.pk}": "8",
        "continue": "1",
        "iban": "FI21 1234 5600 0007 85",
        "bic": "ndeafihh",
    }


def test_a_representative_with_signing_right_applies_through_the_pages(
    client, call, applicant, sanna
) -> None:
    client.force_login(sanna)
    detail = client.get(reverse("grants:call_detail", args=[call.public_id])).content.decode()
    assert "Aloita hakemus" in detail

    started = client.post(reverse("grants:application_start", args=[call.public_id]))
    application = Application.objects.get(call=call, organisation=applicant)
    assert started.url == reverse("grants:application_edit", args=[application.public_id])
    # A second click finds the same application.
    client.post(reverse("grants:application_start", args=[call.public_id]))
    assert Application.objects.filter(call=call).count() == 1

    edit_url = reverse("grants:application_edit", args=[application.public_id])
    saved = client.post(edit_url, _form_data(application))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    application.refresh_from_db()
    assert str(application.requested_amount) == "5000.50"
    assert application.budget_lines.get().amount == 1200

    submit_url = reverse("grants:application_submit", args=[application.public_id])
    summary = client.get(submit_url).content.decode()
    assert "Vertaisryhmät" in summary
    refused = client.post(submit_url, {})
    assert "Vahvista vakuutukset" in refused.content.decode()

    sent = client.post(submit_url, {"declarations": "on"})
    assert sent.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert OutgoingEmail.objects.filter(recipient=sanna.email).count() == 1
    # The receipt is in the language of the person who sent it.
    page = client.get(reverse("grants:application_detail", args=[application.public_id]))
    assert "Lähetetty" in page.content.decode() or "lähetetty" in page.content.decode()


def test_a_representative_without_signing_right_cannot_send(client, call, applicant, bob) -> None:
    representative(bob, applicant)
    client.force_login(bob)
    client.post(
        reverse("grants:application_start", args=[call.public_id]),
        {"organisation": str(applicant.public_id)},
    )
    application = Application.objects.get(call=call)
    submit_url = reverse("grants:application_submit", args=[application.public_id])
    assert "oikeuden kirjoittaa" in client.get(submit_url).content.decode()
    assert client.post(submit_url, {"declarations": "on"}).status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_an_outsider_sees_no_application(client, draft, dave) -> None:
    client.force_login(dave)
    url = reverse("grants:application_detail", args=[draft.public_id])
    assert client.get(url).status_code == 404
