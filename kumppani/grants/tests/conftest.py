"""Grants test set-up: a published call of Pohjanmaa (17) open today, and org_y (Vaasa) as a
registered applicant whose representative sanna holds signing right."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.core.models import Municipality
from kumppani.grants.models import (
    Application,
    Call,
    CountyGoal,
    Decision,
    GoalKind,
    GrantKind,
    QuestionKind,
)
from kumppani.grants.services.applications import (
    application_save,
    application_start,
    application_submit,
)
from kumppani.grants.services.funding import decision_make
from kumppani.grants.services.programmes import call_create, call_publish, programme_create
from kumppani.organisations.models import Organisation
from kumppani.testing.factories import county

SYSTEM = Actor.system("tests")


def make_call(
    *,
    county_code: str = "17",
    opens_on: date | None = None,
    closes_on: date | None = None,
    published: bool = True,
    **programme: Any,
) -> Call:
    today = timezone.localdate()
    goal = CountyGoal.objects.create(
        county=county(county_code), kind=GoalKind.WELLBEING_PLAN, title="Osallisuus vahvistuu"
    )
    created = programme_create(
        actor=SYSTEM,
        county=county(county_code),
        year=(closes_on or today).year + 1,
        kind=programme.pop("kind", GrantKind.OPERATING),
        title_fi="Toiminta-avustukset",
        title_sv="Verksamhetsbidrag",
        appropriation=programme.pop("appropriation", Decimal("100000")),
        criteria=[{"goal": goal, "title_fi": "Vaikuttavuus", "weight": 2}],
        questions=[
            {"kind": QuestionKind.NUMBER, "text_fi": "Montako vapaaehtoista?", "is_required": True}
        ],
        **programme,
    )
    call = call_create(
        actor=SYSTEM,
        programme=created,
        title_fi="Toiminta-avustusten haku",
        title_sv="Ansökan om verksamhetsbidrag",
        opens_on=opens_on or today - timedelta(days=10),
        closes_on=closes_on or today + timedelta(days=20),
    )
    if published:
        call_publish(actor=SYSTEM, call=call)
    return call


@pytest.fixture
def call(db: None) -> Call:
    return make_call()


@pytest.fixture
def applicant(org_y: Organisation) -> Organisation:
    """org_y, registered (a business ID) and so eligible in Pohjanmaa."""
    org_y.business_id = "1234561-2"
    org_y.save(update_fields=["business_id"])
    return org_y


def fill_in(application: Application, user: User) -> Application:
    """Everything a complete application needs."""
    question = application.call.programme.questions.get()
    return application_save(
        application=application,
        actor=Actor(user=user),
        activity="Omaishoitajien vertaisryhmät",
        description="Kuukausittaiset vertaisryhmät Vaasassa.",
        requested_amount=Decimal("12000"),
        municipalities=Municipality.objects.filter(code="905"),
        budget=[("personnel", "Ohjaajan palkkio", Decimal("9000"))],
        income=[("own", Decimal("1000"), "")],
        answers={question.pk: "12"},
        iban="FI21 1234 5600 0007 85",
        bic="NDEAFIHH",
    )


@pytest.fixture
def draft(call: Call, applicant: Organisation, sanna: User) -> Application:
    return fill_in(
        application_start(actor=Actor(user=sanna), call=call, organisation=applicant), sanna
    )


@pytest.fixture
def sent(draft: Application, sanna: User) -> Application:
    """The draft, sent by sanna."""
    application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    return draft


def decide(
    application: Application,
    coordinator: User,
    amount: str,
    report_due: date = date(2027, 12, 31),
    **options: Any,
) -> Decision:
    """A decision by ``coordinator`` on 15.12.2026, the usage report due by default a year
    later."""
    return decision_make(
        application=application,
        actor=Actor(user=coordinator),
        amount=Decimal(amount),
        decision_maker="Hyvinvointijohtaja Anna Päättäjä",
        decided_on=date(2026, 12, 15),
        report_due=report_due,
        section="§ 12",
        **options,
    )


def sent_in_time(call: Call, organisation: Organisation, user: User) -> Application:
    """A complete application of the organisation to the call, sent by ``user`` at noon of
    the call's last day (whenever that is)."""
    application = fill_in(
        Application.objects.create(call=call, organisation=organisation, created_by=user), user
    )
    application_submit(
        application=application,
        actor=Actor(user=user),
        declarations=True,
        now=call.deadline.replace(hour=12),
    )
    return application


def last_years_application(organisation: Organisation, user: User) -> Application:
    """A complete application of the organisation to a call of November 2025, sent in time
    by ``user``."""
    return sent_in_time(
        make_call(opens_on=date(2025, 11, 1), closes_on=date(2025, 11, 30)), organisation, user
    )
