"""Demo grants (development only): Pohjanmaa's three grant kinds as its web pages describe
them (operating, partnership for activity also funded by STEA or the ELY centre, one-off) and
Etelä-Pohjanmaa's on Keski-Suomi's model (operating grants on the action plan, a multi-year
partnership agreement with yearly tranches, the own share of ESR projects), in two rounds:

- last year's: the programmes for this year, decided last December and paid; of the usage
  reports one is accepted, one waits for review and one is missing (overdue), so that
  organisation's next payment waits; one grant's unused money is being recovered;
- this year's: the programmes for next year, advance notices 4.6.–30.9., applications
  1.11.–30.11.: drafts, sent, asked for more information, in review (one reviewer
  disqualified), decided with payments scheduled.

Every write goes through the grants services (their audit log and workflow history are
real). Dates follow the current year, so the demo stays true whenever it is run; where a
service checks a window against the clock it is given a moment inside the window. This
year's round is made first: a decision is refused while an earlier year's usage report is
not accepted, and the organisation whose report is missing got its decision before the
report was due. Each application, notice and agreement is made once (found by its call and
organisation), so running the seed again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from stdnum import iban, luhn

from kumppani.accounts.models import CountyRole, CountyRoleKind, User
from kumppani.core import deadlines
from kumppani.core.actor import Actor
from kumppani.core.models import County, Municipality, StatusChange
from kumppani.organisations.models import Organisation

from .models import (
    Application,
    ApplicationStatus,
    AttachmentKind,
    Call,
    CountyGoal,
    GoalKind,
    GrantKind,
    PartnershipAgreement,
    Payment,
    Programme,
    QuestionKind,
    Theme,
    UsageReport,
)
from .services.agreements import agreement_create, tranche_release
from .services.applications import application_save, application_start, application_submit
from .services.attachments import attachment_add, attachment_later
from .services.county import appeal_instructions_save
from .services.finance import payment_paid, payment_send
from .services.funding import (
    decision_make,
    payment_approve,
    payment_hold,
    recovery_create,
    report_accept,
    report_submit,
)
from .services.notices import notice_save
from .services.partners import partner_add, partner_confirm
from .services.programmes import (
    call_create,
    call_publish,
    programme_create,
)
from .services.requests import info_request
from .services.review import disqualification_declare, reviewer_assign, scores_save

ACTOR = Actor.system("seed_demo")
EP, OB = "16", "17"  # Etelä-Pohjanmaa, Pohjanmaa

CALL_TEXT_FI = (
    "Avustusta voivat hakea hyvinvointialueella toimivat rekisteröidyt yleishyödylliset "
    "yhdistykset yksin tai yhdessä."
)
CALL_TEXT_SV = (
    "Bidrag kan sökas av registrerade allmännyttiga föreningar som verkar i "
    "välfärdsområdet, ensamma eller tillsammans."
)

GOALS = {
    EP: [
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
    OB: [
        (
            GoalKind.STRATEGY,
            "Palvelut ovat saatavilla molemmilla kotimaisilla kielillä",
            "Tjänsterna finns på båda inhemska språken",
        ),
        (
            GoalKind.WELLBEING_PLAN,
            "Nuorten elämänhallinta ja mielen hyvinvointi vahvistuvat",
            "Ungas livskompetens och psykiska välbefinnande stärks",
        ),
        (
            GoalKind.BUDGET,
            "Ennaltaehkäisevä toiminta ja vertaistuki lisääntyvät",
            "Den förebyggande verksamheten och kamratstödet ökar",
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
    description_fi: str
    description_sv: str
    continuous: bool = False  # open all year (the project grants)
    notices: bool = False  # advance notices 4.6.–30.9.
    attachments: tuple[str, ...] = ()  # required attachments


PROGRAMMES = [
    DemoProgramme(
        OB,
        GrantKind.OPERATING,
        "Järjestöjen toiminta-avustukset",
        "Verksamhetsbidrag för organisationer",
        250_000,
        "Toiminta-avustuksissa korostetaan nuorten elämänhallintaa tukevaa, ennaltaehkäisevää "
        "ja vertaistukea vahvistavaa toimintaa.",
        "Verksamhetsbidragen betonar förebyggande verksamhet som stöder ungas "
        "livskompetens och stärker kamratstödet.",
    ),
    DemoProgramme(
        OB,
        GrantKind.PARTNERSHIP,
        "Kumppanuusavustukset",
        "Partnerskapsbidrag",
        180_000,
        "Kumppanuusavustuksilla tuetaan toimintaa, joka saa rahoitusta myös esimerkiksi "
        "STEA:lta, Pohjanmaan ELY-keskukselta tai muilta vastaavilta rahoittajilta. "
        "Ennakkoilmoitukset otetaan vastaan 4.6.–30.9.",
        "Partnerskapsbidragen stöder verksamhet som också finansieras av till exempel "
        "STEA, NTM-centralen i Österbotten eller andra motsvarande finansiärer. "
        "Förhandsanmälningar tas emot 4.6–30.9.",
        notices=True,
    ),
    DemoProgramme(
        OB,
        GrantKind.ONE_OFF,
        "Kerta-avustukset",
        "Engångsbidrag",
        30_000,
        "Kerta-avustusta myönnetään äkillisiin muutoksiin vastaamiseen toimintaympäristössä "
        "tai kohderyhmän tarpeissa.",
        "Engångsbidrag beviljas för att möta plötsliga förändringar i "
        "verksamhetsmiljön eller i målgruppens behov.",
    ),
    DemoProgramme(
        EP,
        GrantKind.OPERATING,
        "Yhdistysten toiminta-avustukset",
        "Verksamhetsbidrag för föreningar",
        300_000,
        "Vuosittainen yleisavustus yhdistyksen toimintasuunnitelman mukaiseen toimintaan. "
        "Hakemukseen liitetään toimintasuunnitelma.",
        "Årligt allmänt bidrag för verksamhet enligt föreningens verksamhetsplan. "
        "Verksamhetsplanen bifogas ansökan.",
        attachments=(AttachmentKind.ACTION_PLAN,),
    ),
    DemoProgramme(
        EP,
        GrantKind.PARTNERSHIP,
        "Monivuotiset kumppanuussopimukset",
        "Fleråriga partnerskapsavtal",
        200_000,
        "Monivuotinen kumppanuussopimus: vuosittaiset avustuserät sekä tilat, viestintä ja "
        "muu tuki. Ennakkoilmoitukset otetaan vastaan 4.6.–30.9.",
        "Fleråriga partnerskapsavtal: årliga rater samt lokaler, kommunikation och annat "
        "stöd. Förhandsanmälningar tas emot 4.6–30.9.",
        notices=True,
    ),
    DemoProgramme(
        EP,
        GrantKind.PROJECT,
        "Hankkeiden omarahoitusosuudet",
        "Självfinansieringsandelar för projekt",
        60_000,
        "Avustus ESR-hankkeen omarahoitusosuuteen. Haku on auki koko vuoden.",
        "Bidrag för självfinansieringsandelen i ett ESF-projekt. Ansökan är öppen hela året.",
        continuous=True,
        attachments=(AttachmentKind.BUDGET, AttachmentKind.ACTION_PLAN),
    ),
]

APPEAL_INSTRUCTIONS = {
    EP: (
        "Oikaisuvaatimusohje. Tähän päätökseen tyytymätön asianosainen voi hakea siihen "
        "oikaisua Etelä-Pohjanmaan hyvinvointialueen hyvinvointilautakunnalta. "
        "Oikaisuvaatimus tehdään kirjallisesti 14 päivän kuluessa päätöksen tiedoksisaannista. "
        "Siinä ilmoitetaan päätös, johon haetaan oikaisua, miten päätöstä halutaan muutettavaksi "
        "ja millä perusteella, sekä tekijän yhteystiedot. Oikaisuvaatimus lähetetään "
        "hyvinvointialueen kirjaamoon (kirjaamo@hyvaep.example.fi).",
        "Anvisning för begäran om omprövning. Den som är missnöjd med beslutet kan begära "
        "omprövning hos välfärdsnämnden i Södra Österbottens välfärdsområde. Begäran görs "
        "skriftligt inom 14 dagar från delfåendet av beslutet. Den ska ange beslutet, vilken "
        "ändring som begärs och på vilka grunder samt kontaktuppgifterna till den som gör "
        "begäran. Begäran skickas till välfärdsområdets registratorskontor "
        "(kirjaamo@hyvaep.example.fi).",
    ),
    OB: (
        "Oikaisuvaatimusohje. Tähän päätökseen tyytymätön asianosainen voi hakea siihen "
        "oikaisua Pohjanmaan hyvinvointialueen aluehallitukselta. Oikaisuvaatimus tehdään "
        "kirjallisesti 14 päivän kuluessa päätöksen tiedoksisaannista suomeksi tai ruotsiksi. "
        "Siinä ilmoitetaan päätös, johon haetaan oikaisua, miten päätöstä halutaan muutettavaksi "
        "ja millä perusteella, sekä tekijän yhteystiedot. Oikaisuvaatimus lähetetään "
        "hyvinvointialueen kirjaamoon (kirjaamo@pohjanmaa.example.fi).",
        "Anvisning för begäran om omprövning. Den som är missnöjd med beslutet kan begära "
        "omprövning hos välfärdsområdesstyrelsen i Österbottens välfärdsområde. Begäran görs "
        "skriftligt på finska eller svenska inom 14 dagar från delfåendet av beslutet. Den ska "
        "ange beslutet, vilken ändring som begärs och på vilka grunder samt kontaktuppgifterna "
        "till den som gör begäran. Begäran skickas till välfärdsområdets registratorskontor "
        "(kirjaamo@pohjanmaa.example.fi).",
    ),
}

DECISION_MAKERS = {
    EP: "Järjestöyhteistyön johtaja Leena Lähde",
    OB: "Sektorijohtaja Mikael Bergström",
}

# How far an application gets.
DRAFT, SENT, INFO, REVIEW, SCORED, DISQUALIFIED, DECIDED = (
    "draft",
    "sent",
    "info",
    "review",
    "scored",
    "disqualified",
    "decided",
)
# What became of last year's usage report.
REPORT_ACCEPTED, REPORT_SENT, REPORT_MISSING, REPORT_DUE_SOON, RECOVERY = (
    "accepted",
    "sent",
    "missing",
    "due_soon",
    "recovery",
)


@dataclass(frozen=True)
class DemoApplication:
    serial: int  # the organisation's serial in demo.people
    kind: str
    activity: str
    amount: int
    stage: str
    description: str = "Kokoontumiset kerran kuussa, vertaistukea ja tietoa palveluista."
    language: str = "fi"
    themes: tuple[str, ...] = ()
    other_income: tuple[tuple[str, int, str], ...] = ()  # (source, amount, decision)
    partners: tuple[tuple[int, bool], ...] = ()  # (serial, confirmed)
    later: tuple[str, ...] = ()  # required attachments delivered later
    unfinished: bool = False  # a draft whose questions are still unanswered
    granted: int | None = None  # the decision's amount (the amount applied for when None)
    report: str = ""  # last year's round: what became of the usage report
    paid_out: bool = True  # last year's round: the second instalment paid (or only sent)


@dataclass(frozen=True)
class DemoNotice:
    serial: int
    activity: str
    amount: int
    themes: tuple[str, ...]
    municipalities: tuple[str, ...]
    other_funding: str = ""
    description: str = ""


T = Theme
THIS_YEAR = {
    EP: [
        DemoApplication(
            3,
            GrantKind.OPERATING,
            "Omaishoitajien vertaisryhmät",
            12_000,
            DECIDED,
            themes=(T.OLDER_PEOPLE, T.INCLUSION),
        ),
        DemoApplication(
            4,
            GrantKind.OPERATING,
            "Mielenterveyskuntoutujien klubitalo",
            18_000,
            DECIDED,
            description="Klubitalo on auki arkipäivisin; jäsenet suunnittelevat toiminnan.",
            themes=(T.MENTAL_HEALTH,),
            granted=16_000,
        ),
        DemoApplication(
            5,
            GrantKind.OPERATING,
            "Eläkeläisten liikuntaryhmät",
            6_000,
            DISQUALIFIED,
            themes=(T.OLDER_PEOPLE, T.HEALTH_PROMOTION),
        ),
        DemoApplication(
            6,
            GrantKind.OPERATING,
            "Nuorten iltakahvila",
            9_000,
            REVIEW,
            themes=(T.CHILDREN_FAMILIES,),
        ),
        DemoApplication(
            7,
            GrantKind.OPERATING,
            "Sydänkuntoutujien vertaistuki",
            5_000,
            INFO,
            themes=(T.HEALTH_PROMOTION,),
        ),
        DemoApplication(
            8,
            GrantKind.OPERATING,
            "Diabeteskoulu perheille",
            4_500,
            SENT,
            themes=(T.HEALTH_PROMOTION, T.CHILDREN_FAMILIES),
        ),
        DemoApplication(
            9,
            GrantKind.OPERATING,
            "Kylien ikäihmisten kyytiapu",
            7_000,
            DRAFT,
            themes=(T.OLDER_PEOPLE,),
        ),
        DemoApplication(
            10,
            GrantKind.PARTNERSHIP,
            "Vapaaehtoisten ystävätoiminta",
            25_000,
            SCORED,
            themes=(T.INCLUSION,),
        ),
        DemoApplication(
            15,
            GrantKind.PARTNERSHIP,
            "Päihdetyön matalan kynnyksen tuki",
            40_000,
            SENT,
            themes=(T.SUBSTANCE_USE,),
            other_income=(("stea", 60_000, "STEA C 1234"),),
        ),
        DemoApplication(
            3,
            GrantKind.PROJECT,
            "Muistiystävällinen kylä -hanke",
            8_000,
            DRAFT,
            themes=(T.OLDER_PEOPLE,),
            other_income=(("esr", 72_000, ""),),
            later=(AttachmentKind.ACTION_PLAN,),
            unfinished=True,
        ),
        DemoApplication(
            16,
            GrantKind.PROJECT,
            "Muistipolku – yhteinen ESR-hanke",
            15_000,
            DRAFT,
            description="Kolmen yhdistyksen yhteinen hanke muistisairaiden arjen tueksi.",
            themes=(T.OLDER_PEOPLE, T.INCLUSION),
            other_income=(("esr", 135_000, "ESR S30001"),),
            partners=((3, True), (7, False)),
        ),
        DemoApplication(
            17,
            GrantKind.PROJECT,
            "Nuorten työpajat",
            10_000,
            SENT,
            themes=(T.CHILDREN_FAMILIES,),
            other_income=(("esr", 90_000, "ESR S30042"),),
        ),
    ],
    OB: [
        DemoApplication(
            29,
            GrantKind.OPERATING,
            "Kvällsverksamhet för unga",
            14_000,
            DECIDED,
            description="Öppet hus för unga två kvällar i veckan, med kamratstöd.",
            language="sv",
            themes=(T.CHILDREN_FAMILIES, T.MENTAL_HEALTH),
        ),
        DemoApplication(
            36,
            GrantKind.OPERATING,
            "Nuorten tukipiste Vaasassa",
            20_000,
            SCORED,
            themes=(T.CHILDREN_FAMILIES,),
        ),
        DemoApplication(
            31,
            GrantKind.OPERATING,
            "Frivilliga besökare för äldre",
            6_000,
            REVIEW,
            description="Frivilliga besöker ensamma äldre varje vecka.",
            language="sv",
            themes=(T.OLDER_PEOPLE, T.INCLUSION),
        ),
        DemoApplication(
            28,
            GrantKind.OPERATING,
            "Eläkeläisten digituki",
            3_500,
            SENT,
            themes=(T.OLDER_PEOPLE,),
        ),
        DemoApplication(
            33,
            GrantKind.OPERATING,
            "Familjecafé i Kronoby",
            4_000,
            DRAFT,
            description="Ett öppet familjecafé en gång i veckan.",
            language="sv",
            themes=(T.CHILDREN_FAMILIES,),
        ),
        DemoApplication(
            27,
            GrantKind.PARTNERSHIP,
            "Mötesplats för mental hälsa",
            30_000,
            INFO,
            description="En mötesplats med kamratstöd för personer med psykisk ohälsa.",
            language="sv",
            themes=(T.MENTAL_HEALTH,),
            other_income=(("stea", 80_000, "STEA C 2201"),),
        ),
        DemoApplication(
            34,
            GrantKind.PARTNERSHIP,
            "Muistiluotsi Vaasan seudulla",
            35_000,
            SENT,
            themes=(T.OLDER_PEOPLE,),
            other_income=(("stea", 95_000, "STEA Ak 3310"), ("ely", 10_000, "")),
        ),
        DemoApplication(
            26,
            GrantKind.ONE_OFF,
            "Marthornas krismatkurs",
            2_500,
            SENT,
            description="Kurser i hemberedskap efter stormen i höstas.",
            language="sv",
            themes=(T.CRISIS_SAFETY,),
        ),
    ],
}

LAST_YEAR = {
    EP: [
        DemoApplication(
            3,
            GrantKind.OPERATING,
            "Omaishoitajien vertaisryhmät",
            11_000,
            DECIDED,
            themes=(T.OLDER_PEOPLE,),
            granted=10_000,
            report=REPORT_MISSING,
        ),
        DemoApplication(
            4,
            GrantKind.OPERATING,
            "Mielenterveyskuntoutujien klubitalo",
            16_000,
            DECIDED,
            themes=(T.MENTAL_HEALTH,),
            granted=15_000,
            report=REPORT_ACCEPTED,
        ),
        DemoApplication(
            12,
            GrantKind.OPERATING,
            "Ruokakurssit ikäihmisille",
            5_000,
            DECIDED,
            themes=(T.OLDER_PEOPLE, T.HEALTH_PROMOTION),
            granted=4_000,
            report=REPORT_SENT,
            paid_out=False,
        ),
        DemoApplication(
            13,
            GrantKind.OPERATING,
            "Kyläavun kotikäynnit",
            6_000,
            DECIDED,
            themes=(T.OLDER_PEOPLE,),
            granted=0,
        ),
        DemoApplication(
            14,
            GrantKind.PROJECT,
            "Perhekahvilan kehittämishanke",
            8_000,
            DECIDED,
            themes=(T.CHILDREN_FAMILIES,),
            other_income=(("esr", 72_000, "ESR S20077"),),
            report=RECOVERY,
        ),
    ],
    OB: [
        DemoApplication(
            29,
            GrantKind.OPERATING,
            "Kvällsverksamhet för unga",
            12_000,
            DECIDED,
            description="Öppet hus för unga två kvällar i veckan.",
            language="sv",
            themes=(T.CHILDREN_FAMILIES,),
            report=REPORT_ACCEPTED,
        ),
        DemoApplication(
            26,
            GrantKind.OPERATING,
            "Matkurser för äldre",
            4_000,
            DECIDED,
            description="Matkurser för äldre i Korsholm.",
            language="sv",
            themes=(T.OLDER_PEOPLE,),
            granted=3_500,
            report=REPORT_SENT,
        ),
        DemoApplication(
            35,
            GrantKind.OPERATING,
            "Eläkeläisten kerhot",
            3_000,
            DECIDED,
            themes=(T.OLDER_PEOPLE, T.INCLUSION),
            report=REPORT_DUE_SOON,
        ),
    ],
}

NOTICES = {
    EP: [
        DemoNotice(
            10,
            "Vapaaehtoisten ystävätoiminta",
            25_000,
            (T.INCLUSION,),
            ("846", "218", "151"),
        ),
        DemoNotice(
            15,
            "Päihdetyön matalan kynnyksen tuki",
            40_000,
            (T.SUBSTANCE_USE, T.MENTAL_HEALTH),
            ("743", "145", "301"),
            other_funding="STEA",
        ),
        DemoNotice(
            11,
            "Vammaisten lomatoiminta",
            18_000,
            (T.DISABILITY,),
            ("403", "934", "052"),
        ),
        DemoNotice(
            16,
            "Muistiluotsi Etelä-Pohjanmaalla",
            45_000,
            (T.OLDER_PEOPLE,),
            ("743", "408", "005", "010", "232", "301"),
            other_funding="STEA",
        ),
        DemoNotice(
            17,
            "Nuorten kriisituki",
            30_000,
            (T.CHILDREN_FAMILIES, T.CRISIS_SAFETY),
            ("743",),
        ),
        DemoNotice(
            18,
            "Liikuntaa kaikille",
            12_000,
            (T.HEALTH_PROMOTION,),
            ("989",),
        ),
    ],
    OB: [
        DemoNotice(
            27,
            "Mötesplats för mental hälsa",
            30_000,
            (T.MENTAL_HEALTH,),
            ("598", "599", "440"),
            other_funding="STEA",
        ),
        DemoNotice(
            34,
            "Muistiluotsi Vaasan seudulla",
            35_000,
            (T.OLDER_PEOPLE,),
            ("905", "399", "499"),
            other_funding="STEA, ELY-keskus",
        ),
        DemoNotice(
            25,
            "Stöd för närståendevårdare",
            22_000,
            (T.OLDER_PEOPLE, T.INCLUSION),
            ("905", "499"),
            other_funding="STEA",
        ),
        DemoNotice(
            30,
            "Byarnas trygghetsnätverk",
            9_000,
            (T.CRISIS_SAFETY, T.INCLUSION),
            ("475", "280"),
        ),
        DemoNotice(
            32,
            "Sydänliikuntaryhmät",
            8_000,
            (T.HEALTH_PROMOTION,),
            ("287", "231"),
            other_funding="ELY-keskus",
        ),
        DemoNotice(
            36,
            "Kotoutuvien nuorten vertaisryhmät",
            15_000,
            (T.IMMIGRANTS, T.CHILDREN_FAMILIES),
            ("905",),
        ),
    ],
}


@dataclass
class Round:
    """One year's round: the programmes for ``grant_year``, applied for the year before."""

    grant_year: int
    calls: dict[tuple[str, str], Call] = field(default_factory=dict)
    # First instalments of this year's decisions, approved once last year's round is there
    # (so the one whose organisation's report is missing stays held).
    to_approve: list[Payment] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.grant_year - 1

    def moment(self, month: int, day: int, hour: int = 10) -> datetime:
        """A moment of the year the round is applied for in (Helsinki time)."""
        return datetime.combine(date(self.year, month, day), time(hour), tzinfo=deadlines.HELSINKI)

    @property
    def decided_on(self) -> date:
        return date(self.year, 12, 1)

    def when(self, call: Call, month: int, day: int, hour: int) -> datetime | None:
        """Now when the call takes applications now; else the moment of the round."""
        if call.accepts_applications(timezone.now()):
            return None
        return self.moment(month, day, hour)


