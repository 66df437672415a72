"""The demo's meetings: both counties' cooperation structures this year, past meetings
held, the next ones with registrations and a full morning coffee with a waiting list, and
the statutory calendar with its gaps. Running the seed again adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from kumppani.core.models import AuditEvent, County
from kumppani.meetings.compliance import compliance
from kumppani.meetings.models import (
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    Requirement,
    Series,
    SeriesKind,
)

MODELS = (Series, Meeting, Registration, Requirement, AuditEvent)


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


@pytest.mark.django_db
def test_the_demo_has_both_counties_meetings_and_seeding_again_adds_nothing(
    settings, tmp_path
) -> None:
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    year = timezone.localdate().year

    call_command("seed_demo")

    check_the_calendar_has_its_gaps(year)
    check_meetings_are_held_or_to_come(year)
    check_the_next_morning_coffee_is_full_with_a_waiting_list()
    assert Requirement.objects.filter(year=year).count() == 12
    counts = [model.objects.count() for model in MODELS]

    call_command("seed_demo")

    assert [model.objects.count() for model in MODELS] == counts
