"""The statutory calendar: a county's year of requirements against its meetings, on the
page, in the export and in the API alike."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kumppani.core.deadlines import HELSINKI
from kumppani.core.models import AuditEvent, Municipality
from kumppani.meetings.compliance import State, compliance
from kumppani.meetings.models import Meeting, Mode, Requirement, SeriesKind
from kumppani.meetings.services.calendar import (
    requirement_evidence_save,
    requirements_default,
)
from kumppani.meetings.services.meetings import meeting_cancel, meeting_create
from kumppani.meetings.services.memos import memo_publish, memo_save
from kumppani.meetings.services.series import series_create
from kumppani.testing.factories import county, municipality

from .conftest import SYSTEM

TABLE_MUNICIPALITIES = ("743", "005")  # Seinäjoki, Alajärvi


def _series(kind: str, title: str, municipality_code: str = ""):
    return series_create(
        actor=SYSTEM,
        county=county("16"),
        kind=kind,
        title_fi=title,
        organiser_municipality=municipality(municipality_code) if municipality_code else None,
    )


def _meeting(series, day: datetime) -> Meeting:
    starts_at = datetime.combine(day, time(14), tzinfo=HELSINKI)
    return meeting_create(
        actor=SYSTEM,
        county=series.county,
        series=series,
        title_fi=series.title_fi,
        mode=Mode.ONLINE,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )


def last_years_calendar(meetings_per_table: int = 1) -> int:
    """Last year in Etelä-Pohjanmaa: the default requirements; the liaison network met once
    (its second meeting cancelled); partnership tables in two municipalities only."""
    year = timezone.localdate().year - 1
    requirements_default(county=county("16"), year=year, actor=SYSTEM)
    network = _series(SeriesKind.LIAISON_NETWORK, "Järjestöyhdyshenkilöiden verkosto")
    _meeting(network, datetime(year, 3, 10))
    meeting_cancel(actor=SYSTEM, meeting=_meeting(network, datetime(year, 10, 13)))
    for code in TABLE_MUNICIPALITIES:
        table = _series(SeriesKind.MUNICIPAL_TABLE, f"Kumppanuuspöytä {code}", code)
        for month in range(meetings_per_table):
            _meeting(table, datetime(year, 4 + month, 14))
    return year


def _without_tables() -> set[str]:
    return set(
        Municipality.objects.filter(county__code="16")
        .exclude(code__in=TABLE_MUNICIPALITIES)
        .values_list("name", flat=True)
    )


def test_the_page_shows_municipalities_without_a_table_and_the_network_short(client, db) -> None:
    year = last_years_calendar()

    response = client.get(reverse("meetings:compliance"), {"county": "16", "year": year})

    assert response.status_code == 200
    by_code = {s.requirement.code: s for s in response.context["standings"]}
    network = by_code["liaison_network"]
    assert (network.required, network.planned, network.held) == (2, 1, 1)
    assert network.state == State.NOT_MET and network.warnings
    tables = by_code["municipal_table"]
    missing = _without_tables()
    assert len(missing) == 16
    assert set(tables.missing) == missing
    assert (tables.required, tables.planned, tables.held) == (18, 2, 2)
    html = response.content.decode()
    assert all(name in html for name in missing)
    assert "Seinäjoki</li>" not in html
    # The chart and its table of figures.
    assert "<svg" in html and "compliance-table" in html


def test_the_api_returns_the_same(client, db) -> None:
    year = last_years_calendar()

    response = client.get("/api/v1/meetings/compliance", {"county": "16", "year": year})

    assert response.status_code == 200
    body = response.json()
    assert body["county_code"] == "16" and body["year"] == year
    by_code = {r["code"]: r for r in body["requirements"]}
    assert [by_code["liaison_network"][k] for k in ("required", "planned", "held")] == [2, 1, 1]
    assert set(by_code["municipal_table"]["missing_municipalities"]) == _without_tables()
    assert by_code["negotiation_s7"]["state"] == "not_met"
    assert by_code["sector_table"]["short_series"] == []  # no series of the kind at all
    assert by_code["sector_table"]["warnings"]


def test_the_api_refuses_an_unknown_county(client, db) -> None:
    response = client.get("/api/v1/meetings/compliance", {"county": "99"})
    assert response.status_code == 400


def test_this_years_meetings_to_come_are_planned_not_held(db) -> None:
    year = timezone.localdate().year
    requirements_default(county=county("16"), year=year, actor=SYSTEM)
    forum = _series(SeriesKind.NGO_FORUM, "Järjestöfoorumi")
    now = timezone.now()
    past, future = now - timedelta(days=1), now + timedelta(days=1)
    for moment in (past, future):
        if moment.year == year:
            meeting_create(
                actor=SYSTEM,
                county=forum.county,
                series=forum,
                title_fi="Foorumi",
                mode=Mode.ONLINE,
                starts_at=moment,
                ends_at=moment + timedelta(hours=1),
            )
    standing = {s.requirement.code: s for s in compliance(county("16"), year)}["ngo_forum"]
    expected_held = 1 if past.year == year else 0
    assert standing.held == expected_held
    assert standing.planned == expected_held + (1 if future.year == year else 0)


def test_the_wellbeing_report_is_met_by_written_evidence(db) -> None:
    year = timezone.localdate().year - 1
    requirements_default(county=county("16"), year=year, actor=SYSTEM)
    requirement = Requirement.objects.get(county__code="16", year=year, code="wellbeing_report")
    standing = {s.requirement.code: s for s in compliance(county("16"), year)}
    assert standing["wellbeing_report"].state == State.NOT_MET

    requirement_evidence_save(requirement=requirement, evidence="Kuultu 3.5.", actor=SYSTEM)
    requirement_evidence_save(requirement=requirement, evidence="Kuultu 3.5.", actor=SYSTEM)

    standing = {s.requirement.code: s for s in compliance(county("16"), year)}
    assert standing["wellbeing_report"].state == State.MET
    assert AuditEvent.objects.filter(action="meetings.requirement.evidence").count() == 1


def test_the_default_requirements_are_added_once(db) -> None:
    year = timezone.localdate().year
    assert len(requirements_default(county=county("17"), year=year, actor=SYSTEM)) == 6
    assert requirements_default(county=county("17"), year=year, actor=SYSTEM) == []


@pytest.mark.parametrize("meetings_per_table", [1, 3])
def test_the_page_and_the_api_take_as_many_queries_whatever_the_meetings(
    client, db, django_assert_num_queries, meetings_per_table
) -> None:
    year = last_years_calendar(meetings_per_table)
    params = {"county": "16", "year": year}
    # The county choices, the county, the requirements, the meetings, the municipalities,
    # the series counted one by one; the page lists the counties again in its form.
    # and the held meetings' published memos.
    with django_assert_num_queries(7):
        client.get("/api/v1/meetings/compliance", params)
    with django_assert_num_queries(9):
        client.get(reverse("meetings:compliance"), params)


def test_a_coordinator_adds_the_requirements_and_others_may_not(client, alice, carol, db) -> None:
    year = timezone.localdate().year
    url = reverse("meetings:requirements_add")
    client.force_login(carol)
    assert client.post(url, {"county": "16", "year": year}).status_code == 403
    client.force_login(alice)
    response = client.post(url, {"county": "16", "year": year})
    assert response.status_code == 302
    assert Requirement.objects.filter(county__code="16", year=year).count() == 6


def test_the_export_has_a_row_per_requirement(client, db) -> None:
    year = last_years_calendar()
    response = client.get(
        reverse("meetings:compliance_export"), {"county": "16", "year": year, "format": "csv"}
    )
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 7
    assert AuditEvent.objects.filter(action="meetings.compliance.export").count() == 1


def test_a_published_memo_is_the_evidence_of_its_meeting(client, db) -> None:
    year = last_years_calendar()
    held = Meeting.objects.filter(
        series__kind=SeriesKind.MUNICIPAL_TABLE, series__organiser_municipality__code="743"
    ).get()
    drafted = Meeting.objects.filter(
        series__kind=SeriesKind.MUNICIPAL_TABLE, series__organiser_municipality__code="005"
    ).get()
    memo_save(meeting=held, actor=SYSTEM, body="Keskusteltiin yksinäisyydestä.")
    memo_publish(meeting=held, actor=SYSTEM)
    memo_save(meeting=drafted, actor=SYSTEM, body="Luonnos")

    tables = next(
        s for s in compliance(county("16"), year) if s.requirement.series_kind == "municipal_table"
    )

    memo_url = reverse("meetings:memo_detail", args=[held.public_id])
    assert tables.evidence == {held.pk: memo_url}
    page = client.get(reverse("meetings:compliance"), {"county": "16", "year": year})
    assert f'href="{memo_url}"' in page.content.decode()
