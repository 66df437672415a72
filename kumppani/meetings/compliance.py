"""The statutory calendar's compliance: for each requirement of a county's year, how many
meetings are planned and how many held, who is still without one, and what is at risk.

Counted from five queries whatever the number of meetings: the requirements, the year's
meetings, the county's municipalities, its series of the kinds counted series by series and the
held meetings' published memos.
"Planned" is every meeting of the year not cancelled (held ones included); "held" is a
meeting marked held, or one that has ended and was not cancelled.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core.deadlines import HELSINKI
from kumppani.core.languages import translated
from kumppani.core.models import County, Municipality

from .models import Meeting, MeetingStatus, Memo, MemoStatus, Requirement, Scope, Series


class State:
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NOT_MET = "not_met"


def state_labels() -> dict[str, str]:
    return {
        State.MET: _("Met"),
        State.ON_TRACK: _("On track"),
        State.AT_RISK: _("At risk"),
        State.NOT_MET: _("Not met"),
    }


@dataclass
class Standing:
    """One requirement's standing. For a requirement counted per municipality (or per
    series) ``required`` is the number of municipalities (series), ``planned`` and ``held``
    how many of them have their minimum planned or held, and ``missing`` names the ones
    short of it."""

    requirement: Requirement
    name: str
    required: int
    planned: int
    held: int
    missing: list[str] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    # Evidence of each held meeting (its memo's address), by meeting id.
    evidence: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    state: str = State.ON_TRACK

    @property
    def state_label(self) -> str:
        return state_labels()[self.state]

    @property
    def meeting_rows(self) -> list[tuple[Meeting, str]]:
        """Each meeting counted, with the address of its evidence ("" when none)."""
        return [(meeting, self.evidence.get(meeting.pk, "")) for meeting in self.meetings]

    @property
    def missing_municipalities(self) -> list[str]:
        return self.missing if self.requirement.scope == Scope.MUNICIPALITY else []


def year_span(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=HELSINKI), datetime(year + 1, 1, 1, tzinfo=HELSINKI)


def year_gone(year: int, now: datetime) -> float:
    """How much of the year has gone: 0 before it, 1 after it."""
    start, end = year_span(year)
    return min(1.0, max(0.0, (now - start) / (end - start)))


def is_held(meeting: Meeting, now: datetime) -> bool:
    return meeting.status == MeetingStatus.HELD or (
        meeting.status == MeetingStatus.SCHEDULED and meeting.ends_at <= now
    )


def meeting_evidence(meetings: list[Meeting]) -> dict[int, str]:
    """The evidence of held meetings: {meeting id: the address of its published memo}, in
    one query whatever the number of meetings."""
    if not meetings:
        return {}
    published = Memo.objects.filter(meeting__in=meetings, status=MemoStatus.PUBLISHED).values_list(
        "meeting_id", "meeting__public_id"
    )
    return {
        meeting_id: reverse("meetings:memo_detail", args=[public_id])
        for meeting_id, public_id in published
    }


def compliance(county: County, year: int, *, now: datetime | None = None) -> list[Standing]:
    """Each requirement of the county's year with its standing."""
    now = now or timezone.now()
    requirements = list(Requirement.objects.filter(county=county, year=year))
    if not requirements:
        return []
    start, end = year_span(year)
    meetings = list(
        Meeting.objects.filter(
            county=county, starts_at__gte=start, starts_at__lt=end, series__isnull=False
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("series")
        .order_by("starts_at", "id")
    )
    by_kind: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_kind[meeting.series.kind].append(meeting)  # type: ignore[union-attr]
    municipalities = list(
        Municipality.objects.filter(county=county).order_by("name", "code")
        if any(r.scope == Scope.MUNICIPALITY for r in requirements)
        else []
    )
    series_kinds = {r.series_kind for r in requirements if r.scope == Scope.SERIES}
    all_series = list(
        Series.objects.filter(county=county, kind__in=series_kinds, is_active=True).order_by(
            "title", "id"
        )
        if series_kinds
        else []
    )
    gone = year_gone(year, now)
    evidence = meeting_evidence([m for m in meetings if is_held(m, now)])
    standings = []
    for requirement in requirements:
        standing = _standing(
            requirement, by_kind.get(requirement.series_kind, []), municipalities, all_series, now
        )
        standing.evidence = {m.pk: evidence[m.pk] for m in standing.meetings if m.pk in evidence}
        _judge(standing, gone)
        standings.append(standing)
    return standings


def _standing(
    requirement: Requirement,
    meetings: list[Meeting],
    municipalities: list[Municipality],
    all_series: list[Series],
    now: datetime,
) -> Standing:
    name = translated(requirement, "name").text
    if not requirement.series_kind:
        done = 1 if requirement.evidence else 0
        return Standing(requirement, name, requirement.minimum, done, done)
    held_meetings = [m for m in meetings if is_held(m, now)]
    if requirement.scope == Scope.COUNTY:
        return Standing(
            requirement, name, requirement.minimum, len(meetings), len(held_meetings), [], meetings
        )
    units: list[tuple[int, str]]
    if requirement.scope == Scope.MUNICIPALITY:
        units = [(m.pk, translated(m, "name").text) for m in municipalities]

        def unit_of(meeting: Meeting) -> int | None:
            return meeting.series.organiser_municipality_id  # type: ignore[union-attr]
    else:
        units = [
            (s.pk, translated(s, "title").text)
            for s in all_series
            if s.kind == requirement.series_kind
        ]

        def unit_of(meeting: Meeting) -> int | None:
            return meeting.series_id

    planned: dict[int | None, int] = defaultdict(int)
    held: dict[int | None, int] = defaultdict(int)
    for meeting in meetings:
        planned[unit_of(meeting)] += 1
        if is_held(meeting, now):
            held[unit_of(meeting)] += 1
    minimum = requirement.minimum
    standing = Standing(
        requirement,
        name,
        required=len(units),
        planned=sum(1 for pk, _name in units if planned[pk] >= minimum),
        held=sum(1 for pk, _name in units if held[pk] >= minimum),
        missing=[unit_name for pk, unit_name in units if planned[pk] < minimum],
        meetings=meetings,
    )
    if requirement.maximum is not None:
        over = [unit_name for pk, unit_name in units if planned[pk] > requirement.maximum]
        if over:
            standing.warnings.append(
                _("More meetings planned than the most required: %(names)s.")
                % {"names": ", ".join(over)}
            )
    if not units:
        standing.required = 1
        standing.warnings.append(_("The county has no series of this kind."))
    return standing


def _judge(standing: Standing, gone: float) -> None:
    """Add the warnings of a requirement at risk and settle its state."""
    requirement = standing.requirement
    if not requirement.series_kind:
        if not requirement.evidence and gone > 0.5:
            standing.warnings.append(_("No evidence has been recorded yet."))
    else:
        if standing.planned < standing.required:
            standing.warnings.append(
                _("Fewer planned than required: %(planned)s of %(required)s.")
                % {"planned": standing.planned, "required": standing.required}
            )
        if (
            requirement.scope == Scope.COUNTY
            and requirement.maximum is not None
            and standing.planned > requirement.maximum
        ):
            standing.warnings.append(
                _("More meetings planned than the most required: %(names)s.")
                % {"names": standing.name}
            )
        if gone > 0.5 and standing.held * 2 < standing.required:
            standing.warnings.append(
                _("More than half of the year has gone and less than half is held.")
            )
    if standing.held >= standing.required and not standing.warnings:
        standing.state = State.MET
    elif gone >= 1 and standing.held < standing.required:
        standing.state = State.NOT_MET
    elif standing.warnings:
        standing.state = State.AT_RISK
    else:
        standing.state = State.ON_TRACK
