"""The register of decisions, decision documents and payments in the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent
from kumppani.core.tests.pdf import document_language, is_tagged, pdf_text, read_pdf
from kumppani.grants.models import Application
from kumppani.grants.services.applications import application_submit
from kumppani.grants.services.funding import report_accept, report_submit
from kumppani.grants.services.review import disqualification_declare, reviewer_assign
from kumppani.testing.factories import UserFactory, county_role

from .conftest import decide, fill_in, make_call, sent_in_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(draft, sanna, carol):
    application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    reviewer = UserFactory.create(full_name="Risto Arvioija")
    county_role(reviewer, "17", "reviewer")
    assignment = reviewer_assign(application=draft, reviewer=reviewer, actor=Actor(user=carol))
    disqualification_declare(
        assignment=assignment,
        actor=Actor(user=reviewer),
        disqualified=True,
        reason="Hakijan hallituksen jäsen.",
    )
    return decide(draft, carol, "8000")


def test_the_register_of_decisions_is_open_data(client, decided) -> None:
    body = client.get("/api/v1/grants/decisions?county=17").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["business_id"] == "1234561-2"
    assert item["purpose"] == "Omaishoitajien vertaisryhmät"
    assert Decimal(item["amount"]) == Decimal("8000")
    assert client.get("/api/v1/grants/decisions?county=16").json()["count"] == 0
    assert client.get("/api/v1/grants/decisions?organisation=123").status_code == 400


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ["oikaisuvaatimus", "14 päivän", "esteellinen"]),
        ("sv", ["omprövning", "14 dagar", "jävig"]),
    ],
)
def test_the_decision_document_has_the_appeal_instructions_and_is_tagged(
    client, decided, sanna, lang, words
) -> None:
    url = f"/api/v1/grants/decisions/{decided.public_id}/document?lang={lang}"
    assert client.get(url).status_code == 404  # not signed in
    client.force_login(sanna)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for word in words:
        assert word in text.lower(), (word, text)
    assert "8 000" in text.replace("\xa0", " ")
    reader = read_pdf(response.content)
    assert is_tagged(reader)
    assert document_language(reader) == lang


def test_a_held_payment_is_refused_with_409_and_the_reason_until_the_report_is_accepted(
    client, applicant, sanna, carol
) -> None:
    old = sent_in_time(
        make_call(opens_on=date(2024, 11, 1), closes_on=date(2024, 11, 30)), applicant, sanna
    )
    old_decision = decide(old, carol, "5000")
    report = old_decision.usage_report
    report_submit(report=report, actor=Actor(user=sanna), what_was_done="Ryhmiä.")
    # Held: a recovery is open on last year's grant, and its report is not yet accepted.
    new = fill_in(
        Application.objects.create(call=make_call(), organisation=applicant, created_by=sanna),
        sanna,
    )
    application_submit(application=new, actor=Actor(user=sanna), declarations=True)
    report_accept(report=report, actor=Actor(user=carol))
    decision = decide(new, carol, "6000")
    report.refresh_from_db()
    report.status = "submitted"  # taken back for a correction: the hold returns
    report.save(update_fields=["status"])
    payment = decision.payments.get()

    client.force_login(carol)
    listed = client.get("/api/v1/grants/payments?on_hold=yes").json()
    assert [item["id"] for item in listed["items"]] == [str(payment.public_id)]
    assert "käyttöselvitys" in listed["items"][0]["hold_reason"]
    refused = client.post(f"/api/v1/grants/payments/{payment.public_id}/approve")
    assert refused.status_code == 409
    assert "käyttöselvitys" in refused.json()["detail"]

    report_accept(report=report, actor=Actor(user=carol))
    approved = client.post(f"/api/v1/grants/payments/{payment.public_id}/approve")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    again = client.post(f"/api/v1/grants/payments/{payment.public_id}/approve")
    assert again.status_code == 200


def test_payments_are_for_the_countys_coordinators_only(client, decided, alice, sanna) -> None:
    payment = decided.payments.get()
    client.force_login(sanna)
    assert client.get("/api/v1/grants/payments").status_code == 403
    client.force_login(alice)  # coordinator of another county
    assert client.get("/api/v1/grants/payments").json()["count"] == 0
    assert client.post(f"/api/v1/grants/payments/{payment.public_id}/approve").status_code == 404


def test_the_register_page_exports_as_csv_for_excel_and_is_audited(client, decided) -> None:
    page = client.get("/fi/grants/decisions/?county=17").content.decode()
    assert "Omaishoitajien vertaisryhmät" in page
    export = client.get("/fi/grants/decisions/export/?county=17&format=csv")
    content = b"".join(export.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    header, row = content.strip().splitlines()[:2]
    assert header.split(";")[:2] == ["\ufeffJärjestö", "Y-tunnus"]
    assert "1234561-2" in row and "Omaishoitajien vertaisryhmät" in row
    assert AuditEvent.objects.filter(action="grants.decision.export").count() == 1
    assert client.get("/fi/grants/decisions/export/?format=pdf").status_code == 400


def test_approving_from_a_browser_session_needs_the_csrf_token(decided, carol) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)
    payment = decided.payments.get()
    response = client.post(f"/api/v1/grants/payments/{payment.public_id}/approve")
    assert response.status_code == 403
    payment.refresh_from_db()
    assert payment.status == "scheduled"