def _pdf(title: str) -> bytes:
    """A small, valid one-page PDF with the title on it."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = f"BT /F1 18 Tf 72 770 Td ({text}) Tj ET".encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_iban(serial: int) -> str:
    """A valid Finnish IBAN (an OP account) for the organisation's serial."""
    account = f"500001{serial:07d}"
    bban = account + luhn.calc_check_digit(account)
    return str(iban.format(f"FI{iban.calc_check_digits('FI00' + bban)}{bban}"))


def _goals(code: str) -> list[CountyGoal]:
    county = County.objects.get(code=code)
    goals = []
    for kind, fi, sv in GOALS[code]:
        goal, _ = CountyGoal.objects.get_or_create(
            county=county, title_fi=fi, defaults={"kind": kind, "title": fi, "title_sv": sv}
        )
        goals.append(goal)
    return goals


def _call(item: DemoProgramme, grant_year: int) -> tuple[Call, int]:
    """The programme's published call for ``grant_year`` (made once, then left alone), and
    whether it was made now."""
    county = County.objects.get(code=item.county)
    existing = Programme.objects.filter(
        county=county, kind=item.kind, year=grant_year, title_fi=item.title_fi
    ).first()
    if existing is not None:
        return existing.calls.get(), 0
    goals = _goals(item.county)
    year = grant_year - 1
    programme = programme_create(
        actor=ACTOR,
        county=county,
        year=grant_year,
        kind=item.kind,
        title=item.title_fi,
        title_fi=item.title_fi,
        title_sv=item.title_sv,
        description_fi=item.description_fi,
        description_sv=item.description_sv,
        appropriation=Decimal(item.appropriation),
        required_attachments=list(item.attachments),
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
        title_fi=f"{item.title_fi} {grant_year}",
        title_sv=f"{item.title_sv} {grant_year}",
        text_fi=CALL_TEXT_FI,
        text_sv=CALL_TEXT_SV,
        opens_on=date(year, 1, 1) if item.continuous else date(year, 11, 1),
        closes_on=date(year, 12, 31) if item.continuous else date(year, 11, 30),
        notices_open_on=date(year, 6, 4) if item.notices else None,
        notices_close_on=date(year, 9, 30) if item.notices else None,
    )
    call_publish(actor=ACTOR, call=call)
    return call, 1


