"""Money after the decision: the bank account, payments with their holds, the usage report
and recoveries, on the pages and in the API."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, OutgoingEmail
from kumppani.grants.holds import hold_reason, hold_reasons
from kumppani.grants.models import Application, Decision, Payment, Recovery, ReportStatus
from kumppani.grants.services.applications import application_save, application_submit, missing
from kumppani.grants.services.funding import recovery_create, report_accept, report_submit
from kumppani.testing.factories import OrganisationFactory, representative

from .conftest import decide, fill_in, make_call, sent_in_time

pytestmark = pytest.mark.django_db

PAYMENTS = "/fi/grants/manage/payments/"


def _held(applicant, sanna, carol, instalments: int = 1) -> tuple[Decision, Decision]:
    """This year's grant to the applicant (paid in ``instalments``), and an earlier year's
    grant whose usage report is still due: the new grant's payments are held."""
    new = fill_in(
        Application.objects.create(call=make_call(), organisation=applicant, created_by=sanna),
        sanna,
    )
    application_submit(application=new, actor=Actor(user=sanna), declarations=True)
    today = timezone.localdate()
    parts = [(Decimal(1000), today + timedelta(days=n)) for n in range(instalments)]
    decision = decide(new, carol, str(1000 * instalments), instalments=parts)
    old = sent_in_time(
        make_call(opens_on=date(2024, 11, 1), closes_on=date(2024, 11, 30)), applicant, sanna
    )
    return decision, decide(old, carol, "5000")


# The bank account


def test_the_account_is_checked_stored_compact_and_needed_before_sending(draft, sanna) -> None:
    actor = Actor(user=sanna)
    with pytest.raises(ValidationError) as refused:
        application_save(application=draft, actor=actor, iban="FI21 1234 5600 0007 86")
    assert "iban" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        application_save(application=draft, actor=actor, bic="NDEA")
    assert "bic" in refused.value.message_dict

    application_save(application=draft, actor=actor, iban="fi21 1234 5600 0007 85", bic="")
    draft.refresh_from_db()
    assert draft.iban == "FI2112345600000785"
    assert "Anna pankin BIC-tunnus." in missing(draft)
    with pytest.raises(ValidationError):
        application_submit(application=draft, actor=actor, declarations=True)


def test_the_form_shows_the_account_formatted_and_the_summary_shows_it(
    client, draft, sanna
) -> None:
    client.force_login(sanna)
    edit = client.get(reverse("grants:application_edit", args=[draft.public_id])).content
    assert b'value="FI21 1234 5600 0007 85"' in edit
    summary = client.get(reverse("grants:application_submit", args=[draft.public_id]))
    assert "FI21 1234 5600 0007 85" in summary.content.decode()
    assert "NDEAFIHH" in summary.content.decode()


# Holds in one pass


def test_hold_reasons_of_many_organisations_take_two_queries(
    applicant, sanna, carol, django_assert_num_queries
) -> None:
    decision, old = _held(applicant, sanna, carol)
    others = OrganisationFactory.create_batch(3)
    year = decision.application.call.programme.year
    with django_assert_num_queries(2):
        reasons = hold_reasons([applicant, *others], year)
    assert "käyttöselvitystä" in reasons[applicant.pk]
    assert reasons[applicant.pk] == hold_reason(applicant, year=year)
    assert all(reasons[o.pk] == "" for o in others)
    recovery_create(decision=decision, actor=Actor(user=carol), amount=Decimal(100), reason="x")
    # The earliest grant has no earlier report to wait for, only the open recovery.
    old_year = old.application.call.programme.year
    assert "maksettava takaisin" in hold_reasons([others[0], applicant], old_year)[applicant.pk]


# The payments page


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [PAYMENTS, "/api/v1/grants/payments"])
def test_the_payments_list_takes_as_many_queries_however_long(
    client, applicant, sanna, carol, django_assert_num_queries, url
) -> None:
    decision, _old = _held(applicant, sanna, carol, instalments=2)
    client.force_login(carol)
    few = _count_queries(client, url)
    today = timezone.localdate()
    for n in range(4):
        Payment.objects.create(decision=decision, amount=Decimal(10), due_on=today + timedelta(n))
    # And another organisation's grant, with a hold of its own.
    other = OrganisationFactory.create(business_id="0201256-6")
    call = decision.application.call
    for year_call in (call, make_call(opens_on=date(2024, 11, 1), closes_on=date(2024, 11, 30))):
        Decision.objects.create(
            application=Application.objects.create(
                call=year_call, organisation=other, status="decided"
            ),
            amount=Decimal(500),
            decision_maker="Päättäjä",
            decided_on=today,
            report_due=today,
        ).payments.create(amount=Decimal(500), due_on=today)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200


