"""Demo grants (development only): Pohjanmaa's three grant kinds as its web pages describe
them, and Etelä-Pohjanmaa's on Keski-Suomi's model, with this year's calls and a few
applications. Dates follow the current year, so the demo stays true whenever it is run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from kumppani.core import deadlines
from kumppani.core.actor import Actor
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation

from .models import (
    Application,
    ApplicationStatus,
    Call,
    CountyGoal,
    GoalKind,
    GrantKind,
    Programme,
    QuestionKind,
)
from .services.applications import application_save, application_start, application_submit
from .services.programmes import call_create, call_publish, programme_create

ACTOR = Actor.system("seed_demo")

CALL_TEXT_FI = (
    "Avustusta voivat hakea hyvinvointialueella toimivat rekisteröidyt yleishyödylliset "
    "yhdistykset yksin tai yhdessä."
)
CALL_TEXT_SV = (
    "Understöd kan sökas av registrerade allmännyttiga föreningar som verkar i "
    "välfärdsområdet, ensamma eller tillsammans."
)

GOALS = {
    "16": [
        (
            GoalKind.STRATEGY,
            "Asukkaiden osallisuus ja yhteisöllisyys vahvistuvat",
            "Invånarnas delaktighet och gemenskap stärks",
        ),
        (GoalKind.WELLBEING_PLAN, "Yksinäisyys vähenee", "Ensamheten minskar"),
        (
            GoalKind.BUDGET,
            "Omaishoitajien jaksaminen paranee",
            "Närståendevårdarnas ork förbättras",
        ),
    ],
    "17": [
        (
            GoalKind.STRATEGY,
            "Palvelut ovat saatavilla molemmilla kotimaisilla kielillä",
            "Tjänsterna finns på båda inhemska språken",
        ),
        (
            GoalKind.WELLBEING_PLAN,
            "Mielen hyvinvointi vahvistuu",
            "Det psykiska välbefinnandet stärks",
        ),
        (
            GoalKind.BUDGET,
            "Ennaltaehkäisevä toiminta lisääntyy",
            "Den förebyggande verksamheten ökar",
        ),
    ],
}


@dataclass(frozen=True)
class DemoProgramme:
    county: str
    kind: str
    title_fi: str
    title_sv: str
    appropriation: int
    continuous: bool = False  # open all year (one-off and project grants)
    notices: bool = False  # advance notices 4.6.–30.9.


PROGRAMMES = [
    DemoProgramme(
        "17",
        GrantKind.OPERATING,
        "Järjestöjen toiminta-avustukset",
        "Verksamhetsunderstöd för organisationer",
        250_000,
    ),
    DemoProgramme(
        "17",
        GrantKind.PARTNERSHIP,
        "Kumppanuusavustukset",
        "Partnerskapsunderstöd",
        180_000,
        notices=True,
    ),
    DemoProgramme(
        "17", GrantKind.ONE_OFF, "Kerta-avustukset", "Engångsunderstöd", 30_000, continuous=True
    ),
    DemoProgramme(
        "16",
        GrantKind.OPERATING,
        "Yhdistysten toiminta-avustukset",
        "Verksamhetsunderstöd för föreningar",
        300_000,
    ),
    DemoProgramme(
        "16",
        GrantKind.PARTNERSHIP,
        "Monivuotiset kumppanuussopimukset",
        "Fleråriga partnerskapsavtal",
        200_000,
        notices=True,
    ),
    DemoProgramme(
        "16",
        GrantKind.PROJECT,
        "Hankkeiden omarahoitusosuudet",
        "Självfinansieringsandelar för projekt",
        60_000,
        continuous=True,
    ),
]


def _goals(code: str) -> list[CountyGoal]:
    county = County.objects.get(code=code)
    goals = []
    for kind, fi, sv in GOALS[code]:
        goal, _ = CountyGoal.objects.get_or_create(
            county=county, title_fi=fi, defaults={"kind": kind, "title": fi, "title_sv": sv}
        )
        goals.append(goal)
    return goals


def _call(item: DemoProgramme, year: int) -> Call:
    """This year's call of the programme for next year (created once, then left alone)."""
    county = County.objects.get(code=item.county)
    existing = Programme.objects.filter(
        county=county, kind=item.kind, year=year + 1, title_fi=item.title_fi
    ).first()
    if existing is not None:
        return existing.calls.get()
    goals = _goals(item.county)
    programme = programme_create(
        actor=ACTOR,
        county=county,
        year=year + 1,
        kind=item.kind,
        title=item.title_fi,
        title_fi=item.title_fi,
        title_sv=item.title_sv,
        appropriation=Decimal(item.appropriation),
        criteria=[
            {
                "goal": goals[0],
                "title_fi": "Toiminta tukee hyvinvointialueen strategiaa",
                "title_sv": "Verksamheten stöder välfärdsområdets strategi",
                "weight": 3,
            },
            {
                "goal": goals[1],
                "title_fi": "Toiminta tavoittaa kohderyhmänsä",
                "title_sv": "Verksamheten når sin målgrupp",
                "weight": 2,
            },
            {
                "goal": goals[2],
                "title_fi": "Vapaaehtoisten osuus",
                "title_sv": "Andelen frivilliga",
                "weight": 1,
            },
        ],
        questions=[
            {
                "kind": QuestionKind.NUMBER,
                "text_fi": "Montako vapaaehtoista toiminnassa on mukana?",
                "text_sv": "Hur många frivilliga deltar i verksamheten?",
            },
            {
                "kind": QuestionKind.YES_NO,
                "text_fi": "Saako toiminta muuta julkista rahoitusta?",
                "text_sv": "Får verksamheten annan offentlig finansiering?",
            },
        ],
    )
    call = call_create(
        actor=ACTOR,
        programme=programme,
        title=item.title_fi,
        title_fi=f"{item.title_fi} {year + 1}",
        title_sv=f"{item.title_sv} {year + 1}",
        text_fi=CALL_TEXT_FI,
        text_sv=CALL_TEXT_SV,
        opens_on=date(year, 1, 1) if item.continuous else date(year, 11, 1),
        closes_on=date(year, 12, 31) if item.continuous else date(year, 11, 30),
        notices_open_on=date(year, 6, 4) if item.notices else None,
        notices_close_on=date(year, 9, 30) if item.notices else None,
    )
    call_publish(actor=ACTOR, call=call)
    return call