@dataclass(frozen=True)
class People:
    """Who acts for each county: its coordinator and reviewers (first made, first)."""

    coordinator: dict[str, User]
    reviewers: dict[str, list[User]]

    @classmethod
    def find(cls) -> People:
        coordinator: dict[str, User] = {}
        reviewers: dict[str, list[User]] = {EP: [], OB: []}
        roles = CountyRole.objects.filter(
            county__code__in=[EP, OB],
            role__in=[CountyRoleKind.COORDINATOR, CountyRoleKind.REVIEWER],
        ).select_related("user", "county")
        for role in roles.order_by("user_id"):
            code = role.county.code
            if role.role == CountyRoleKind.COORDINATOR:
                coordinator.setdefault(code, role.user)
            else:
                reviewers[code].append(role.user)
        return cls(coordinator=coordinator, reviewers=reviewers)

    def coordinator_of(self, code: str) -> Actor:
        user = self.coordinator.get(code)
        return Actor(user=user) if user else ACTOR


def _representative(organisation: Organisation, *, signing: bool = True) -> User | None:
    role = (
        organisation.roles.filter(**({"has_signing_right": True} if signing else {}))
        .select_related("user")
        .order_by("id")
        .first()
    )
    return role.user if role else None


def _draft(
    round_: Round, spec: DemoApplication, call: Call, organisations: dict[int, Organisation]
) -> tuple[Application, Actor]:
    """Start the application (from the organisation's advance notice, if it made one) and
    fill it in, with its partners and attachments."""
    organisation = organisations[spec.serial]
    representative = _representative(organisation)
    actor = Actor(user=representative) if representative else ACTOR
    programme = call.programme
    start = round_.when(call, 11, 10, 10)
    application = application_start(actor=actor, call=call, organisation=organisation, now=start)
    amount = Decimal(spec.amount)
    questions = list(programme.questions.all())
    application_save(
        application=application,
        actor=actor,
        language=spec.language,
        activity=spec.activity,
        description=spec.description,
        target_groups="Omaishoitajat ja heidän läheisensä"
        if spec.language == "fi"
        else "Närståendevårdare och deras anhöriga",
        requested_amount=amount,
        themes=list(spec.themes),
        municipalities=organisation.municipalities.all(),
        budget=[
            ("personnel", "Ohjaajan palkkiot", amount * Decimal("0.6")),
            ("premises", "Tilavuokrat", amount * Decimal("0.3")),
            ("activities", "Materiaalit ja kahvitus", amount * Decimal("0.1")),
        ],
        income=[
            ("own", amount * Decimal("0.1"), ""),
            *((source, Decimal(part), ref) for source, part, ref in spec.other_income),
        ],
        answers=(
            {}
            if spec.unfinished
            else {questions[0].pk: str(5 + spec.serial % 20), questions[1].pk: "no"}
        ),
        iban=demo_iban(spec.serial),
        bic="OKOYFIHH",
    )
    for kind in programme.required_attachments or []:
        if kind in spec.later:
            attachment_later(application=application, kind=kind, later=True, actor=actor)
            continue
        label = str(dict(AttachmentKind.choices)[kind]).capitalize()
        upload = SimpleUploadedFile(
            f"{label} {round_.grant_year}.pdf",
            _pdf(f"{organisation.name}: {label} {round_.grant_year}"),
            content_type="application/pdf",
        )
        attachment_add(application=application, kind=kind, upload=upload, actor=actor)
    for serial, confirmed in spec.partners:
        partner = partner_add(
            application=application, organisation=organisations[serial], actor=actor
        )
        confirmer = _representative(organisations[serial], signing=False)
        if confirmed and confirmer is not None:
            partner_confirm(partner=partner, actor=Actor(user=confirmer), now=start)
    return application, actor