def test_a_payment_whose_last_usage_report_is_missing_cannot_be_approved_until_accepted(
    client, applicant, sanna, carol
) -> None:
    decision, old = _held(applicant, sanna, carol)
    payment = decision.payments.get()
    client.force_login(carol)

    page = client.get(PAYMENTS + "?on_hold=yes").content.decode()
    assert "Pidätetty" in page
    assert "käyttöselvitystä" in page
    refused = client.post(
        reverse("grants:payment_action", args=[payment.public_id]),
        {"action": "approve", "query": "on_hold=yes"},
        follow=True,
    )
    assert refused.redirect_chain[-1][0] == PAYMENTS + "?on_hold=yes"
    assert "Maksua ei voi hyväksyä" in refused.content.decode()
    assert "käyttöselvitystä" in refused.content.decode()
    assert client.post(f"/api/v1/grants/payments/{payment.public_id}/approve").status_code == 409
    payment.refresh_from_db()
    assert payment.status == "scheduled"

    report_submit(report=old.usage_report, actor=Actor(user=sanna), what_was_done="Ryhmiä.")
    report_accept(report=old.usage_report, actor=Actor(user=carol))
    assert client.get(PAYMENTS + "?on_hold=yes").context["page"].paginator.count == 0
    assert client.get("/api/v1/grants/payments?on_hold=no").json()["count"] == 2
    via_api = client.post(f"/api/v1/grants/payments/{old.payments.get().public_id}/approve")
    assert via_api.status_code == 200
    approved = client.post(
        reverse("grants:payment_action", args=[payment.public_id]),
        {"action": "approve", "submission_token": "a" * 32},
        follow=True,
    )
    assert "Maksu hyväksyttiin." in approved.content.decode()
    payment.refresh_from_db()
    assert payment.status == "approved"
    year = decision.application.call.programme.year
    approved_page = client.get(f"{PAYMENTS}?status=approved&year={year}").context["page"]
    assert [p.pk for p in approved_page] == [payment.pk]
    before = (payment.due_on + timedelta(days=1)).isoformat()
    assert client.get(f"{PAYMENTS}?due_before={before}").context["page"].paginator.count == 1


def test_payments_are_approved_sent_and_paid_once_however_often_clicked(
    client, applicant, sanna, carol
) -> None:
    decision, old = _held(applicant, sanna, carol)
    report_submit(report=old.usage_report, actor=Actor(user=sanna), what_was_done="Ryhmiä.")
    report_accept(report=old.usage_report, actor=Actor(user=carol))
    payment = decision.payments.get()
    url = reverse("grants:payment_action", args=[payment.public_id])
    client.force_login(carol)
    for action in ("approve", "send", "pay"):
        token = f"{action:0<32}".replace(action, "b" * len(action))
        for _click in range(2):
            client.post(url, {"action": action, "submission_token": token})
        # A click of an old page's button after the payment moved on changes nothing either.
        client.post(url, {"action": action})
    payment.refresh_from_db()
    assert payment.status == "paid"
    actions = AuditEvent.objects.filter(action__startswith="grants.payment.").values_list(
        "action", flat=True
    )
    assert sorted(actions) == [
        "grants.payment.approve",
        "grants.payment.pay",
        "grants.payment.send",
    ]


def test_the_finance_systems_list_has_the_approved_payments_with_the_account(
    client, applicant, sanna, carol
) -> None:
    decision, old = _held(applicant, sanna, carol, instalments=2)
    report_submit(report=old.usage_report, actor=Actor(user=sanna), what_was_done="Ryhmiä.")
    report_accept(report=old.usage_report, actor=Actor(user=carol))
    first = decision.payments.order_by("due_on")[0]
    client.force_login(carol)
    client.post(reverse("grants:payment_action", args=[first.public_id]), {"action": "approve"})
    export = client.get(reverse("grants:payment_finance_list") + "?format=csv")
    lines = b"".join(export.streaming_content).decode("utf-8").strip().splitlines()
    assert len(lines) == 2  # the header and the one approved payment
    assert lines[0].split(";")[2:4] == ["IBAN", "BIC"]
    row = lines[1].split(";")
    assert row[1:4] == ["1234561-2", "FI21 1234 5600 0007 85", "NDEAFIHH"]
    assert row[4] == "1000,00"
    assert row[6] == f"{decision.public_id} / § 12"
    assert AuditEvent.objects.filter(action="grants.payment.export").count() == 1
    xlsx = client.get(reverse("grants:payment_finance_list") + "?format=xlsx")
    assert xlsx.status_code == 200


