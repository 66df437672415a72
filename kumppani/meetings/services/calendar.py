"""The statutory calendar: a county's requirements for a year, their written evidence, and
meetings marked as held."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import County

from ..models import Meeting, MeetingStatus, Requirement, Scope, SeriesKind


@dataclass(frozen=True)
class Default:
    """A requirement every county has, in the fields of `Requirement`."""

    code: str
    name_fi: str
    name_sv: str
    name_en: str
    series_kind: str
    scope: str
    minimum: int
    maximum: int | None
    legal_basis: str


# The yearly requirements every county has (612/2021 = the act on organising social and
# health care, 611/2021 = the act on wellbeing services counties).
DEFAULTS = (
    Default(
        "negotiation_s7",
        "Hyvinvoinnin ja terveyden edistämisen vuosittainen neuvottelu",
        "Den årliga förhandlingen om främjande av välfärd och hälsa",
        "The yearly negotiation on health and wellbeing promotion",
        SeriesKind.NEGOTIATION_S7,
        Scope.COUNTY,
        1,
        None,
        "612/2021 §7",
    ),
    Default(
        "ngo_forum",
        "Järjestöfoorumit",
        "Organisationsforum",
        "NGO forums",
        SeriesKind.NGO_FORUM,
        Scope.COUNTY,
        2,
        None,
        "611/2021 §30",
    ),
    Default(
        "liaison_network",
        "Järjestöyhdyshenkilöiden verkosto",
        "Nätverket av kontaktpersoner för organisationer",
        "The network of NGO liaison persons",
        SeriesKind.LIAISON_NETWORK,
        Scope.COUNTY,
        2,
        None,
        "612/2021 §7",
    ),
    Default(
        "municipal_table",
        "Kumppanuuspöytä jokaisessa kunnassa",
        "Partnerskapsbord i varje kommun",
        "A partnership table in every municipality",
        SeriesKind.MUNICIPAL_TABLE,
        Scope.MUNICIPALITY,
        1,
        None,
        "611/2021 §30",
    ),
    Default(
        "sector_table",
        "Toimialakohtaiset kumppanuuspöydät",
        "Partnerskapsbord per sektor",
        "Partnership tables by sector",
        SeriesKind.SECTOR_TABLE,
        Scope.SERIES,
        4,
        6,
        "611/2021 §30",
    ),
    Default(
        "wellbeing_report",
        "Järjestöjen osallistuminen hyvinvointikertomukseen",
        "Organisationernas deltagande i välfärdsberättelsen",
        "NGOs' part in the wellbeing report",
        "",
        Scope.COUNTY,
        1,
        None,
        "612/2021 §7",
    ),
)


@transaction.atomic
def requirements_default(*, county: County, year: int, actor: Actor) -> list[Requirement]:
    """Give the county the default requirements for the year; those it has already (by
    code) are left as they are, so running this again adds nothing. Return those added."""
    workflow.lock(county)
    existing = set(
        Requirement.objects.filter(county=county, year=year).values_list("code", flat=True)
    )
    added = []
    for position, default in enumerate(DEFAULTS):
        if default.code in existing:
            continue
        requirement = Requirement(county=county, year=year, position=position, **asdict(default))
        workflow.create(
            requirement,
            actor=actor,
            action="meetings.requirement.create",
            county=county,
            details={"year": year, "code": default.code},
        )
        added.append(requirement)
    return added


@transaction.atomic
def requirement_evidence_save(
    *, requirement: Requirement, evidence: str, actor: Actor
) -> Requirement:
    """Record the written evidence of a requirement (empty: none); the same text again
    changes nothing."""
    workflow.lock(requirement)
    evidence = evidence.strip()
    if evidence != requirement.evidence:
        requirement.evidence = evidence
        requirement.save(update_fields=["evidence", "updated_at"])
        audit_record(
            actor=actor,
            action="meetings.requirement.evidence",
            obj=requirement,
            county=requirement.county,
        )
    return requirement


@transaction.atomic
def meeting_held(*, meeting: Meeting, actor: Actor) -> Meeting:
    """Mark a meeting that has ended as held; one already held stays as it is."""
    workflow.lock(meeting)
    if meeting.status == MeetingStatus.HELD:
        return meeting
    if meeting.ends_at > timezone.now():
        raise ValidationError(_("A meeting can be marked as held only after it has ended."))
    workflow.transition(
        meeting,
        to=MeetingStatus.HELD,
        allowed_from={MeetingStatus.SCHEDULED},
        refusal=_("A cancelled meeting cannot be marked as held."),
        actor=actor,
        action="meetings.meeting.held",
        county=meeting.county,
    )
    return meeting