def _review(application: Application, spec: DemoApplication, people: People, code: str) -> None:
    """Assign the county's reviewers: the first only, not yet declared, for REVIEW; for
    DISQUALIFIED the first declares a conflict of interest and the others score."""
    coordinator = people.coordinator_of(code)
    reviewers = people.reviewers[code]
    if spec.stage == REVIEW:
        reviewers = reviewers[:1]
    criteria = list(application.call.programme.criteria.all())
    for position, reviewer in enumerate(reviewers):
        assignment = reviewer_assign(application=application, reviewer=reviewer, actor=coordinator)
        if spec.stage == REVIEW:
            continue
        actor = Actor(user=reviewer)
        if spec.stage == DISQUALIFIED and position == 0:
            disqualification_declare(
                assignment=assignment,
                actor=actor,
                disqualified=True,
                reason="Olen yhdistyksen hallituksen jäsen.",
            )
            continue
        disqualification_declare(assignment=assignment, actor=actor, disqualified=False)
        base = 2 + (spec.serial + position) % 3
        scores_save(
            assignment=assignment,
            actor=actor,
            scores={
                criterion.pk: (min(5, base + i % 2), "Selkeä suunnitelma." if i == 0 else "")
                for i, criterion in enumerate(criteria)
            },
        )


def _decide(
    round_: Round, application: Application, spec: DemoApplication, people: People, code: str
) -> None:
    """The decision (two instalments, in February and August of the grant year), the
    instalments approved unless the organisation's money waits, and in last year's round
    paid and the usage report dealt with."""
    coordinator = people.coordinator_of(code)
    granted = Decimal(spec.amount if spec.granted is None else spec.granted)
    half = (granted / 2).quantize(Decimal("1"))
    year = round_.grant_year
    last_round = bool(spec.report)
    decision = decision_make(
        application=application,
        actor=coordinator,
        amount=granted,
        decision_maker=DECISION_MAKERS[code],
        decided_on=round_.decided_on,
        report_due=_report_due(spec.report, round_) if last_round else date(year + 1, 3, 31),
        instalments=[(half, date(year, 2, 1)), (granted - half, date(year, 8, 1))]
        if granted
        else [],
        section=f"§ {40 + spec.serial}",
        conditions=(
            "Avustus käytetään hakemuksen mukaiseen toimintaan."
            if application.language == "fi"
            else "Bidraget används för verksamheten enligt ansökan."
        ),
    )
    payments = list(decision.payments.all())
    if not last_round:
        round_.to_approve.extend(payments[:1])  # the second waits for its day
        return
    for number, payment in enumerate(payments):
        payment_approve(payment=payment, actor=coordinator)
        payment_send(payment=payment, actor=coordinator)
        if spec.paid_out or number == 0:
            payment_paid(payment=payment, actor=coordinator)
    if granted:
        _report(decision.usage_report, spec, coordinator)


