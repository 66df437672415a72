"""Demo data for `manage.py seed_demo`: people in every role and organisations in
Etelä-Pohjanmaa (16) and Pohjanmaa (17).

Everything here is invented. Each organisation is keyed by a serial number that gives it a
stable, valid business ID, so the command can run again without making duplicates. Later
issues add their own lists (services, grant calls, meetings) next to these.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum.fi import ytunnus

from kumppani.accounts.models import CountyRoleKind, OrganisationTitle
from kumppani.organisations.models import OrganisationKind

DEMO_EMAIL_DOMAIN = "demo.kumppani.fi"

# Etelä-Pohjanmaa's 18 municipalities; Pohjanmaa's 14 (bilingual ones marked in the CSV).
SOUTH_OSTROBOTHNIA = (
    "005", "010", "052", "145", "151", "152", "218", "232", "233",
    "300", "301", "403", "408", "743", "759", "846", "934", "989",
)  # fmt: skip
OSTROBOTHNIA = (
    "231", "280", "287", "288", "399", "440", "475", "499", "545",
    "598", "599", "893", "905", "946",
)  # fmt: skip


def demo_business_id(serial: int) -> str:
    """A valid business ID (Y-tunnus) for the serial: the first check digit that fits.

    Some seven-digit bases have no valid check digit; the next base is tried then.
    """
    base = 3_100_000 + serial * 13
    while True:
        for digit in "0123456789":
            candidate = f"{base:07d}-{digit}"
            if ytunnus.is_valid(candidate):
                return candidate
        base += 1


@dataclass(frozen=True)
class DemoOrganisation:
    serial: int  # stable key: gives the business ID
    name_fi: str
    name_sv: str
    kind: str
    municipalities: tuple[str, ...]
    description_fi: str
    description_sv: str
    umbrella: int | None = None  # serial of the umbrella organisation
    verified: bool = False
    register_number: str = ""
    email: str = ""
    phone: str = ""
    street_address: str = ""
    postal_code: str = ""
    post_office: str = ""
    website: str = ""
    is_non_profit: bool = True

    @property
    def business_id(self) -> str:
        return demo_business_id(self.serial)


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    password: str
    role_label: str
    county: str = ""
    county_role: str = ""
    municipality: str = ""
    organisation: int | None = None  # serial of the organisation represented
    title: str = OrganisationTitle.CONTACT
    signs: bool = False  # signing right in the organisation
    is_staff: bool = False
    language: str = "fi"


A = OrganisationKind.ASSOCIATION
UMBRELLA_EP = 1
UMBRELLA_OB = 2

ORGANISATIONS: list[DemoOrganisation] = [
    # --- umbrellas ---
    DemoOrganisation(
        UMBRELLA_EP,
        "Etelä-Pohjanmaan Järjestöverkko ry",
        "Södra Österbottens Organisationsnätverk rf",
        A,
        SOUTH_OSTROBOTHNIA,
        "Alueellinen kattojärjestö, joka kokoaa sosiaali- ja terveysalan yhdistykset "
        "yhteistyöhön hyvinvointialueen kanssa.",
        "Regional takorganisation som samlar social- och hälsovårdsföreningar till "
        "samarbete med välfärdsområdet.",
        verified=True,
        register_number="190.001",
        email="toimisto@jarjestoverkko.example.fi",
        phone="06 414 0001",
        street_address="Kauppakatu 1",
        postal_code="60100",
        post_office="Seinäjoki",
        website="https://jarjestoverkko.example.fi",
    ),
    DemoOrganisation(
        UMBRELLA_OB,
        "Pohjanmaan Yhdistysyhteistyö ry",
        "Österbottens Föreningssamarbete rf",
        A,
        OSTROBOTHNIA,
        "Kaksikielinen kattojärjestö Pohjanmaan yhdistyksille.",
        "Tvåspråkig takorganisation för föreningarna i Österbotten.",
        verified=True,
        register_number="190.002",
        email="info@foreningssamarbete.example.fi",
        phone="06 312 0002",
        street_address="Hovrättsesplanaden 5",
        postal_code="65100",
        post_office="Vasa",
        website="https://foreningssamarbete.example.fi",
    ),
    # --- Etelä-Pohjanmaa: associations (Finnish) ---
    DemoOrganisation(
        3,
        "Seinäjoen Seudun Omaiset ry",
        "Seinäjoen Seudun Omaiset rf",
        A,
        ("743", "408"),
        "Vertaistukea ja virkistystä omaishoitajille Seinäjoella ja Lapualla.",
        "Kamratstöd och rekreation för närståendevårdare i Seinäjoki och Lappo.",
        umbrella=UMBRELLA_EP,
        verified=True,
        register_number="190.103",
        email="omaiset@example.fi",
        postal_code="60100",
        post_office="Seinäjoki",
    ),
    DemoOrganisation(
        4,
        "Lapuan Mielenterveysyhdistys ry",
        "Lappo mentalvårdsförening rf",
        A,
        ("408",),
        "Kohtaamispaikka ja vertaisryhmiä mielenterveyskuntoutujille.",
        "Mötesplats och kamratgrupper för rehabiliteringsklienter inom mentalvården.",
        umbrella=UMBRELLA_EP,
        verified=True,
        email="toimisto4@example.fi",
        register_number="190.104",
    ),
    DemoOrganisation(
        5,
        "Kauhajoen Eläkeläiset ry",
        "Kauhajoki pensionärer rf",
        A,
        ("232",),
        "Liikuntaa, kerhoja ja ystävätoimintaa ikäihmisille.",
        "Motion, klubbar och vänverksamhet för äldre.",
        umbrella=UMBRELLA_EP,
        register_number="190.105",
    ),
    DemoOrganisation(
        6,
        "Kurikan Nuorisoseura ry",
        "Kurikka ungdomsförening rf",
        A,
        ("301",),
        "Harrastustoimintaa lapsille ja nuorille.",
        "Fritidsverksamhet för barn och unga.",
        umbrella=UMBRELLA_EP,
        register_number="190.106",
    ),
    DemoOrganisation(
        7,
        "Alavuden Sydänyhdistys ry",
        "Alavo hjärtförening rf",
        A,
        ("010", "989"),
        "Sydänterveyttä edistävää toimintaa Alavudella ja Ähtärissä.",
        "Verksamhet för hjärthälsa i Alavo och Etseri.",
        umbrella=UMBRELLA_EP,
        verified=True,
        email="toimisto7@example.fi",
        register_number="190.107",
    ),
    DemoOrganisation(
        8,
        "Ilmajoen Diabetesyhdistys ry",
        "Ilmola diabetesförening rf",
        A,
        ("145",),
        "Tietoa ja vertaistukea diabetesta sairastaville.",
        "Information och kamratstöd för personer med diabetes.",
        umbrella=UMBRELLA_EP,
        register_number="190.108",
    ),
    DemoOrganisation(
        9,
        "Kauhavan Kyläyhdistysten Liitto ry",
        "Kauhava byaföreningars förbund rf",
        A,
        ("233",),
        "Kylätoimintaa ja yhteisöllisyyttä Kauhavan kylissä.",
        "Byaverksamhet och gemenskap i Kauhavas byar.",
        umbrella=UMBRELLA_EP,
        register_number="190.109",
    ),
    DemoOrganisation(
        10,
        "Teuvan Vapaaehtoiset ry",
        "Östermarks frivilliga rf",
        A,
        ("846", "218", "151"),
        "Vapaaehtoistoimintaa Suupohjan alueella.",
        "Frivilligverksamhet i Sydbottenområdet.",
        umbrella=UMBRELLA_EP,
        register_number="190.110",
    ),
    DemoOrganisation(
        11,
        "Lappajärven Invalidit ry",
        "Lappajärvi invalider rf",
        A,
        ("403", "934", "052"),
        "Vammaisten henkilöiden edunvalvontaa ja virkistystä.",
        "Intressebevakning och rekreation för personer med funktionsnedsättning.",
        umbrella=UMBRELLA_EP,
        register_number="190.111",
    ),
    DemoOrganisation(
        12,
        "Kuortaneen Martat ry",
        "Kuortane marthor rf",
        A,
        ("300",),
        "Kotitalousneuvontaa ja ruokakursseja.",
        "Hushållsrådgivning och matkurser.",
        umbrella=UMBRELLA_EP,
        register_number="190.112",
    ),
    DemoOrganisation(
        13,
        "Soinin Kyläapu ry",
        "Soini byhjälp rf",
        A,
        ("759",),
        "Naapuriapua ja kuljetuksia ikäihmisille.",
        "Grannhjälp och transporter för äldre.",
        umbrella=UMBRELLA_EP,
        register_number="190.113",
    ),
    DemoOrganisation(
        14,
        "Isonkyrön Perhekahvila ry",
        "Storkyro familjekafé rf",
        A,
        ("152",),
        "Avoin perhekahvila lapsiperheille.",
        "Öppet familjekafé för barnfamiljer.",
        umbrella=UMBRELLA_EP,
        register_number="190.114",
    ),
    DemoOrganisation(
        15,
        "Seinäjoen Päihdetyön Tuki ry",
        "Stöd för missbrukarvård i Seinäjoki rf",
        A,
        ("743", "145", "301"),
        "Matalan kynnyksen tukea päihteitä käyttäville ja heidän läheisilleen.",
        "Lågtröskelstöd för personer som använder rusmedel och deras närstående.",
        verified=True,
        email="toimisto15@example.fi",
        register_number="190.115",
    ),
    DemoOrganisation(
        16,
        "Etelä-Pohjanmaan Muistiyhdistys ry",
        "Södra Österbottens minnesförening rf",
        A,
        SOUTH_OSTROBOTHNIA,
        "Muistisairaiden ja heidän läheistensä tukea koko maakunnassa.",
        "Stöd för personer med minnessjukdom och deras närstående i hela landskapet.",
        umbrella=UMBRELLA_EP,
        verified=True,
        email="toimisto16@example.fi",
        register_number="190.116",
    ),
    DemoOrganisation(
        17,
        "Seinäjoen Nuorten Tuki ry",
        "Seinäjoki ungdomsstöd rf",
        A,
        ("743",),
        "Tukihenkilötoimintaa nuorille.",
        "Stödpersonsverksamhet för unga.",
        umbrella=UMBRELLA_EP,
        register_number="190.117",
    ),
    DemoOrganisation(
        18,
        "Ähtärin Liikuntaseura ry",
        "Etseri idrottsförening rf",
        A,
        ("989",),
        "Matalan kynnyksen liikuntaryhmiä kaikenikäisille.",
        "Motionsgrupper med låg tröskel för alla åldrar.",
        register_number="190.118",
    ),
    # --- Etelä-Pohjanmaa: parishes, municipalities, county unit, foundation ---
    DemoOrganisation(
        19,
        "Seinäjoen seurakunta",
        "Seinäjoki församling",
        OrganisationKind.PARISH,
        ("743",),
        "Diakoniatyö, ruoka-apu ja ryhmät.",
        "Diakoniarbete, mathjälp och grupper.",
        verified=True,
        email="toimisto19@example.fi",
    ),
    DemoOrganisation(
        20,
        "Kauhavan seurakunta",
        "Kauhava församling",
        OrganisationKind.PARISH,
        ("233",),
        "Diakonia ja vapaaehtoistoiminta.",
        "Diakoni och frivilligverksamhet.",
    ),
    DemoOrganisation(
        41,
        "Lapuan tuomiokirkkoseurakunta",
        "Lappo domkyrkoförsamling",
        OrganisationKind.PARISH,
        ("408",),
        "Diakoniatyö, omaishoitajien ryhmät ja ystävätoiminta.",
        "Diakoniarbete, grupper för närståendevårdare och vänverksamhet.",
    ),
    DemoOrganisation(
        21,
        "Seinäjoen kaupunki",
        "Seinäjoki stad",
        OrganisationKind.MUNICIPALITY,
        ("743",),
        "Kaupungin hyvinvoinnin ja terveyden edistäminen.",
        "Stadens främjande av välfärd och hälsa.",
        verified=True,
        email="toimisto21@example.fi",
        is_non_profit=False,
    ),
    DemoOrganisation(
        22,
        "Lapuan kaupunki",
        "Lappo stad",
        OrganisationKind.MUNICIPALITY,
        ("408",),
        "Kaupungin järjestöyhteistyö.",
        "Stadens organisationssamarbete.",
        is_non_profit=False,
    ),
    DemoOrganisation(
        23,
        "Etelä-Pohjanmaan hyvinvointialue, järjestöyhteistyö",
        "Södra Österbottens välfärdsområde, organisationssamarbete",
        OrganisationKind.COUNTY_UNIT,
        SOUTH_OSTROBOTHNIA,
        "Hyvinvointialueen järjestöyhteistyön yksikkö.",
        "Välfärdsområdets enhet för organisationssamarbete.",
        verified=True,
        email="toimisto23@example.fi",
        is_non_profit=False,
    ),
    DemoOrganisation(
        24,
        "Lakeuden Hyvinvointisäätiö sr",
        "Slättens välfärdsstiftelse sr",
        OrganisationKind.FOUNDATION,
        ("743", "145", "408", "233"),
        "Säätiö tukee ikäihmisten ja lapsiperheiden hyvinvointia.",
        "Stiftelsen stöder äldres och barnfamiljers välfärd.",
        verified=True,
        email="toimisto24@example.fi",
    ),
    # --- Pohjanmaa: Swedish-speaking associations ---
    DemoOrganisation(
        25,
        "Vaasan Ruotsinkielinen Omaishoitajayhdistys ry",
        "Vasa Närståendevårdare rf",
        A,
        ("905", "499"),
        "Vertaistukea ruotsinkielisille omaishoitajille Vaasassa ja Mustasaaressa.",
        "Kamratstöd för svenskspråkiga närståendevårdare i Vasa och Korsholm.",
        umbrella=UMBRELLA_OB,
        verified=True,
        email="toimisto25@example.fi",
        register_number="190.125",
    ),
    DemoOrganisation(
        26,
        "Mustasaaren Martat ry",
        "Korsholms Marthaförening rf",
        A,
        ("499",),
        "Ruokakursseja ja kotitalousneuvontaa.",
        "Matkurser och hushållsrådgivning.",
        umbrella=UMBRELLA_OB,
        register_number="190.126",
    ),
    DemoOrganisation(
        27,
        "Pietarsaaren Seudun Mielenterveysyhdistys ry",
        "Jakobstadsnejdens mentalvårdsförening rf",
        A,
        ("598", "599", "440"),
        "Kohtaamispaikka ja vertaisryhmät Pietarsaaren seudulla.",
        "Mötesplats och kamratgrupper i Jakobstadsnejden.",
        umbrella=UMBRELLA_OB,
        verified=True,
        email="toimisto27@example.fi",
        register_number="190.127",
    ),
    DemoOrganisation(
        28,
        "Närpiön Eläkeläiset ry",
        "Närpes pensionärsförening rf",
        A,
        ("545",),
        "Ikäihmisten kerhoja ja retkiä.",
        "Klubbar och utflykter för äldre.",
        umbrella=UMBRELLA_OB,
        register_number="190.128",
    ),
    DemoOrganisation(
        29,
        "Uudenkaarlepyyn Nuorisoseura ry",
        "Nykarleby ungdomsförening rf",
        A,
        ("893",),
        "Nuorten harrastuksia ja kesäleirejä.",
        "Fritidsverksamhet och sommarläger för unga.",
        umbrella=UMBRELLA_OB,
        register_number="190.129",
    ),
    DemoOrganisation(
        30,
        "Maalahden Kyläyhdistys ry",
        "Malax byaförening rf",
        A,
        ("475", "280"),
        "Kylätoimintaa Maalahdella ja Korsnäsissä.",
        "Byaverksamhet i Malax och Korsnäs.",
        umbrella=UMBRELLA_OB,
        register_number="190.130",
    ),
    DemoOrganisation(
        31,
        "Vöyrin Vapaaehtoiset ry",
        "Vörå frivilliga rf",
        A,
        ("946",),
        "Vapaaehtoistoimintaa ja ystäväpalvelua.",
        "Frivilligverksamhet och vänservice.",
        umbrella=UMBRELLA_OB,
        register_number="190.131",
    ),
    DemoOrganisation(
        32,
        "Kristiinankaupungin Sydänyhdistys ry",
        "Kristinestads hjärtförening rf",
        A,
        ("287", "231"),
        "Sydänterveyttä ja liikuntaa Kristiinankaupungissa ja Kaskisissa.",
        "Hjärthälsa och motion i Kristinestad och Kaskö.",
        register_number="190.132",
    ),
    DemoOrganisation(
        33,
        "Kruunupyyn Lapsiperheet ry",
        "Kronoby barnfamiljer rf",
        A,
        ("288",),
        "Perhekahvila ja vertaistuki lapsiperheille.",
        "Familjekafé och kamratstöd för barnfamiljer.",
        umbrella=UMBRELLA_OB,
        register_number="190.133",
    ),
    # --- Pohjanmaa: Finnish-speaking associations ---
    DemoOrganisation(
        34,
        "Vaasan Seudun Muistiyhdistys ry",
        "Vasanejdens minnesförening rf",
        A,
        ("905", "399", "499"),
        "Muistisairaiden ja läheisten tukea Vaasan seudulla.",
        "Stöd för personer med minnessjukdom och närstående i Vasanejden.",
        umbrella=UMBRELLA_OB,
        verified=True,
        email="toimisto34@example.fi",
        register_number="190.134",
    ),
    DemoOrganisation(
        35,
        "Laihian Eläkeläiset ry",
        "Laihela pensionärer rf",
        A,
        ("399",),
        "Kerhoja ja liikuntaa ikäihmisille.",
        "Klubbar och motion för äldre.",
        register_number="190.135",
    ),
    DemoOrganisation(
        36,
        "Vaasan Nuorten Tukipiste ry",
        "Vasa ungdomsstödpunkt rf",
        A,
        ("905",),
        "Matalan kynnyksen tukea nuorille.",
        "Lågtröskelstöd för unga.",
        register_number="190.136",
    ),
    # --- Pohjanmaa: parishes, municipalities, county unit, foundation ---
    DemoOrganisation(
        37,
        "Vaasan ruotsalainen seurakunta",
        "Vasa svenska församling",
        OrganisationKind.PARISH,
        ("905",),
        "Diakoniatyö ja ryhmät ruotsiksi.",
        "Diakoniarbete och grupper på svenska.",
        verified=True,
        email="toimisto37@example.fi",
    ),
    DemoOrganisation(
        38,
        "Mustasaaren kunta",
        "Korsholms kommun",
        OrganisationKind.MUNICIPALITY,
        ("499",),
        "Kunnan hyvinvoinnin edistäminen.",
        "Kommunens främjande av välfärd.",
        is_non_profit=False,
    ),
    DemoOrganisation(
        39,
        "Pohjanmaan hyvinvointialue, järjestöyhteistyö",
        "Österbottens välfärdsområde, organisationssamarbete",
        OrganisationKind.COUNTY_UNIT,
        OSTROBOTHNIA,
        "Hyvinvointialueen järjestöyhteistyön yksikkö.",
        "Välfärdsområdets enhet för organisationssamarbete.",
        verified=True,
        email="toimisto39@example.fi",
        is_non_profit=False,
    ),
    DemoOrganisation(
        40,
        "Pohjanmaan Kansanterveyssäätiö sr",
        "Stiftelsen för folkhälsa i Österbotten sr",
        OrganisationKind.FOUNDATION,
        ("905", "598", "545"),
        "Säätiö tukee kansanterveystyötä Pohjanmaalla.",
        "Stiftelsen stöder folkhälsoarbete i Österbotten.",
    ),
]

USERS: list[DemoUser] = [
    DemoUser(
        f"koordinaattori@{DEMO_EMAIL_DOMAIN}",
        "Kaisa Koordinaattori",
        "demo-koordinaattori-16",
        "NGO coordinator, Etelä-Pohjanmaa (16)",
        county="16",
        county_role=CountyRoleKind.COORDINATOR,
    ),
    DemoUser(
        f"samordnare@{DEMO_EMAIL_DOMAIN}",
        "Sara Samordnare",
        "demo-samordnare-17",
        "NGO coordinator, Pohjanmaa (17)",
        county="17",
        county_role=CountyRoleKind.COORDINATOR,
        language="sv",
    ),
    DemoUser(
        f"arvioija@{DEMO_EMAIL_DOMAIN}",
        "Arto Arvioija",
        "demo-arvioija-16",
        "grant reviewer, Etelä-Pohjanmaa (16)",
        county="16",
        county_role=CountyRoleKind.REVIEWER,
    ),
    DemoUser(
        f"arvioija2@{DEMO_EMAIL_DOMAIN}",
        "Eeva Arvonen",
        "demo-arvioija2-16",
        "grant reviewer, Etelä-Pohjanmaa (16)",
        county="16",
        county_role=CountyRoleKind.REVIEWER,
    ),
    DemoUser(
        f"bedomare@{DEMO_EMAIL_DOMAIN}",
        "Bo Bedömare",
        "demo-bedomare-17",
        "grant reviewer, Pohjanmaa (17)",
        county="17",
        county_role=CountyRoleKind.REVIEWER,
        language="sv",
    ),
    DemoUser(
        f"ammattilainen@{DEMO_EMAIL_DOMAIN}",
        "Anna Ammattilainen",
        "demo-ammattilainen-16",
        "social and health professional, Etelä-Pohjanmaa (16)",
        county="16",
        county_role=CountyRoleKind.PROFESSIONAL,
    ),
    DemoUser(
        f"tilaaja@{DEMO_EMAIL_DOMAIN}",
        "Tiina Tilaaja",
        "demo-tilaaja-16",
        "unit orderer, Etelä-Pohjanmaa (16)",
        county="16",
        county_role=CountyRoleKind.UNIT_ORDERER,
    ),
    DemoUser(
        f"yhdyshenkilo@{DEMO_EMAIL_DOMAIN}",
        "Ykä Yhdyshenkilö",
        "demo-yhdyshenkilo-743",
        "NGO liaison person, Seinäjoki (743)",
        county="16",
        county_role=CountyRoleKind.LIAISON,
        municipality="743",
    ),
    DemoUser(
        f"yhdistys@{DEMO_EMAIL_DOMAIN}",
        "Jaana Järjestö",
        "demo-yhdistys-3",
        "representative (chair), Seinäjoen Seudun Omaiset ry",
        organisation=3,
        title=OrganisationTitle.CHAIR,
        signs=True,
    ),
    DemoUser(
        f"admin@{DEMO_EMAIL_DOMAIN}",
        "Pia Ylläpitäjä",
        "demo-admin-staff",
        "platform staff (administrator)",
        is_staff=True,
    ),
]

# The coordinator who verifies each county's verified organisations.
VERIFIER_FOR_COUNTY = {"16": USERS[0].email, "17": USERS[1].email}
