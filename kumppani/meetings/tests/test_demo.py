"""The demo's meetings: both counties' cooperation structures this year, past meetings
held (several with published memos), the next ones with registrations and a full morning
coffee with a waiting list, the statutory calendar with its gaps, Etelä-Pohjanmaa's NGO
council with 15 seats and a vacancy, statements with and without answers, open and closed
consultations and the liaison roster with its gaps. Running the seed again adds
nothing."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.deadlines import is_working_day
from kumppani.core.models import AuditEvent, County
from kumppani.meetings.compliance import compliance
from kumppani.meetings.models import (
    Attendance,
    Body,
    Consultation,
    ConsultationResponse,
    ConsultationStatus,
    LiaisonPerson,
    LiaisonRole,
    Meeting,
    MeetingStatus,
    Membership,
    Memo,
    MemoStatus,
    Nomination,
    Registration,
    RegistrationStatus,
    Requirement,
    Seat,
    Series,
    SeriesKind,
    Statement,
    StatementAnswer,
    StatementStatus,
)
from kumppani.meetings.services.body import quorum
from kumppani.organisations.models import OrganisationKind

MODELS = (
    Series,
    Meeting,
    Registration,
    Requirement,
    Memo,
    Body,
    Seat,
    Membership,
    Nomination,
    Attendance,
    Statement,
    StatementAnswer,
    Consultation,
    ConsultationResponse,
    LiaisonPerson,
    AuditEvent,
)


def check_the_calendar_has_its_gaps(year: int) -> None:
    ep = {s.requirement.code: s for s in compliance(County.objects.get(code="16"), year)}
    tables = ep["municipal_table"]
    assert (tables.required, tables.planned) == (18, 11)
    assert len(tables.missing) == 7 and "Soini" in tables.missing
    network = ep["liaison_network"]
    assert network.planned == 1 and network.held <= 1 and network.warnings
    assert ep["wellbeing_report"].held == 1
    ob = {s.requirement.code: s for s in compliance(County.objects.get(code="17"), year)}
    assert ob["sector_table"].required == 4
    assert ob["sector_table"].planned == 4 and not ob["sector_table"].missing
    assert ob["municipal_table"].planned == 5 and len(ob["municipal_table"].missing) > 5
    assert ob["ngo_forum"].planned == 2


def check_meetings_are_held_or_to_come(year: int) -> None:
    now = timezone.now()
    this_year = Meeting.objects.filter(starts_at__year=year)
    assert not this_year.filter(status=MeetingStatus.SCHEDULED, ends_at__lte=now).exists()
    assert not this_year.filter(status=MeetingStatus.HELD, ends_at__gt=now).exists()
    coffees = Meeting.objects.filter(series__kind=SeriesKind.MORNING_COFFEE, starts_at__year=year)
    assert coffees.count() >= 10
    first = coffees.first()
    assert first is not None and timezone.localtime(first.starts_at).strftime("%H:%M") == "08:15"
    assert all(timezone.localtime(m.starts_at).isoweekday() == 3 for m in coffees)


def check_the_next_morning_coffee_is_full_with_a_waiting_list() -> None:
    coffee = (
        Meeting.objects.filter(series__kind=SeriesKind.MORNING_COFFEE, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    assert coffee is not None
    statuses = list(coffee.registrations.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == coffee.capacity
    assert statuses.count(RegistrationStatus.WAITING) == 2


def check_held_meetings_have_published_memos() -> None:
    memos = Memo.objects.filter(status=MemoStatus.PUBLISHED).select_related("meeting")
    assert all(memo.meeting.status == MeetingStatus.HELD for memo in memos)
    assert all(memo.body and memo.topics_raised for memo in memos)
    ep = memos.filter(meeting__county__code="16")
    assert ep.count() >= 3 and set(ep.values_list("language", flat=True)) == {"fi"}
    assert ep.filter(meeting__series__kind=SeriesKind.INFLUENCE_BODY).exclude(decisions="")
    ob = memos.filter(meeting__county__code="17")
    assert ob.filter(language="sv").exists()
    # Not every held meeting has its memo yet.
    assert Meeting.objects.filter(status=MeetingStatus.HELD, memo__isnull=True).exists()


def check_the_council_has_15_seats_and_one_vacancy(client: Client) -> None:
    body = Body.objects.get(county__code="16")
    assert body.name_sv == "Organisationsdelegationen"
    term = body.terms.get()
    assert (term.starts_on, term.ends_on) == (date(2025, 6, 1), date(2029, 5, 31))
    assert (term.decided_on, term.section) == (date(2025, 5, 26), "§ 142")
    seats = Seat.objects.filter(term=term)
    assert Counter(seats.values_list("category", flat=True)) == {"parish": 3, "ngo": 12}
    current = Membership.objects.filter(seat__term=term, ends_on__isnull=True)
    assert current.count() == 14
    assert all(
        m.deputy_name and m.organisation and m.appointed_by and m.decided_on and m.section
        for m in current
    )
    parishes = current.filter(seat__category="parish")
    assert {m.organisation.kind for m in parishes if m.organisation} == {OrganisationKind.PARISH}
    assert parishes.values("organisation").distinct().count() == 3
    vacant = [seat for seat in seats if not current.filter(seat=seat).exists()]
    assert [seat.category for seat in vacant] == ["ngo"]
    replaced = Membership.objects.filter(seat__term=term, ends_on__isnull=False).get()
    successor = current.get(seat=replaced.seat)
    assert replaced.ends_on == successor.starts_on - timedelta(days=1)
    assert successor.decided_on > replaced.decided_on
    assert term.nominations.exists()
    held = Meeting.objects.filter(series=body.series, status=MeetingStatus.HELD)
    assert held.exists()
    assert all(quorum(meeting, body).reached for meeting in held)
    attendance = Attendance.objects.filter(meeting__in=held)
    assert {row.attended for row in attendance} == {"member", "deputy"}
    client.force_login(User.objects.get(email="koordinaattori@demo.kumppani.fi"))
    page = client.get(reverse("meetings:body_detail", args=[body.public_id]))
    assert page.context["vacancies"] == 1
    assert any(row["past"] for row in page.context["rows"])


def check_statements_with_and_without_answers(client: Client) -> None:
    for code in ("16", "17"):
        statuses = set(Statement.objects.filter(county__code=code).values_list("status", flat=True))
        assert statuses == {StatementStatus.RECEIVED, StatementStatus.ANSWERED}
    assert set(Statement.objects.values_list("kind", flat=True)) == {
        "statement",
        "initiative",
        "feedback",
    }
    answered = Statement.objects.filter(status=StatementStatus.ANSWERED)
    assert answered.count() == StatementAnswer.objects.count()
    page = client.get(reverse("meetings:you_said_we_did", args=["16"])).content.decode()
    assert all(
        answer.text in page
        for answer in StatementAnswer.objects.filter(statement__county__code="16")
    )


def check_consultations_open_and_closed() -> None:
    now = timezone.now()
    for code in ("16", "17"):
        consultations = Consultation.objects.filter(county__code=code)
        open_ = consultations.get(status=ConsultationStatus.OPEN)
        assert open_.accepts_answers(now) and open_.questions and open_.title_sv
        assert open_.deadline_day > open_.closes_on  # the last day is a Saturday
        assert is_working_day(open_.deadline_day)
        closed = consultations.get(status=ConsultationStatus.CLOSED)
        assert closed.summary and closed.outcome
    assert ConsultationResponse.objects.filter(consultation__status=ConsultationStatus.OPEN)


def check_the_liaison_coverage_has_gaps(client: Client) -> None:
    year = timezone.localdate().year
    ngo = LiaisonPerson.objects.filter(role=LiaisonRole.NGO)
    assert all(p.paired_with and p.paired_with.municipality_id == p.municipality_id for p in ngo)
    assert ngo.filter(publish_consent=True) and ngo.filter(publish_consent=False)
    assert ngo.filter(user__email="yhdyshenkilo@demo.kumppani.fi", municipality__code="743")
    client.force_login(User.objects.get(email="admin@demo.kumppani.fi"))
    gaps = {}
    for code in ("16", "17"):
        context = client.get(reverse("meetings:liaison_coverage", args=[code])).context
        gaps[code] = (
            sorted(row.code for row in context["without_ngo"]),
            sorted(row.code for row in context["not_confirmed"]),
        )
        assert len(context["rows"]) - len(context["without_ngo"]) >= 12
    assert gaps["16"] == (["151", "759"], ["052", "151", "218", "759"])
    assert gaps["17"] == (["231", "280"], ["231", "280", "399", "440"])
    assert LiaisonPerson.objects.filter(municipality__code="052", confirmed_year=year - 1)


@pytest.mark.django_db
def test_the_demo_has_both_counties_meetings_and_seeding_again_adds_nothing(
    settings, tmp_path, client
) -> None:
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    year = timezone.localdate().year

    call_command("seed_demo")

    check_the_calendar_has_its_gaps(year)
    check_meetings_are_held_or_to_come(year)
    check_the_next_morning_coffee_is_full_with_a_waiting_list()
    assert Requirement.objects.filter(year=year).count() == 12
    check_held_meetings_have_published_memos()
    check_the_council_has_15_seats_and_one_vacancy(client)
    check_statements_with_and_without_answers(client)
    check_consultations_open_and_closed()
    check_the_liaison_coverage_has_gaps(client)
    counts = [model.objects.count() for model in MODELS]

    call_command("seed_demo")

    assert [model.objects.count() for model in MODELS] == counts
    check_the_calendar_has_its_gaps(year)
