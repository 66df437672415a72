"""Meeting series and the meetings made from their recurrence rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes, check_version
from kumppani.core.deadlines import HELSINKI, is_public_holiday
from kumppani.core.models import County
from kumppani.organisations.models import Organisation

from ..models import Audience, Meeting, Series

SERIES_FIELDS = (
    "organiser_municipality",
    "kind",
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "target_per_year",
    "audience",
    "recurrence",
    "default_start_time",
    "default_duration_minutes",
    "default_mode",
    "default_place",
    "default_online_link",
    "default_capacity",
    "is_active",
)

# How far ahead meetings may be made at once (and the holiday calendar reaches).
MAX_YEARS_AHEAD = 3


@transaction.atomic
def series_create(
    *,
    actor: Actor,
    county: County,
    co_hosts: Iterable[Organisation] = (),
    **fields: Any,
) -> Series:
    """Make a meeting series of the county (or of ``organiser_municipality`` in it)."""
    workflow.refuse_unknown(fields, SERIES_FIELDS, "series")
    series = Series(county=county)
    apply_changes(series, fields)
    series.full_clean()
    series.save()
    series.co_hosts.set(list(co_hosts))
    audit_record(
        actor=actor,
        action="meetings.series.create",
        obj=series,
        county=county,
        details={"kind": series.kind},
    )
    return series


@transaction.atomic
def series_update(
    *,
    actor: Actor,
    series: Series,
    base_version: str | None = None,
    co_hosts: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Series:
    """Save the series: only what changed is written. Meetings already made keep their
    own title, time and place."""
    workflow.refuse_unknown(fields, SERIES_FIELDS, "series")
    workflow.lock(series)
    check_version(series, base_version, fields)
    changed = apply_changes(series, fields)
    if changed:
        series.full_clean()
    if co_hosts is not None:
        wanted = {organisation.pk for organisation in co_hosts}
        if wanted != set(series.co_hosts.values_list("pk", flat=True)):
            series.co_hosts.set(list(wanted))
            changed.append("co_hosts")
    if changed:
        series.save(update_fields=[name for name in changed if name != "co_hosts"] + ["updated_at"])
        audit_record(
            actor=actor,
            action="meetings.series.update",
            obj=series,
            county=series.county,
            details={"changed": sorted(changed)},
        )
    return series


def occurrences(series: Series, *, since: date, until: date) -> list[date]:
    """The days from ``since`` to ``until`` (both included) on which the series' rule
    falls, Finnish public holidays (and their eves) left out."""
    if not series.recurrence:
        return []
    try:
        rule = rrulestr(series.recurrence, dtstart=datetime.combine(since, time.min))
        days = rule.between(
            datetime.combine(since, time.min), datetime.combine(until, time.min), inc=True
        )
    except (ValueError, TypeError):
        raise ValidationError(
            {"recurrence": _("The recurrence rule is not valid.")}, code="recurrence"
        ) from None
    return [day.date() for day in days if not is_public_holiday(day.date())]


@transaction.atomic
def meetings_generate(
    series: Series, until: date, *, actor: Actor, since: date | None = None
) -> list[Meeting]:
    """Make the series' meetings for its occurrences from ``since`` (today by default) to
    ``until``, skipping public holidays; return those made now. An occurrence is made once:
    one already made (even if since moved, changed or cancelled) is left alone, so running
    this again makes nothing new."""
    workflow.lock(series)
    since = since or timezone.localdate()
    if until < since:
        return []
    if until > since + timedelta(days=366 * MAX_YEARS_AHEAD):
        raise ValidationError(
            _("Meetings can be made at most %(years)s years ahead.") % {"years": MAX_YEARS_AHEAD},
            code="too_far",
        )
    if not series.is_active:
        raise ValidationError(_("The series is no longer active."), code="inactive")
    made_already = set(
        series.meetings.filter(occurrence_date__range=(since, until)).values_list(
            "occurrence_date", flat=True
        )
    )
    made = []
    for day in occurrences(series, since=since, until=until):
        if day in made_already:
            continue
        starts_at = datetime.combine(day, series.default_start_time, tzinfo=HELSINKI)
        meeting = Meeting(
            series=series,
            county_id=series.county_id,
            occurrence_date=day,
            mode=series.default_mode,
            place=series.default_place,
            online_link=series.default_online_link,
            capacity=series.default_capacity,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=series.default_duration_minutes),
            is_public=series.audience == Audience.OPEN,
        )
        # The series' title in each language (modeltranslation's fields).
        for language in ("fi", "sv", "en"):
            setattr(meeting, f"title_{language}", getattr(series, f"title_{language}"))
        meeting.full_clean()
        meeting.save()
        made.append(meeting)
    if made:
        audit_record(
            actor=actor,
            action="meetings.meeting.generate",
            obj=series,
            county=series.county,
            details={"made": [m.occurrence_date.isoformat() for m in made if m.occurrence_date]},
        )
    return made