def _report_due(report: str, round_: Round) -> date:
    """Last year's usage reports fall due relative to today (so an accepted one was due a
    while ago, a missing one is overdue and another is due soon), never before a month has
    passed from the decision."""
    days = {REPORT_ACCEPTED: -45, RECOVERY: -45, REPORT_SENT: -5, REPORT_MISSING: -14}
    due = timezone.localdate() + timedelta(days=days.get(report, 20))
    return max(due, round_.decided_on + timedelta(days=30))


def _report(report: UsageReport, spec: DemoApplication, coordinator: Actor) -> None:
    if spec.report not in {REPORT_ACCEPTED, REPORT_SENT, RECOVERY}:
        return  # missing, or not due yet
    granted = report.decision.amount
    used = granted - Decimal(1500) if spec.report == RECOVERY else granted
    representative = _representative(report.decision.application.organisation)
    swedish = report.decision.application.language == "sv"
    report_submit(
        report=report,
        actor=Actor(user=representative) if representative else ACTOR,
        lines={
            "personnel": (used * Decimal("0.6")).quantize(Decimal("1")),
            "premises": used - (used * Decimal("0.6")).quantize(Decimal("1")),
        },
        what_was_done=(
            "Ryhmät kokoontuivat kerran kuussa; mukana oli uusia osallistujia."
            if not swedish
            else "Grupperna träffades en gång i månaden; nya deltagare kom med."
        ),
        people_reached=40 + spec.serial,
        volunteers=5 + spec.serial % 7,
        volunteer_hours=120 + 10 * spec.serial,
    )
    if spec.report == REPORT_SENT:
        return
    report_accept(report=report, actor=coordinator)
    if spec.report == RECOVERY:
        recovery_create(
            decision=report.decision,
            actor=coordinator,
            amount=granted - used,
            reason="Avustusta jäi käyttämättä käyttöselvityksen mukaan.",
        )