# The usage report


def test_the_grantee_reports_the_money_used_per_budget_line_from_the_application_page(
    client, applicant, sanna, carol
) -> None:
    decision, _old = _held(applicant, sanna, carol)
    application = decision.application
    client.force_login(sanna)
    page = client.get(reverse("grants:application_detail", args=[application.public_id]))
    text = page.content.decode()
    assert reverse("grants:application_decision_pdf", args=[application.public_id]) in text
    assert "käyttöselvitystä" in text  # the payment's hold reason
    assert reverse("grants:report_edit", args=[application.public_id]) in text

    url = reverse("grants:report_edit", args=[application.public_id])
    empty = client.post(url, {})
    assert "Kerro, mitä avustuksella tehtiin." in empty.content.decode()
    sent = client.post(
        url,
        {
            "what_was_done": "Kaksitoista ryhmätapaamista.",
            "people_reached": "140",
            "volunteers": "6",
            "volunteer_hours": "210",
            "used_personnel": "700,50",
            "submission_token": "c" * 32,
        },
    )
    assert sent.status_code == 302
    report = decision.usage_report
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.amount_used == Decimal("700.50")
    assert report.unused == Decimal("299.50")
    assert [(line.category, line.amount) for line in report.lines.all()] == [
        ("personnel", Decimal("700.50"))
    ]
    again = client.post(url, {"what_was_done": "Toinen", "submission_token": "c" * 32})
    assert again.status_code == 302
    report.refresh_from_db()
    assert report.what_was_done == "Kaksitoista ryhmätapaamista."