def _apply(call: Call, organisation: Organisation, activity: str, amount: int, send: bool) -> int:
    """An application of the organisation to the call: sent within the window when ``send``."""
    if Application.objects.filter(call=call, organisation=organisation).exists():
        return 0
    user = organisation.roles.filter(has_signing_right=True).select_related("user").first()
    actor = Actor(user=user.user) if user else ACTOR
    opened = datetime.combine(call.opens_on, time(10), tzinfo=deadlines.HELSINKI)
    application = (
        Application.objects.create(
            call=call, organisation=organisation, created_by=actor.user, created_at=opened
        )
        if not call.accepts_applications(timezone.now())
        else application_start(actor=actor, call=call, organisation=organisation)
    )
    questions = list(call.programme.questions.all())
    application_save(
        application=application,
        actor=actor,
        activity=activity,
        description="Kokoontumiset kerran kuussa, vertaistukea ja tietoa palveluista.",
        target_groups="Omaishoitajat ja heidän läheisensä",
        requested_amount=Decimal(amount),
        municipalities=Municipality.objects.filter(pk__in=organisation.municipalities.values("pk")),
        budget=[
            ("personnel", "Ohjaajan palkkiot", Decimal(amount) * Decimal("0.6")),
            ("premises", "Tilavuokrat", Decimal(amount) * Decimal("0.3")),
            ("activities", "Materiaalit ja kahvitus", Decimal(amount) * Decimal("0.1")),
        ],
        income=[("own", Decimal(amount) * Decimal("0.1"), "")],
        answers={questions[0].pk: "14", questions[1].pk: "no"},
        iban="FI21 1234 5600 0007 85",
        bic="NDEAFIHH",
    )
    if send and application.status == ApplicationStatus.DRAFT:
        application_submit(application=application, actor=actor, declarations=True, now=opened)
    return 1


def seed_grants_demo(organisations: list[Organisation]) -> int:
    """Create the demo programmes, calls and applications; return how many were created."""
    year = timezone.localdate().year
    calls = {(item.county, item.kind): _call(item, year) for item in PROGRAMMES}
    by_county: dict[str, list[Organisation]] = {"16": [], "17": []}
    # Organisations whose demo representative may sign apply first, so they have something.
    signing = set(
        Organisation.objects.filter(roles__has_signing_right=True).values_list("pk", flat=True)
    )
    for organisation in sorted(organisations, key=lambda o: o.pk not in signing):
        for code in set(organisation.municipalities.values_list("county__code", flat=True)):
            if code in by_county and organisation.business_id:
                by_county[code].append(organisation)
    created = len(calls)
    ep, ob = by_county["16"], by_county["17"]
    if ep:
        created += _apply(
            calls["16", GrantKind.OPERATING], ep[0], "Omaishoitajien vertaisryhmät", 12_000, True
        )
        created += _apply(
            calls["16", GrantKind.PROJECT], ep[0], "Muistiystävällinen kylä -hanke", 8_000, False
        )
    for organisation, (activity, amount) in zip(
        ob[:3],
        [
            ("Mielenterveyskuntoutujien kohtaamispaikka", 20_000),
            ("Kaksikielinen vertaisryhmä", 9_500),
            ("Retkipäivät perheille", 4_000),
        ],
        strict=False,
    ):
        created += _apply(calls["17", GrantKind.OPERATING], organisation, activity, amount, True)
    return created