def _application(
    round_: Round,
    spec: DemoApplication,
    code: str,
    organisations: dict[int, Organisation],
    people: People,
) -> int:
    """Take one application as far as its stage (once: nothing when the organisation has
    applied to the call already)."""
    call = round_.calls[code, spec.kind]
    if spec.serial not in organisations:
        return 0
    if Application.objects.filter(call=call, organisation=organisations[spec.serial]).exists():
        return 0
    application, actor = _draft(round_, spec, call, organisations)
    if spec.stage == DRAFT:
        return 1
    sent = round_.when(call, 11, 20, 12)
    application_submit(application=application, actor=actor, declarations=True, now=sent)
    if spec.stage == INFO:
        info_request(
            application=application,
            actor=people.coordinator_of(code),
            message=(
                "Lisätkää talousarvioon vapaaehtoisten kulukorvaukset ja kertokaa, "
                "miten toiminnan vaikutuksia seurataan."
                if application.language == "fi"
                else "Lägg till frivilligas kostnadsersättningar i budgeten och berätta hur "
                "verksamhetens effekter följs upp."
            ),
            respond_by=timezone.localdate() + timedelta(days=14),
        )
    elif spec.stage in {REVIEW, SCORED, DISQUALIFIED, DECIDED}:
        _review(application, spec, people, code)
    if spec.stage == DECIDED:
        application.refresh_from_db()
        _decide(round_, application, spec, people, code)
    if sent is not None:
        _date_history(application, round_, sent)
    return 1