def test_the_decision_document_has_a_page_link_for_the_applicant_only(
    client, applicant, sanna, carol, dave
) -> None:
    decision, _old = _held(applicant, sanna, carol)
    url = reverse("grants:application_decision_pdf", args=[decision.application.public_id])
    client.force_login(dave)
    assert client.get(url).status_code == 404
    client.force_login(sanna)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_accepting_the_report_releases_the_hold_and_more_information_reopens_it(
    client, applicant, sanna, carol
) -> None:
    decision, old = _held(applicant, sanna, carol)
    report = old.usage_report
    report_submit(report=report, actor=Actor(user=sanna), what_was_done="Ryhmiä.")
    url = reverse("grants:report_review", args=[old.public_id])
    client.force_login(carol)
    assert "Ryhmiä." in client.get(url).content.decode()

    # Ask for more information: an error summary without a message, then the email.
    refused = client.post(url, {"action": "info", "due": ""})
    assert "Kerro, mitä lisätietoja tarvitaan." in refused.content.decode()
    due = timezone.localdate() + timedelta(days=14)
    client.post(
        url,
        {"action": "info", "message": "Erittele matkakulut.", "due": due.isoformat()},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.INFO_REQUESTED
    assert report.info_due == due
    mail = OutgoingEmail.objects.get(recipient=sanna.email, subject__contains="lisätietoja")
    assert "Erittele matkakulut." in mail.body

    # The grantee edits and sends it again.
    client.force_login(sanna)
    edit_url = reverse("grants:report_edit", args=[old.application.public_id])
    assert "Erittele matkakulut." in client.get(edit_url).content.decode()
    client.post(edit_url, {"what_was_done": "Ryhmiä; matkat 200 €.", "people_reached": "30"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    client.force_login(carol)
    payment = decision.payments.get()
    assert hold_reason(applicant, year=decision.application.call.programme.year)
    client.post(url, {"action": "accept"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert hold_reason(applicant, year=decision.application.call.programme.year) == ""
    client.post(reverse("grants:payment_action", args=[payment.public_id]), {"action": "approve"})
    payment.refresh_from_db()
    assert payment.status == "approved"


def test_part_of_a_grant_is_recovered_and_marked_repaid(client, applicant, sanna, carol) -> None:
    _decision, old = _held(applicant, sanna, carol)
    url = reverse("grants:report_review", args=[old.public_id])
    client.force_login(carol)
    refused = client.post(url, {"action": "recover", "amount": "", "reason": ""})
    assert "Anna takaisin perittävä summa." in refused.content.decode()
    token = "d" * 32
    for _click in range(2):
        client.post(
            url,
            {
                "action": "recover",
                "amount": "500",
                "reason": "Käyttämättä.",
                "submission_token": token,
            },
        )
    recovery = Recovery.objects.get()
    assert recovery.amount == Decimal(500)

    listing = client.get("/fi/grants/manage/recoveries/?repaid=no").content.decode()
    assert "Käyttämättä." in listing
    repaid_url = reverse("grants:recovery_repaid", args=[recovery.pk])
    assert "Anna päivä" in client.post(repaid_url, {"repaid_on": ""}).content.decode()
    client.post(repaid_url, {"repaid_on": "2027-01-15", "query": "repaid=no"})
    recovery.refresh_from_db()
    assert recovery.repaid_on == date(2027, 1, 15)
    assert (
        client.get("/fi/grants/manage/recoveries/?repaid=no").context["page"].paginator.count == 0
    )


def test_the_report_list_filters_pages_and_exports(client, applicant, sanna, carol) -> None:
    decision, old = _held(applicant, sanna, carol)
    client.force_login(carol)
    listing = client.get("/fi/grants/manage/reports/?status=due").context["page"]
    assert {r.decision_id for r in listing} == {decision.pk, old.pk}
    year = old.application.call.programme.year
    only_old = client.get(f"/fi/grants/manage/reports/?year={year}").context["page"]
    assert [r.decision_id for r in only_old] == [old.pk]
    assert client.get("/fi/grants/manage/reports/?overdue=maybe").context["page"] is None
    export = client.get(f"/fi/grants/manage/reports/export/?year={year}&format=csv")
    content = b"".join(export.streaming_content).decode("utf-8")
    assert len(content.strip().splitlines()) == 2
    assert AuditEvent.objects.filter(action="grants.report.export").count() == 1


# The reports API


def test_the_reports_api_shows_each_role_its_own(client, applicant, sanna, carol, alice, dave):
    decision, old = _held(applicant, sanna, carol)
    client.force_login(carol)
    assert client.get("/api/v1/grants/reports").json()["count"] == 2
    client.force_login(sanna)
    items = client.get("/api/v1/grants/reports?status=due").json()["items"]
    assert {item["id"] for item in items} == {str(decision.public_id), str(old.public_id)}
    client.force_login(alice)  # another county's coordinator
    assert client.get("/api/v1/grants/reports").json()["count"] == 0
    client.force_login(dave)
    assert client.get("/api/v1/grants/reports").status_code == 403
    assert client.get("/api/v1/grants/reports?overdue=maybe").status_code == 403
    client.force_login(carol)
    assert client.get("/api/v1/grants/reports?overdue=maybe").status_code == 400
    assert "/api/v1/grants/reports" in client.get("/api/v1/openapi.json").json()["paths"]


# Access


def test_the_money_pages_are_for_the_countys_coordinators(
    client, applicant, sanna, carol, alice, bob
) -> None:
    decision, old = _held(applicant, sanna, carol)
    payment = decision.payments.get()
    recovery = recovery_create(
        decision=old, actor=Actor(user=carol), amount=Decimal(10), reason="x"
    )
    pages = [
        PAYMENTS,
        "/fi/grants/manage/reports/",
        "/fi/grants/manage/recoveries/",
        reverse("grants:payment_finance_list") + "?format=csv",
        reverse("grants:report_list_export") + "?format=csv",
        reverse("grants:report_review", args=[old.public_id]),
        reverse("grants:recovery_repaid", args=[recovery.pk]),
    ]
    client.force_login(sanna)  # the applicant
    for url in pages:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            reverse("grants:payment_action", args=[payment.public_id]), {"action": "approve"}
        ).status_code
        == 403
    )
    client.force_login(alice)  # another county's coordinator
    assert client.get(PAYMENTS).context["page"].paginator.count == 0
    assert client.get("/fi/grants/manage/reports/").context["page"].paginator.count == 0
    assert client.get(pages[5]).status_code == 404
    assert client.get(pages[6]).status_code == 404
    response = client.post(
        reverse("grants:payment_action", args=[payment.public_id]), {"action": "approve"}
    )
    assert response.status_code == 404
    # A representative of another organisation sees neither the report form nor the document.
    representative(bob, OrganisationFactory.create())
    client.force_login(bob)
    application = decision.application
    assert (
        client.get(reverse("grants:report_edit", args=[application.public_id])).status_code == 404
    )
    assert (
        client.get(
            reverse("grants:application_decision_pdf", args=[application.public_id])
        ).status_code
        == 404
    )
