"""Demo meetings (development only), modelled on the counties' own descriptions, for both
demo counties and the current year:

- Etelä-Pohjanmaa: the NGO council (the influence body) five times a year since its term
  began in June 2025; the liaison network, convened by the county and the regional NGO house,
  meets in March and October, but October's meeting is cancelled, so the network is short
  of its two; a partnership table in 11 of the 18 municipalities (as in spring 2021), so
  seven are without; NGO forums in spring and autumn; the §7 negotiation in May; a sector
  table on mental health and substance abuse work every other month; NGOs heard for the
  wellbeing report (written evidence).
- Pohjanmaa: online SOTE morning coffees with the regional umbrella association on the
  second Wednesday of each month but July, 8.15–9.00; four sector partnership tables
  (psychosocial, rehabilitation, home and housing services, client and resource centre)
  five times a year; NGO forums twice a year; the liaison network twice; partnership tables
  in five municipalities; the §7 negotiation in November.

Each county gets the statutory requirements of the year. Meetings that have ended are
marked held; the next meetings to come have registrations of the demo's people, and the
next morning coffee is full with two on its waiting list. Every write goes through the
meetings services; series are found by county, kind and title, occurrences are made once
and registrations found by person, so running the seed again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.languages import translated
from kumppani.core.models import County, Municipality

from ..models import Audience, Meeting, MeetingStatus, Mode, Series, SeriesKind
from ..services.calendar import meeting_held, requirement_evidence_save, requirements_default
from ..services.meetings import meeting_cancel
from ..services.registrations import register
from ..services.series import meetings_generate, series_create
from .common import ACTOR, EP, OB

K = SeriesKind


@dataclass(frozen=True)
class SeriesSpec:
    county: str
    kind: str
    title_fi: str
    title_sv: str
    recurrence: str
    start: time = time(14, 0)
    minutes: int = 120
    mode: str = Mode.HYBRID
    place: str = ""
    capacity: int | None = None
    municipality: str = ""
    audience: str = Audience.OPEN
    # Made into the next year too, so that there are always meetings to come.
    ongoing: bool = False
    # Made from this day rather than the first of the year.
    since: date | None = None


SERIES = [
    SeriesSpec(
        EP,
        K.LIAISON_NETWORK,
        "Järjestöyhdyshenkilöiden verkosto",
        "Nätverket av kontaktpersoner för organisationer",
        "FREQ=MONTHLY;BYMONTH=3,10;BYDAY=2TU",
        place="Järjestötalo, Seinäjoki",
        audience=Audience.INVITED,
    ),
    SeriesSpec(
        EP,
        K.NGO_FORUM,
        "Etelä-Pohjanmaan järjestöfoorumi",
        "Organisationsforum i Södra Österbotten",
        "FREQ=MONTHLY;BYMONTH=4,9;BYDAY=3TH",
        place="Seinäjoen kaupungintalo",
        capacity=120,
    ),
    SeriesSpec(
        EP,
        K.NEGOTIATION_S7,
        "Hyvinvoinnin ja terveyden edistämisen neuvottelu",
        "Förhandling om främjande av välfärd och hälsa",
        "FREQ=MONTHLY;BYMONTH=5;BYDAY=4TU",
        mode=Mode.IN_PERSON,
        place="Hyvinvointialueen hallintotalo, Seinäjoki",
        audience=Audience.INVITED,
    ),
    SeriesSpec(
        EP,
        K.SECTOR_TABLE,
        "Mielenterveys- ja päihdetyön kumppanuuspöytä",
        "Partnerskapsbord för mentalvårds- och missbruksarbete",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU",
        mode=Mode.ONLINE,
        capacity=40,
        ongoing=True,
    ),
    SeriesSpec(
        EP,
        K.INFLUENCE_BODY,
        "Järjestöneuvottelukunta",
        "Organisationsdelegationen",
        "FREQ=MONTHLY;BYMONTH=2,4,6,9,11;BYDAY=2MO",
        start=time(13, 0),
        minutes=150,
        mode=Mode.IN_PERSON,
        place="Hyvinvointialueen hallintotalo, Seinäjoki",
        audience=Audience.INVITED,
        # From the start of the council's term, so that it always has meetings held.
        since=date(2025, 6, 1),
    ),
    SeriesSpec(
        OB,
        K.MORNING_COFFEE,
        "SOTE-aamukahvit",
        "Social- och hälsovårdens morgonkaffe",
        "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=2WE",
        start=time(8, 15),
        minutes=45,
        mode=Mode.ONLINE,
        capacity=4,
        ongoing=True,
    ),
    *(
        SeriesSpec(
            OB,
            K.SECTOR_TABLE,
            f"Kumppanuuspöytä: {fi}",
            f"Partnerskapsbord: {sv}",
            f"FREQ=MONTHLY;BYMONTH=2,4,6,9,11;BYDAY={day}",
            mode=Mode.ONLINE,
            capacity=30,
        )
        for fi, sv, day in (
            ("psykososiaaliset palvelut", "psykosociala tjänster", "1TU"),
            ("kuntoutus", "rehabilitering", "1TH"),
            ("koti- ja asumispalvelut", "hem- och boendetjänster", "2TU"),
            ("asiakas- ja voimavarakeskus", "klient- och resurscenter", "2TH"),
        )
    ),
    SeriesSpec(
        OB,
        K.NGO_FORUM,
        "Pohjanmaan järjestöfoorumi",
        "Organisationsforum i Österbotten",
        "FREQ=MONTHLY;BYMONTH=3,10;BYDAY=3TH",
        place="Vaasan kaupungintalo",
        capacity=100,
    ),
    SeriesSpec(
        OB,
        K.LIAISON_NETWORK,
        "Järjestöyhdyshenkilöiden verkosto",
        "Nätverket av kontaktpersoner för organisationer",
        "FREQ=MONTHLY;BYMONTH=2,9;BYDAY=4TU",
        mode=Mode.ONLINE,
        audience=Audience.INVITED,
    ),
    SeriesSpec(
        OB,
        K.NEGOTIATION_S7,
        "Hyvinvoinnin ja terveyden edistämisen neuvottelu",
        "Förhandling om främjande av välfärd och hälsa",
        "FREQ=MONTHLY;BYMONTH=11;BYDAY=3TU",
        mode=Mode.IN_PERSON,
        place="Vaasan keskussairaala",
        audience=Audience.INVITED,
    ),
]

# The municipalities with a partnership table this year (the others are the gaps).
TABLES = {
    EP: ["743", "005", "010", "145", "232", "233", "301", "408", "846", "934", "989"],
    OB: ["905", "598", "545", "287", "499"],
}
# Each table in its own spring month.
TABLE_MONTHS = (3, 4, 5)

WELLBEING_EVIDENCE = {
    EP: (
        "Järjestöt kuultiin hyvinvointikertomuksen valmistelussa järjestöfoorumissa ja "
        "kyselyllä; vastaukset on liitetty kertomuksen valmisteluaineistoon."
    ),
}


def _table_specs() -> list[SeriesSpec]:
    specs = []
    for code, municipality_codes in TABLES.items():
        for index, municipality_code in enumerate(municipality_codes):
            month = TABLE_MONTHS[index % len(TABLE_MONTHS)]
            specs.append(
                SeriesSpec(
                    code,
                    K.MUNICIPAL_TABLE,
                    "Kumppanuuspöytä",
                    "Partnerskapsbord",
                    f"FREQ=MONTHLY;BYMONTH={month};BYDAY=3WE",
                    start=time(17, 0),
                    mode=Mode.ONLINE,
                    municipality=municipality_code,
                )
            )
    return specs


def _series(spec: SeriesSpec, county: County) -> tuple[Series, int]:
    municipality = (
        Municipality.objects.filter(code=spec.municipality, county=county).first()
        if spec.municipality
        else None
    )
    title_fi, title_sv = spec.title_fi, spec.title_sv
    if municipality is not None:
        title_fi = f"{spec.title_fi}: {translated(municipality, 'name', 'fi').text}"
        title_sv = f"{spec.title_sv}: {translated(municipality, 'name', 'sv').text}"
    existing = Series.objects.filter(county=county, kind=spec.kind, title_fi=title_fi).first()
    if existing is not None:
        return existing, 0
    series = series_create(
        actor=ACTOR,
        county=county,
        organiser_municipality=municipality,
        kind=spec.kind,
        title_fi=title_fi,
        title_sv=title_sv,
        recurrence=spec.recurrence,
        audience=spec.audience,
        default_start_time=spec.start,
        default_duration_minutes=spec.minutes,
        default_mode=spec.mode,
        default_place=spec.place,
        default_online_link=(
            "https://meet.example.fi/kumppani" if spec.mode != Mode.IN_PERSON else ""
        ),
        default_capacity=spec.capacity,
    )
    return series, 1


def _registrants() -> list[User]:
    return list(User.objects.filter(is_active=True, is_staff=False).order_by("email")[:6])


def _register(meeting: Meeting, people: list[User]) -> int:
    made = 0
    for person in people:
        if meeting.registrations.filter(user=person).exists():
            continue
        register(
            meeting,
            actor=ACTOR,
            name=person.full_name or person.email,
            email=person.email,
            user=person,
        )
        made += 1
    return made


def seed_calendar() -> int:
    """Make the demo's series, meetings, registrations and requirements; return how many
    series, meetings and registrations were made."""
    today = timezone.localdate()
    year = today.year
    since, until = date(year, 1, 1), date(year, 12, 31)
    ahead = max(until, today + timedelta(days=75))
    people = _registrants()
    created = 0
    for spec in [*SERIES, *_table_specs()]:
        county = County.objects.get(code=spec.county)
        series, made = _series(spec, county)
        created += made
        created += len(
            meetings_generate(
                series,
                ahead if spec.ongoing else until,
                actor=ACTOR,
                since=min(spec.since or since, since),
            )
        )
    # Etelä-Pohjanmaa's liaison network meets only once: October's meeting is cancelled.
    network = Series.objects.get(county__code=EP, kind=K.LIAISON_NETWORK)
    for meeting in network.meetings.filter(starts_at__year=year, starts_at__month=10):
        if meeting.status == MeetingStatus.SCHEDULED:
            meeting_cancel(
                actor=ACTOR, meeting=meeting, reason="Siirretty ensi vuoteen; uusi aika tulossa."
            )
    now = timezone.now()
    for meeting in Meeting.objects.filter(
        county__code__in=(EP, OB), status=MeetingStatus.SCHEDULED, ends_at__lte=now
    ):
        meeting_held(meeting=meeting, actor=ACTOR)
    # The next meetings open to all: registrations, the next morning coffee full.
    for code in (EP, OB):
        coming = Meeting.objects.filter(
            county__code=code,
            status=MeetingStatus.SCHEDULED,
            is_public=True,
            starts_at__gt=now,
        ).order_by("starts_at")[:2]
        for meeting in coming:
            created += _register(meeting, people[:3])
    coffee = (
        Meeting.objects.filter(
            series__kind=K.MORNING_COFFEE, status=MeetingStatus.SCHEDULED, starts_at__gt=now
        )
        .order_by("starts_at")
        .first()
    )
    if coffee is not None:
        created += _register(coffee, people)
    for code in (EP, OB):
        county = County.objects.get(code=code)
        created += len(requirements_default(county=county, year=year, actor=ACTOR))
        if code in WELLBEING_EVIDENCE:
            requirement = county.meeting_requirements.get(year=year, code="wellbeing_report")
            requirement_evidence_save(
                requirement=requirement, evidence=WELLBEING_EVIDENCE[code], actor=ACTOR
            )
    return created