def _date_history(application: Application, round_: Round, sent: datetime) -> None:
    """Date a past round's application history as the round went (sent, taken into review
    five days later, decided on the decision day) instead of the moment the demo ran."""
    moments = {
        ApplicationStatus.SUBMITTED: sent,
        ApplicationStatus.IN_REVIEW: sent + timedelta(days=5),
        ApplicationStatus.DECIDED: datetime.combine(
            round_.decided_on, time(12), tzinfo=deadlines.HELSINKI
        ),
    }
    changes = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Application), object_id=str(application.pk)
    )
    for state, moment in moments.items():
        changes.filter(to_state=state).update(changed_at=moment)


def _notice(
    round_: Round, notice: DemoNotice, code: str, organisations: dict[int, Organisation]
) -> int:
    call = round_.calls[code, GrantKind.PARTNERSHIP]
    organisation = organisations.get(notice.serial)
    if organisation is None or call.notices.filter(organisation=organisation).exists():
        return 0
    representative = _representative(organisation, signing=False)
    notice_save(
        actor=Actor(user=representative) if representative else ACTOR,
        call=call,
        organisation=organisation,
        municipalities=Municipality.objects.filter(code__in=notice.municipalities),
        now=round_.moment(8, 15),
        activity=notice.activity,
        description=notice.description
        or "Toiminta jatkuu ja laajenee uusiin kuntiin, jos rahoitus järjestyy.",
        themes=list(notice.themes),
        estimated_amount=Decimal(notice.amount),
        other_funding=notice.other_funding,
    )
    return 1


