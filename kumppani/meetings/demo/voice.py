"""What the NGOs said and what the counties did: statements and initiatives of
Etelä-Pohjanmaa's NGO council and feedback of customer panels in both counties, some with
the county's answer and some still waiting for it, so that the "you said, we did" page has
both; and consultations: one open in each county with its questions and last day (a
Saturday, so that the effective deadline moves to the Monday), one closed with a summary
of the answers and what was done with them.

Pohjanmaa's statements are in Swedish or Finnish as given (a statement has one language),
its consultations have titles and questions in both. Statements are found by county and
subject, consultations by county and Finnish title, so running the seed again adds
nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.actor import Actor
from kumppani.core.models import County
from kumppani.organisations.models import Organisation

from ..models import Consultation, ConsultationStatus, Statement, StatementKind
from ..services.voice import (
    consultation_close,
    consultation_create,
    consultation_publish,
    consultation_respond,
    statement_answer,
    statement_register,
)
from .common import ACTOR, EP, OB

COUNCIL = "Järjestöneuvottelukunta"


@dataclass(frozen=True)
class StatementSpec:
    county: str
    kind: str
    subject: str
    days_ago: int
    text: str
    given_by: str
    # (answered by, days after the statement, what was done); None: not answered yet.
    answer: tuple[str, int, str] | None = None


STATEMENTS = [
    StatementSpec(
        EP,
        StatementKind.STATEMENT,
        "Palveluverkkoselvitys",
        200,
        "Neuvottelukunta pitää tärkeänä, että lähipalvelujen muutoksissa arvioidaan "
        "vaikutukset järjestöjen toimintaan ja asukkaiden mahdollisuuksiin osallistua. "
        "Kuljetusten saatavuus on varmistettava ennen toimipisteiden yhdistämistä.",
        COUNCIL,
        (
            "Palvelujohtaja",
            30,
            "Vaikutusten arviointiin lisättiin järjestöjen ja kylien näkökulma, ja "
            "palveluliikenteen reitit tarkistettiin yhdessä kuntien kanssa.",
        ),
    ),
    StatementSpec(
        EP,
        StatementKind.INITIATIVE,
        "Maksuttomat tilat järjestöjen vertaisryhmille",
        120,
        "Neuvottelukunta esittää, että sote-keskusten kokoustiloja voisi käyttää "
        "maksutta järjestöjen vertaistukiryhmien kokoontumisiin iltaisin.",
        COUNCIL,
        (
            "Tilapalvelupäällikkö",
            45,
            "Kuudessa sote-keskuksessa on nyt järjestöjen maksutta varattavia tiloja "
            "arki-iltaisin; varaukset tehdään Kumppanista.",
        ),
    ),
    StatementSpec(
        EP,
        StatementKind.STATEMENT,
        "Järjestöavustusten periaatteet",
        40,
        "Neuvottelukunta toivoo avustuksiin monivuotisuutta ja pienille yhdistyksille "
        "kevyempää hakumenettelyä.",
        COUNCIL,
    ),
    StatementSpec(
        EP,
        StatementKind.FEEDBACK,
        "Ajanvaraus puhelimitse",
        60,
        "Ikäihmisten asiakasraati kertoi, että takaisinsoittoa joutuu odottamaan "
        "useita päiviä eikä jonotusajasta kerrota.",
        "Ikäihmisten asiakasraati",
        (
            "Asiakkuusyksikön päällikkö",
            21,
            "Takaisinsoittopalveluun lisättiin tieto arvioidusta odotusajasta, ja "
            "iltapäivien puhelinvuoroja lisättiin.",
        ),
    ),
    StatementSpec(
        EP,
        StatementKind.FEEDBACK,
        "Omaishoitajien vapaat",
        15,
        "Omaishoitajien asiakasraati toivoo, että lakisääteisten vapaiden sijaishoito "
        "järjestyisi myös kotiin.",
        "Omaishoitajien asiakasraati",
    ),
    StatementSpec(
        OB,
        StatementKind.FEEDBACK,
        "Service på svenska vid jouren",
        90,
        "Klientrådet för äldre berättade att det inte alltid går att få service på "
        "svenska vid jouren nattetid.",
        "Klientrådet för äldre",
        (
            "Överskötare, jouren",
            35,
            "Jourens skiftplanering ser nu till att det finns svenskspråkig personal på "
            "varje skift, och tolktjänst på distans har tagits i bruk.",
        ),
    ),
    StatementSpec(
        OB,
        StatementKind.FEEDBACK,
        "Tillgänglighet till hälsostationerna",
        25,
        "Klientrådet för personer med funktionsnedsättning påpekar att dörrarna vid "
        "flera hälsostationer är tunga att öppna.",
        "Klientrådet för personer med funktionsnedsättning",
    ),
    StatementSpec(
        OB,
        StatementKind.FEEDBACK,
        "Asiakasmaksujen laskut",
        70,
        "Lapsiperheiden asiakasraadin mukaan laskuista on vaikea nähdä, mistä maksu muodostuu.",
        "Lapsiperheiden asiakasraati",
        (
            "Talousjohtaja",
            40,
            "Laskupohjaa selkeytettiin: jokaisesta maksusta näkyy nyt palvelu ja päivä.",
        ),
    ),
]


@dataclass(frozen=True)
class ConsultationSpec:
    county: str
    kind: str
    title_fi: str
    title_sv: str
    document_text: str
    questions: list[str]
    # Closed ones: the summary and what was done; open ones have neither.
    summary: str = ""
    outcome: str = ""


OPEN = [
    ConsultationSpec(
        EP,
        "wellbeing_plan",
        "Alueellinen hyvinvointisuunnitelma 2026–2029 (luonnos)",
        "Regional välfärdsplan 2026–2029 (utkast)",
        "Luonnoksessa on neljä painopistettä: mielen hyvinvointi, ikäihmisten "
        "toimintakyky, lapsiperheiden tuki ja osallisuus. Järjestöjen roolia kuvataan "
        "luvussa 5.",
        [
            "Ovatko painopisteet oikeat? Mitä puuttuu?",
            "Miten järjestönne voisi osallistua suunnitelman toimeenpanoon?",
        ],
    ),
    ConsultationSpec(
        OB,
        "strategy",
        "Järjestöyhteistyön toimintaohjelma (luonnos)",
        "Handlingsprogram för organisationssamarbetet (utkast)",
        "Utkastet beskriver strukturerna för samarbetet: morgonkaffe, partnerskapsbord, "
        "organisationsforum och kontaktpersoner i kommunerna. / Luonnos kuvaa yhteistyön "
        "rakenteet.",
        [
            "Vastaavatko rakenteet järjestönne tarpeita? / Motsvarar strukturerna "
            "föreningens behov?",
            "Mitä muuttaisitte? / Vad skulle ni ändra?",
        ],
    ),
]

CLOSED = [
    ConsultationSpec(
        EP,
        "grant_principles",
        "Järjestöavustusten myöntämisperiaatteet",
        "Principerna för bidrag till organisationer",
        "Luonnos avustusten myöntämisperiaatteiksi.",
        ["Ovatko periaatteet selkeät?", "Mitä muuttaisitte?"],
        summary="Lausuntoja saatiin 23. Järjestöt toivoivat monivuotisia avustuksia ja "
        "selkeämpää ohjetta pienille yhdistyksille.",
        outcome="Periaatteisiin lisättiin mahdollisuus kaksivuotiseen avustukseen, ja "
        "hakuohje kirjoitettiin uudelleen.",
    ),
    ConsultationSpec(
        OB,
        "wellbeing_report",
        "Alueellinen hyvinvointikertomus",
        "Regional välfärdsberättelse",
        "Utkast till välfärdsberättelse. / Hyvinvointikertomuksen luonnos.",
        ["Kommentarer till utkastet / Kommentit luonnokseen"],
        summary="Föreningarna lämnade 14 utlåtanden. Tjänster på svenska och ensamhet "
        "bland äldre lyftes fram mest.",
        outcome="Berättelsen kompletterades med ett avsnitt om service på svenska.",
    ),
]

# The response to each county's open consultation and who sends it (by email).
RESPONSES = {
    EP: (
        3,
        "yhdistys@demo.kumppani.fi",
        [
            "Painopisteet ovat hyvät; omaishoitajien jaksaminen puuttuu.",
            "Voimme järjestää vertaistukiryhmiä omaishoitajille kaikissa kunnissa.",
        ],
    ),
}


def _statements() -> int:
    today = timezone.localdate()
    made = 0
    for spec in STATEMENTS:
        county = County.objects.get(code=spec.county)
        if Statement.objects.filter(county=county, subject=spec.subject).exists():
            continue
        given_on = today - timedelta(days=spec.days_ago)
        statement = statement_register(
            actor=ACTOR,
            county=county,
            kind=spec.kind,
            subject=spec.subject,
            given_on=given_on,
            text=spec.text,
            given_by=spec.given_by,
        )
        made += 1
        if spec.answer is not None:
            answered_by, after, text = spec.answer
            statement_answer(
                actor=ACTOR,
                statement=statement,
                answered_by=answered_by,
                answered_on=given_on + timedelta(days=after),
                text=text,
            )
    return made


def _saturday_after(day: date) -> date:
    return day + timedelta(days=(5 - day.weekday()) % 7)


def _consultation(spec: ConsultationSpec, opens_on: date, closes_on: date) -> Consultation:
    county = County.objects.get(code=spec.county)
    existing = Consultation.objects.filter(county=county, title_fi=spec.title_fi).first()
    if existing is not None:
        return existing
    return consultation_create(
        actor=ACTOR,
        county=county,
        kind=spec.kind,
        title_fi=spec.title_fi,
        title_sv=spec.title_sv,
        document_text=spec.document_text,
        questions=spec.questions,
        opens_on=opens_on,
        closes_on=closes_on,
    )


def _consultations(organisations: Mapping[int, Organisation]) -> int:
    today = timezone.localdate()
    made = 0
    for spec in OPEN:
        consultation = _consultation(
            spec, today - timedelta(days=10), _saturday_after(today + timedelta(days=21))
        )
        if consultation.status == ConsultationStatus.DRAFT:
            consultation_publish(actor=ACTOR, consultation=consultation)
            made += 1
        if spec.county in RESPONSES and consultation.accepts_answers(timezone.now()):
            serial, email, answers = RESPONSES[spec.county]
            user = User.objects.filter(email=email).first()
            if user is not None and not consultation.responses.exists():
                consultation_respond(
                    actor=Actor(user=user),
                    consultation=consultation,
                    organisation=organisations[serial],
                    answers=answers,
                    is_public=True,
                )
                made += 1
    for spec in CLOSED:
        consultation = _consultation(spec, today - timedelta(days=150), today - timedelta(days=110))
        if consultation.status == ConsultationStatus.DRAFT:
            consultation_publish(actor=ACTOR, consultation=consultation)
        if consultation.status == ConsultationStatus.OPEN:
            consultation_close(
                actor=ACTOR, consultation=consultation, summary=spec.summary, outcome=spec.outcome
            )
            made += 1
    return made


def seed_voice(organisations: Mapping[int, Organisation]) -> int:
    """Make the statements with their answers and the consultations; return how many."""
    return _statements() + _consultations(organisations)
