"""The coordinator's side of applications: the list and its exports, the application page
and its forms, requests for more information, revision differences, and decisions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import CountyRoleKind
from kumppani.core.actor import Actor
from kumppani.core.models import OutgoingEmail
from kumppani.grants.models import (
    Application,
    ApplicationStatus,
    Call,
    Decision,
    InfoRequest,
)
from kumppani.grants.revisions import revision_changes, word_diff
from kumppani.grants.services.applications import application_save, application_submit
from kumppani.grants.services.requests import info_request
from kumppani.grants.services.review import disqualification_declare, reviewer_assign
from kumppani.testing.exports import csv_rows, xlsx_sheet
from kumppani.testing.factories import OrganisationFactory, UserFactory, county_role

from .conftest import SYSTEM, decide, fill_in, make_call, sent_in_time

pytestmark = pytest.mark.django_db


def _many(call: Call, count: int, user) -> list[Application]:
    """``count`` sent applications of new organisations, each with a reviewer, one decided."""
    reviewer = UserFactory.create(full_name="Risto Arvioija")
    county_role(reviewer, "17", CountyRoleKind.REVIEWER)
    made = []
    for index in range(count):
        organisation = OrganisationFactory.create(municipalities=["905", "499"])
        application = Application.objects.create(
            call=call, organisation=organisation, eligibility_override="Testissä hyväksytty."
        )
        fill_in(application, user)
        application_submit(application=application, actor=SYSTEM, declarations=True)
        reviewer_assign(application=application, reviewer=reviewer, actor=SYSTEM)
        made.append(application)
        if index == 0:
            decide(application, user, "1000")
    return made


# --- revision differences ------------------------------------------------------------------


def test_word_diff_marks_removed_and_added_words_and_escapes_the_text() -> None:
    marked = word_diff("Ryhmät <b>kerran</b> kuussa", "Ryhmät <b>kahdesti</b> kuussa & enemmän")
    assert "&lt;b&gt;" in marked and "<b>" not in marked
    assert "<del>" in marked and "kerran" in marked.split("<del>")[1].split("</del>")[0]
    assert "kahdesti" in marked.split("<ins>")[1].split("</ins>")[0]
    assert "&amp; enemmän" in marked
    assert marked.startswith("Ryhmät ")


def test_revision_changes_name_each_changed_part(draft) -> None:
    question = draft.call.programme.questions.get()
    older = {
        "activity": "Vertaisryhmät",
        "description": "Ryhmä joka kuukausi.",
        "requested_amount": "12000.00",
        "municipalities": ["905"],
        "budget": [["personnel", "Ohjaaja", "9000.00"]],
        "income": [],
        "answers": {str(question.pk): "12"},
        "partners": [],
    }
    newer = {
        **older,
        "description": "Ryhmä joka viikko.",
        "requested_amount": "15000.00",
        "municipalities": ["905", "499"],
        "answers": {str(question.pk): "20"},
    }
    changes = {change.label: change for change in revision_changes(older, newer)}
    assert set(changes) == {
        "Mitä avustuksella tehdään",
        "Haettava summa",
        "Kunnat",
        "Montako vapaaehtoista?",
    }
    description = changes["Mitä avustuksella tehdään"]
    assert description.diff is not None
    assert "<del>" in description.diff and "viikko." in description.diff
    amount = changes["Haettava summa"]
    assert "12" in amount.before and "15" in amount.after and amount.diff is None
    assert changes["Kunnat"].before == "Vaasa" and "Mustasaari" in changes["Kunnat"].after
    assert revision_changes(older, dict(older)) == []


# --- requests for more information ---------------------------------------------------------


def test_a_request_sends_the_application_back_and_tells_the_representatives(
    sent, carol, sanna
) -> None:
    OutgoingEmail.objects.all().delete()
    asked = info_request(
        application=sent,
        actor=Actor(user=carol),
        message="Lisätkää talousarvioon tilavuokra.",
        respond_by=timezone.localdate() + timedelta(days=7),
    )
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.INFO_REQUESTED
    assert asked.is_open
    email = OutgoingEmail.objects.get()
    assert email.recipient == sanna.email
    assert "Lisätkää talousarvioon tilavuokra." in email.body
    with pytest.raises(ValidationError):  # already asked: not sent any more
        info_request(
            application=sent,
            actor=Actor(user=carol),
            message="Toinen.",
            respond_by=timezone.localdate() + timedelta(days=7),
        )


def test_a_request_needs_a_message_and_a_day_not_in_the_past(sent, carol) -> None:
    with pytest.raises(ValidationError) as refused:
        info_request(
            application=sent,
            actor=Actor(user=carol),
            message=" ",
            respond_by=timezone.localdate() - timedelta(days=1),
        )
    assert set(refused.value.message_dict) == {"message", "respond_by"}


def test_a_draft_cannot_be_asked_for_more(draft, carol) -> None:
    with pytest.raises(ValidationError):
        info_request(
            application=draft,
            actor=Actor(user=carol),
            message="Lisätietoja.",
            respond_by=timezone.localdate() + timedelta(days=7),
        )


def test_a_completed_application_is_taken_after_the_call_closed_until_the_request_ends(
    applicant, sanna, carol
) -> None:
    """The call closed on Friday 5.6.2026; the request's last day is Saturday 20.6.2026
    (Midsummer Day), so by law answers are taken until Monday 22.6.2026 23.59."""
    call = make_call(opens_on=date(2026, 5, 1), closes_on=date(2026, 6, 5))
    application = sent_in_time(call, applicant, sanna)
    asked = info_request(
        application=application,
        actor=Actor(user=carol),
        message="Tarkentakaa kohderyhmät.",
        respond_by=date(2026, 6, 20),
        today=date(2026, 6, 10),
    )
    application_save(
        application=application, actor=Actor(user=sanna), target_groups="Omaishoitajat"
    )
    late = timezone.make_aware(timezone.datetime(2026, 6, 23, 0, 0, 1))
    with pytest.raises(ValidationError) as refused:
        application_submit(
            application=application, actor=Actor(user=sanna), declarations=True, now=late
        )
    assert "20.6.2026" in refused.value.messages[0]
    in_time = timezone.make_aware(timezone.datetime(2026, 6, 22, 23, 59))
    assert application_submit(
        application=application, actor=Actor(user=sanna), declarations=True, now=in_time
    )
    application.refresh_from_db()
    asked.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert asked.answered_at == in_time
    assert application.revisions.count() == 2


def test_without_a_request_the_call_deadline_still_holds(applicant, sanna) -> None:
    call = make_call(opens_on=date(2026, 5, 1), closes_on=date(2026, 6, 5))
    application = fill_in(
        Application.objects.create(call=call, organisation=applicant, created_by=sanna), sanna
    )
    with pytest.raises(ValidationError):
        application_submit(
            application=application,
            actor=Actor(user=sanna),
            declarations=True,
            now=timezone.make_aware(timezone.datetime(2026, 6, 9, 12, 0)),
        )


def test_the_applicant_sees_the_request_and_then_what_changed(client, sent, carol, sanna) -> None:
    info_request(
        application=sent,
        actor=Actor(user=carol),
        message="Kertokaa <ryhmien> koosta.",
        respond_by=timezone.localdate() + timedelta(days=7),
    )
    client.force_login(sanna)
    url = reverse("grants:application_detail", args=[sent.public_id])
    page = client.get(url).content.decode()
    assert "Kertokaa &lt;ryhmien&gt; koosta." in page
    assert "Täydennä hakemus ja lähetä se uudelleen" in page
    send_page = client.get(reverse("grants:application_submit", args=[sent.public_id]))
    assert "Kertokaa &lt;ryhmien&gt; koosta." in send_page.content.decode()
    application_save(
        application=sent,
        actor=Actor(user=sanna),
        description="Kuukausittaiset vertaisryhmät Vaasassa ja Mustasaaressa.",
    )
    application_submit(application=sent, actor=Actor(user=sanna), declarations=True)
    page = client.get(url).content.decode()
    assert "Täydennä hakemus ja lähetä se uudelleen" not in page
    assert "<ins>" in page and "Mustasaaressa." in page
    assert "Versio 2" in page


# --- decisions -----------------------------------------------------------------------------


def test_a_coordinator_who_declared_himself_disqualified_cannot_decide(sent, carol) -> None:
    county_role(carol, "17", CountyRoleKind.REVIEWER)
    assignment = reviewer_assign(application=sent, reviewer=carol, actor=Actor(user=carol))
    disqualification_declare(
        assignment=assignment,
        actor=Actor(user=carol),
        disqualified=True,
        reason="Hakijan hallituksen jäsen.",
    )
    with pytest.raises(ValidationError) as refused:
        decide(sent, carol, "5000")
    assert refused.value.code == "disqualified"
    assert "esteellinen" in refused.value.messages[0]
    assert not Decision.objects.exists()


def test_the_disqualified_coordinator_gets_no_decision_form(client, sent, carol) -> None:
    county_role(carol, "17", CountyRoleKind.REVIEWER)
    assignment = reviewer_assign(application=sent, reviewer=carol, actor=Actor(user=carol))
    disqualification_declare(
        assignment=assignment, actor=Actor(user=carol), disqualified=True, reason="Jäsen."
    )
    client.force_login(carol)
    page = client.get(reverse("grants:managed_application", args=[sent.public_id]))
    assert 'value="decide"' not in page.content.decode()
    listing = client.get(reverse("grants:call_decisions", args=[sent.call.public_id]))
    assert 'value="decide"' not in listing.content.decode()
    refused = client.post(
        reverse("grants:managed_application", args=[sent.public_id]), {"form": "decide"}
    )
    assert refused.status_code == 403


def _decision_data(application: Application, amount: str, **extra: str) -> dict[str, str]:
    prefix = f"decide-{application.pk}"
    return {
        "form": "decide",
        f"{prefix}-amount": amount,
        f"{prefix}-decision_maker": "Hyvinvointijohtaja",
        f"{prefix}-decided_on": "2026-12-15",
        f"{prefix}-section": "§ 3",
        f"{prefix}-conditions": "",
        f"{prefix}-report_due": "2027-12-31",
        f"{prefix}-instalments-TOTAL_FORMS": "2",
        f"{prefix}-instalments-INITIAL_FORMS": "0",
        f"{prefix}-instalments-0-amount": "",
        f"{prefix}-instalments-0-due_on": "",
        f"{prefix}-instalments-1-amount": "",
        f"{prefix}-instalments-1-due_on": "",
        **{f"{prefix}-{name}": value for name, value in extra.items()},
    }


def test_a_decision_past_the_appropriation_asks_for_confirmation_on_the_page(
    client, applicant, sanna, carol
) -> None:
    call = make_call(appropriation=Decimal("10000"))
    application = sent_in_time(call, applicant, sanna)
    client.force_login(carol)
    url = reverse("grants:managed_application", args=[application.public_id])
    data = _decision_data(application, "12000")
    data[f"decide-{application.pk}-instalments-0-amount"] = "6000"
    data[f"decide-{application.pk}-instalments-0-due_on"] = "2027-01-15"
    data[f"decide-{application.pk}-instalments-1-amount"] = "6000"
    data[f"decide-{application.pk}-instalments-1-due_on"] = "2027-06-15"
    data["back"] = "decisions"
    refused = client.post(url, data)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "määrärahan" in body and "confirm_over_appropriation" in body
    assert not Decision.objects.exists()

    confirmed = client.post(
        url, {**data, f"decide-{application.pk}-confirm_over_appropriation": "on"}
    )
    assert confirmed.url == reverse("grants:call_decisions", args=[call.public_id])
    decision = Decision.objects.get()
    assert decision.over_appropriation_confirmed_by == carol
    assert [p.amount for p in decision.payments.order_by("due_on")] == [6000, 6000]


def test_a_held_organisation_shows_why_the_decision_waits(client, applicant, sanna, carol) -> None:
    earlier = make_call(closes_on=date(2025, 6, 5), opens_on=date(2025, 5, 1))
    old = sent_in_time(earlier, applicant, sanna)
    decide(old, carol, "3000", report_due=date(2026, 6, 30))
    application = Application.objects.create(
        call=make_call(), organisation=applicant, eligibility_override="Selvitys tulossa."
    )
    fill_in(application, sanna)
    application_submit(application=application, actor=SYSTEM, declarations=True)
    client.force_login(carol)
    page = client.post(
        reverse("grants:managed_application", args=[application.public_id]),
        _decision_data(application, "5000"),
    )
    assert page.status_code == 200
    assert "käyttöselvitystä" in page.content.decode()
    assert not Decision.objects.filter(application=application).exists()


# --- the application page's other forms ----------------------------------------------------


def test_the_coordinator_assigns_a_reviewer_and_asks_for_more(client, sent, carol, sanna) -> None:
    reviewer = UserFactory.create(full_name="Raili Arvioija")
    county_role(reviewer, "17", CountyRoleKind.REVIEWER)
    outsider = UserFactory.create(full_name="Eero Muualta")
    county_role(outsider, "16", CountyRoleKind.REVIEWER)
    client.force_login(carol)
    url = reverse("grants:managed_application", args=[sent.public_id])
    page = client.get(url).content.decode()
    assert "Raili Arvioija" in page and "Eero Muualta" not in page
    assert "Montako vapaaehtoista?" in page and "Ohjaajan palkkio" in page

    wrong = client.post(url, {"form": "assign", "assign-reviewer": str(outsider.pk)})
    assert "error-summary" in wrong.content.decode()
    assigned = client.post(url, {"form": "assign", "assign-reviewer": str(reviewer.pk)})
    assert assigned.status_code == 302
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.IN_REVIEW

    empty = client.post(url, {"form": "request", "request-message": "", "request-respond_by": ""})
    assert "Kerro, mitä hakijan" in empty.content.decode()
    token = "0" * 32
    data = {
        "form": "request",
        "submission_token": token,
        "request-message": "Lisätkää tilavuokra.",
        "request-respond_by": (timezone.localdate() + timedelta(days=10)).isoformat(),
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the same form again changes nothing
    assert InfoRequest.objects.filter(application=sent).count() == 1
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.INFO_REQUESTED


def test_the_coordinator_accepts_an_application_despite_checks(client, call, sanna, carol) -> None:
    unregistered = OrganisationFactory.create(municipalities=["905"])
    application = Application.objects.create(
        call=call, organisation=unregistered, eligibility_override="x"
    )
    fill_in(application, sanna)
    application_submit(application=application, actor=SYSTEM, declarations=True)
    Application.objects.filter(pk=application.pk).update(eligibility_override="")
    client.force_login(carol)
    url = reverse("grants:managed_application", args=[application.public_id])
    assert "vain rekisteröidyt yhteisöt" in client.get(url).content.decode()
    refused = client.post(url, {"form": "override", "override-reason": ""})
    assert "Kerro, miksi hakemus hyväksytään" in refused.content.decode()
    client.post(url, {"form": "override", "override-reason": "Rekisteröinti vireillä."})
    application.refresh_from_db()
    assert application.eligibility_override == "Rekisteröinti vireillä."


# --- the list and its exports --------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 5])
def test_the_list_and_its_exports_take_the_same_queries_at_any_length(
    client, call, carol, sanna, count, django_assert_num_queries
) -> None:
    _many(call, count, carol)
    client.force_login(carol)
    client.get(reverse("grants:call_applications", args=[call.public_id]))  # warm up
    url = reverse("grants:call_applications", args=[call.public_id])
    with django_assert_num_queries(QUERIES["page"]):
        page = client.get(url)
    assert page.content.decode().count("Risto Arvioija") == count
    export = reverse("grants:call_applications_export", args=[call.public_id])
    with django_assert_num_queries(QUERIES["csv"]):
        rows = csv_rows(client.get(export + "?format=csv"))
    assert len(rows) == count + 1
    with django_assert_num_queries(QUERIES["xlsx"]):
        sheet = xlsx_sheet(client.get(export + "?format=xlsx"))
    assert sheet.max_row == count + 1


QUERIES = {"page": 13, "csv": 17, "xlsx": 16}


def test_the_list_filters_and_exports_the_columns(client, call, carol, sanna) -> None:
    made = _many(call, 3, carol)
    Application.objects.filter(pk=made[1].pk).update(activity="Kerhotoiminta")
    client.force_login(carol)
    url = reverse("grants:call_applications", args=[call.public_id])
    found = client.get(url, {"q": "kerho"}).content.decode()
    assert "Kerhotoiminta" in found and "Omaishoitajien vertaisryhmät" not in found
    decided = client.get(url, {"status": "decided"}).content.decode()
    assert "1 hakemus" in decided
    none = client.get(url, {"override": "no"}).content.decode()
    assert "Yksikään hakemus ei vastaa" in none
    bad = client.get(url, {"status": "nope"})
    assert "Tarkista rajaukset" in bad.content.decode()

    export = reverse("grants:call_applications_export", args=[call.public_id])
    rows = csv_rows(client.get(export, {"format": "csv", "sort": "organisation"}))
    assert rows[0] == [
        "Järjestö",
        "Y-tunnus",
        "Toiminta",
        "Tila",
        "Haettu",
        "Lähetetty",
        "Kunnat",
        "Arvioijat",
        "Keskimääräinen pistemäärä",
        "Päätetty summa",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    first = by_name[str(made[0].organisation.name)]
    assert first[7] == "Risto Arvioija" and first[9] == "1000,00"
    assert first[6] == "Vaasa"


# --- access --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["sanna", "alice", "dave"])
def test_applicants_and_other_counties_see_none_of_it(client, request, sent, persona) -> None:
    client.force_login(request.getfixturevalue(persona))
    call = sent.call.public_id
    for url in (
        reverse("grants:call_applications", args=[call]),
        reverse("grants:call_applications_export", args=[call]) + "?format=csv",
        reverse("grants:call_decisions", args=[call]),
        reverse("grants:managed_application", args=[sent.public_id]),
    ):
        assert client.get(url).status_code in (403, 404), url
    posted = client.post(
        reverse("grants:managed_application", args=[sent.public_id]),
        {"form": "override", "override-reason": "Hyväksytään."},
    )
    assert posted.status_code in (403, 404)


def test_a_draft_is_not_on_the_coordinators_pages(client, draft, carol) -> None:
    client.force_login(carol)
    page = client.get(reverse("grants:managed_application", args=[draft.public_id]))
    assert page.status_code == 404