def _agreement(organisation: Organisation | None, people: People, year: int) -> int:
    """Etelä-Pohjanmaa's three-year partnership agreement (last year to next), with its
    support besides money; last year's and this year's tranches released."""
    title = "Muistiystävällinen Etelä-Pohjanmaa"
    county = County.objects.get(code=EP)
    if (
        organisation is None
        or PartnershipAgreement.objects.filter(
            county=county, organisation=organisation, title=title
        ).exists()
    ):
        return 0
    agreement = agreement_create(
        actor=people.coordinator_of(EP),
        county=county,
        organisation=organisation,
        title=title,
        starts_year=year - 1,
        ends_year=year + 1,
        tranches=[
            (year - 1, Decimal(40_000)),
            (year, Decimal(42_000)),
            (year + 1, Decimal(42_000)),
        ],
        description="Muistisairaiden ja heidän läheistensä neuvonta ja vertaistuki koko "
        "maakunnassa, yhteistyössä hyvinvointialueen muistihoitajien kanssa.",
        premises="Kokoustilat hyvinvointialueen sosiaali- ja terveyskeskuksissa maksutta.",
        communications="Toiminta esitellään hyvinvointialueen verkkosivuilla ja "
        "asiakastiedotteissa.",
        other_support="Muistihoitajat ohjaavat asiakkaita vertaisryhmiin; yhteinen "
        "koulutuspäivä vuosittain.",
    )
    for tranche in agreement.tranches.filter(year__lte=year):
        tranche_release(tranche=tranche, actor=people.coordinator_of(EP))
    return 1


def seed_grants_demo(organisations: dict[int, Organisation]) -> int:
    """Make the demo grants (``organisations`` by their demo serial); return how many
    programmes, notices, applications and agreements were made."""
    year = timezone.localdate().year
    people = People.find()
    created = 0
    for code, (fi, sv) in APPEAL_INSTRUCTIONS.items():
        appeal_instructions_save(
            actor=ACTOR, county=County.objects.get(code=code), text_fi=fi, text_sv=sv
        )
    this_round, last_round = Round(year + 1), Round(year)
    for round_ in (this_round, last_round):
        for item in PROGRAMMES:
            round_.calls[item.county, item.kind], made = _call(item, round_.grant_year)
            created += made
    # This year's round first (see the module's docstring), then last year's.
    for code in (EP, OB):
        created += sum(_notice(this_round, n, code, organisations) for n in NOTICES[code])
        for spec in THIS_YEAR[code]:
            created += _application(this_round, spec, code, organisations, people)
    for code in (EP, OB):
        for spec in LAST_YEAR[code]:
            created += _application(last_round, spec, code, organisations, people)
    for payment in this_round.to_approve:
        if not payment_hold(payment):
            county = payment.decision.application.call.programme.county.code
            payment_approve(payment=payment, actor=people.coordinator_of(county))
    created += _agreement(organisations.get(16), people, year)
    return created
