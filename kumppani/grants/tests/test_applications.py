"""Applications: one per organisation and call, sent once before the statutory deadline,
with declarations by someone who may sign, and a receipt through the outbox."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from kumppani.accounts.models import OrganisationRole
from kumppani.accounts.roles import forget_roles
from kumppani.core.actor import Actor
from kumppani.core.concurrency import version_of
from kumppani.core.models import AuditEvent, OutgoingEmail, StatusChange
from kumppani.grants.models import Application, ApplicationStatus
from kumppani.grants.services.applications import (
    application_save,
    application_start,
    application_submit,
    application_withdraw,
    eligibility_override,
)
from kumppani.testing.factories import OrganisationFactory

from .conftest import decide, fill_in, make_call, sent_in_time

HELSINKI = ZoneInfo("Europe/Helsinki")
pytestmark = pytest.mark.django_db


def test_starting_twice_gives_the_same_application(call, applicant, sanna) -> None:
    first = application_start(actor=Actor(user=sanna), call=call, organisation=applicant)
    again = application_start(actor=Actor(user=sanna), call=call, organisation=applicant)
    assert first.pk == again.pk
    assert Application.objects.filter(call=call, organisation=applicant).count() == 1


def test_a_sent_application_is_sent_once_with_one_receipt(draft, sanna) -> None:
    assert application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    assert not application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.declared_by == sanna and draft.declared_correct
    assert draft.revisions.count() == 1
    revision = draft.revisions.get()
    assert revision.content["activity"] == "Omaishoitajien vertaisryhmät"
    assert revision.content["budget"] == [["personnel", "Ohjaajan palkkio", "9000.00"]]
    receipts = OutgoingEmail.objects.filter(recipient=sanna.email)
    assert receipts.count() == 1
    assert "Omaishoitajien vertaisryhmät" in receipts.get().subject
    assert StatusChange.objects.filter(object_id=str(draft.pk), to_state="submitted").count() == 1
    assert AuditEvent.objects.filter(action="grants.application.submit").count() == 1


def test_sending_needs_the_declarations_and_what_is_missing(call, applicant, sanna) -> None:
    empty = application_start(actor=Actor(user=sanna), call=call, organisation=applicant)
    with pytest.raises(ValidationError) as refused:
        application_submit(application=empty, actor=Actor(user=sanna), declarations=False)
    assert "declarations" in refused.value.message_dict
    with pytest.raises(ValidationError) as incomplete:
        application_submit(application=empty, actor=Actor(user=sanna), declarations=True)
    assert "Anna toiminnalle nimi." in incomplete.value.messages
    assert "Vastaa kysymykseen ”Montako vapaaehtoista?”." in incomplete.value.messages
    empty.refresh_from_db()
    assert empty.status == ApplicationStatus.DRAFT


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (datetime(2024, 11, 30, 12, 0), True),  # the published last day, a Saturday
        (datetime(2024, 12, 2, 23, 59), True),  # the effective last day, Monday
        (datetime(2024, 12, 2, 23, 59, 59), True),
        (datetime(2024, 12, 3, 0, 0, 1), False),
    ],
)
def test_a_call_closing_on_a_saturday_takes_applications_until_monday_night(
    applicant, sanna, moment, accepted
) -> None:
    call = make_call(opens_on=date(2024, 11, 1), closes_on=date(2024, 11, 30))
    assert call.deadline_day == date(2024, 12, 2)
    application = Application.objects.create(call=call, organisation=applicant, created_by=sanna)
    fill_in(application, sanna)
    submit = {
        "application": application,
        "actor": Actor(user=sanna),
        "declarations": True,
        "now": moment.replace(tzinfo=HELSINKI),
    }
    if accepted:
        assert application_submit(**submit)
    else:
        with pytest.raises(ValidationError) as refused:
            application_submit(**submit)
        assert refused.value.code == "deadline_passed"


def test_an_ineligible_organisation_is_told_why_and_a_coordinator_may_accept_it(
    call, org_y, sanna, carol
) -> None:
    # org_y has no business ID: not a registered association.
    application = application_start(actor=Actor(user=sanna), call=call, organisation=org_y)
    fill_in(application, sanna)
    with pytest.raises(ValidationError) as refused:
        application_submit(application=application, actor=Actor(user=sanna), declarations=True)
    assert any("Y-tunnus" in message for message in refused.value.messages)

    eligibility_override(
        application=application, actor=Actor(user=carol), reason="Rekisteröinti vireillä."
    )
    assert application_submit(application=application, actor=Actor(user=sanna), declarations=True)
    event = AuditEvent.objects.get(action="grants.application.override_eligibility")
    assert event.details["reason"] == "Rekisteröinti vireillä."


def test_an_organisation_outside_the_county_is_not_eligible(call, sanna) -> None:
    outside = OrganisationFactory.create(business_id="1234562-0", municipalities=["743"])
    OrganisationRole.objects.create(user=sanna, organisation=outside, has_signing_right=True)
    forget_roles(sanna)
    application = Application.objects.create(call=call, organisation=outside, created_by=sanna)
    fill_in(application, sanna)
    with pytest.raises(ValidationError) as refused:
        application_submit(application=application, actor=Actor(user=sanna), declarations=True)
    assert [error.code for error in refused.value.error_list] == ["county"]
    assert any("Pohjanmaa" in message for message in refused.value.messages)


def test_a_withdrawn_application_frees_the_call_for_a_new_one(draft, applicant, sanna) -> None:
    application_withdraw(application=draft, actor=Actor(user=sanna))
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.WITHDRAWN
    new = application_start(actor=Actor(user=sanna), call=draft.call, organisation=applicant)
    assert new.pk != draft.pk


def test_a_sent_application_cannot_be_changed(draft, sanna) -> None:
    application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    with pytest.raises(ValidationError):
        application_save(application=draft, actor=Actor(user=sanna), activity="Muuta")
    draft.refresh_from_db()
    assert draft.activity == "Omaishoitajien vertaisryhmät"
    assert draft.requested_amount == Decimal("12000")


def test_an_organisation_with_an_overdue_usage_report_is_told_so_when_sending(
    applicant, sanna, carol
) -> None:
    last_year = make_call(opens_on=date(2024, 11, 1), closes_on=date(2024, 11, 30))
    old = sent_in_time(last_year, applicant, sanna)
    decide(old, carol, "3000", report_due=date(2025, 5, 31))
    application = fill_in(
        Application.objects.create(call=make_call(), organisation=applicant, created_by=sanna),
        sanna,
    )
    with pytest.raises(ValidationError) as refused:
        application_submit(application=application, actor=Actor(user=sanna), declarations=True)
    assert [error.code for error in refused.value.error_list] == ["previous_report"]
    assert "käyttöselvitystä ei ole vielä hyväksytty" in refused.value.messages[0]


def test_a_revision_is_dated_the_moment_the_application_was_sent(call, applicant, sanna) -> None:
    application = sent_in_time(call, applicant, sanna)
    revision = application.revisions.get()
    assert revision.created_at == application.submitted_at == call.deadline.replace(hour=12)


@pytest.mark.parametrize("typed", ["12500", "12 500", "12\u00a0500", "12 500 €", "12500,00"])
def test_an_amount_is_taken_as_people_write_it(typed) -> None:
    from django.utils import translation

    from kumppani.grants.forms import euros

    with translation.override("fi"):
        assert euros().clean(typed) == Decimal("12500")


def test_a_yes_or_no_question_offers_only_yes_and_no(draft) -> None:
    from kumppani.grants.forms import AnswersForm
    from kumppani.grants.models import Question, QuestionKind

    question = Question.objects.create(
        programme=draft.call.programme, kind=QuestionKind.YES_NO, text="Onko toiminta uutta?"
    )
    form = AnswersForm(questions=[question], prefix="answers")
    assert [value for value, _label in form.fields[f"q{question.pk}"].choices] == ["yes", "no"]


def test_saving_the_same_draft_again_writes_nothing(draft, sanna) -> None:
    from kumppani.core.models import AuditEvent

    version = version_of(draft)
    events = AuditEvent.objects.count()
    fill_in(draft, sanna)  # the same values, lines and answers as the fixture's
    draft.refresh_from_db()
    assert version_of(draft) == version
    assert AuditEvent.objects.count() == events


def test_changing_only_the_budget_moves_the_version_so_a_stale_save_is_told(draft, sanna) -> None:
    from kumppani.core.concurrency import ChangedMeanwhile

    seen = version_of(draft)
    application_save(
        application=draft,
        actor=Actor(user=sanna),
        base_version=seen,
        budget=[("personnel", "Ohjaajan palkkio", Decimal("9500"))],
    )
    draft.refresh_from_db()
    assert version_of(draft) != seen
    with pytest.raises(ChangedMeanwhile):
        application_save(
            application=draft,
            actor=Actor(user=sanna),
            base_version=seen,
            activity="Toisella laitteella muutettu nimi",
        )
