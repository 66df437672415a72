"""Vocabulary for the benchmark catalogue: NGO activities in Finnish and Swedish.

Target groups carry the inflected forms the texts need (genitive plural for compound-like
names, allative plural for "for ..."), so the generated names and descriptions contain the
inflections and compounds the search analyzer has to undo.
"""

from __future__ import annotations

from typing import NamedTuple


class Target(NamedTuple):
    key: str
    fi_gen: str  # omaishoitajien
    fi_all: str  # omaishoitajille
    fi_mod: str  # compound modifier: omaishoitaja(ryhmä)
    sv_for: str  # för närståendevårdare
    sv_mod: str  # närståendevårdar(grupp)
    ptv: str  # PTV target group notation
    activities: tuple[str, ...]
    fi_about: tuple[str, ...]  # sentences specific to the group
    sv_about: tuple[str, ...]


class Activity(NamedTuple):
    key: str
    fi_head: str  # vertaistukiryhmä: "{fi_gen} vertaistukiryhmä" / "{fi_mod}{fi_head}"
    fi_for: str  # "Vertaistukiryhmä" for "Vertaistukiryhmä omaishoitajille"
    sv_head: str  # "Kamratstödsgrupp" for "Kamratstödsgrupp för ..."
    term: str  # activity-types code
    theme: str  # themes code
    fi_what: tuple[str, ...]
    sv_what: tuple[str, ...]


ALL = (
    "peer",
    "befriend",
    "club",
    "cafe",
    "advice",
    "exercise",
    "culture",
    "nature",
    "camp",
    "online",
    "support_person",
)

TARGETS: tuple[Target, ...] = (
    Target(
        "carers",
        "omaishoitajien",
        "omaishoitajille",
        "omaishoitaja",
        "närståendevårdare",
        "närståendevårdar",
        "KR1.4",
        ALL,
        (
            "Omaishoitajana jaksaminen on usein koetuksella.",
            "Saat tietoa omaishoidon tuesta ja vapaapäivistä.",
        ),
        (
            "Som närståendevårdare behöver du också vila.",
            "Du får information om stöd för närståendevård.",
        ),
    ),
    Target(
        "dementia_relatives",
        "muistisairaiden läheisten",
        "muistisairaiden läheisille",
        "muistiomais",
        "anhöriga till personer med demens",
        "minnes",
        "KR1.1",
        ("peer", "cafe", "advice", "online", "support_person"),
        (
            "Muistisairaus muuttaa koko perheen arkea.",
            "Keskustelemme muistisairauden eri vaiheista ja läheisen jaksamisesta.",
        ),
        (
            "En minnessjukdom förändrar hela familjens vardag.",
            "Vi samtalar om demenssjukdomens olika skeden.",
        ),
    ),
    Target(
        "mental_health",
        "mielenterveyskuntoutujien",
        "mielenterveyskuntoutujille",
        "mielenterveys",
        "personer med psykisk ohälsa",
        "mentalvårds",
        "KR1.4",
        ALL,
        (
            "Masennus, ahdistus ja uupumus ovat yleisiä, eikä niiden kanssa tarvitse jäädä yksin.",
            "Toiminta tukee mielenterveyttä ja arjessa jaksamista.",
        ),
        (
            "Depression och ångest är vanliga, och ingen behöver vara ensam med dem.",
            "Verksamheten stöder psykisk hälsa och ork i vardagen.",
        ),
    ),
    Target(
        "substance",
        "päihdeongelmaisten läheisten",
        "päihdeongelmaisten läheisille",
        "päihdeomais",
        "anhöriga till personer med missbruk",
        "missbruks",
        "KR1.4",
        ("peer", "advice", "online", "support_person"),
        (
            "Läheisen alkoholinkäyttö tai huumeet kuormittavat koko perhettä.",
            "Ryhmässä puhutaan riippuvuudesta, rajoista ja omasta jaksamisesta.",
        ),
        (
            "En närståendes alkohol- eller drogbruk belastar hela familjen.",
            "I gruppen talar vi om beroende, gränser och egen ork.",
        ),
    ),
    Target(
        "cancer",
        "syöpään sairastuneiden",
        "syöpään sairastuneille",
        "syöpä",
        "cancerdrabbade",
        "cancer",
        "KR1.4",
        ("peer", "advice", "exercise", "online"),
        (
            "Syöpädiagnoosi herättää monenlaisia tunteita ja kysymyksiä.",
            "Vertaistukihenkilöt ovat itse sairastaneet syövän.",
        ),
        (
            "En cancerdiagnos väcker många känslor och frågor.",
            "Stödpersonerna har själva haft cancer.",
        ),
    ),
    Target(
        "diabetes",
        "diabeetikoiden",
        "diabeetikoille",
        "diabetes",
        "personer med diabetes",
        "diabetes",
        "KR1.4",
        ("peer", "advice", "exercise", "club"),
        (
            "Tyypin 1 ja tyypin 2 diabetes vaikuttavat ruokailuun ja liikkumiseen.",
            "Saat vinkkejä verensokerin seurantaan ja terveelliseen ruokavalioon.",
        ),
        (
            "Diabetes påverkar kost och motion.",
            "Du får tips om blodsockerkontroll och hälsosam kost.",
        ),
    ),
    Target(
        "heart",
        "sydänsairaiden",
        "sydänsairaille",
        "sydän",
        "hjärtpatienter",
        "hjärt",
        "KR1.4",
        ("peer", "exercise", "advice", "club"),
        (
            "Sydäninfarktin tai sydänleikkauksen jälkeen kuntoutuminen vie aikaa.",
            "Liikumme turvallisesti omaan tahtiin.",
        ),
        ("Efter en hjärtinfarkt tar rehabiliteringen tid.", "Vi rör oss tryggt i egen takt."),
    ),
    Target(
        "widowed",
        "leskeksi jääneiden",
        "leskeksi jääneille",
        "leski",
        "änkor och änklingar",
        "änke",
        "KR1.1",
        ("peer", "cafe", "befriend"),
        (
            "Puolison kuolema muuttaa elämän, ja suru kulkee mukana pitkään.",
            "Surusta voi puhua ihmisten kanssa, jotka ovat kokeneet saman.",
        ),
        (
            "Att förlora sin make eller maka förändrar livet.",
            "Sorgen får ta tid, och här möter du andra som har varit med om samma sak.",
        ),
    ),
    Target(
        "divorced",
        "eroperheiden",
        "eronneille vanhemmille",
        "ero",
        "frånskilda föräldrar",
        "skilsmässo",
        "KR1.2",
        ("peer", "advice", "online"),
        (
            "Avioero ja yhteishuoltajuus tuovat arkeen uusia kysymyksiä.",
            "Lasten hyvinvointi eron jälkeen on tapaamisten tärkeä teema.",
        ),
        (
            "Skilsmässa och gemensam vårdnad väcker nya frågor.",
            "Barnens välmående efter skilsmässan är ett viktigt tema.",
        ),
    ),
    Target(
        "adhd",
        "ADHD-perheiden",
        "neuropsykiatrisesti oireileville ja heidän perheilleen",
        "nepsy",
        "familjer med ADHD",
        "neuropsykiatri",
        "KR1.2",
        ("peer", "club", "advice", "camp", "exercise"),
        (
            "ADHD, autismikirjo ja muut nepsy-piirteet näkyvät arjessa monin tavoin.",
            "Ylivilkkaus, keskittymisvaikeudet ja aistiyliherkkyys ovat tuttuja aiheita.",
        ),
        (
            "ADHD och autism syns i vardagen på många sätt.",
            "Koncentrationssvårigheter och överaktivitet är bekanta ämnen.",
        ),
    ),
    Target(
        "long_covid",
        "pitkittyneestä koronasta kärsivien",
        "long covid -oireisille",
        "koronakuntoutuja",
        "personer med postcovid",
        "postcovid",
        "KR1.4",
        ("peer", "online", "advice"),
        (
            "Pitkittynyt korona aiheuttaa väsymystä, hengenahdistusta ja aivosumua.",
            "Jaamme kokemuksia jaksamisesta ja kuntoutumisesta.",
        ),
        (
            "Postcovid ger trötthet, andfåddhet och hjärndimma.",
            "Vi delar erfarenheter av återhämtning.",
        ),
    ),
    Target(
        "elderly",
        "ikäihmisten",
        "ikäihmisille",
        "seniori",
        "äldre",
        "senior",
        "KR1.1",
        ALL,
        (
            "Yksinäisyys on monelle ikääntyneelle arkea.",
            "Toiminta tuo iloa, seuraa ja sisältöä eläkepäiviin.",
        ),
        (
            "Ensamhet är vardag för många äldre.",
            "Verksamheten ger glädje och sällskap under pensionsdagarna.",
        ),
    ),
    Target(
        "youth",
        "nuorten",
        "nuorille",
        "nuoriso",
        "unga",
        "ungdoms",
        "KR1.3",
        ALL,
        (
            "Toiminta on tarkoitettu 13–29-vuotiaille nuorille.",
            "Nuorisotyöntekijät ja koulutetut vapaaehtoiset ovat paikalla.",
        ),
        (
            "Verksamheten är för unga mellan 13 och 29 år.",
            "Ungdomsledare och utbildade frivilliga finns på plats.",
        ),
    ),
    Target(
        "families",
        "lapsiperheiden",
        "lapsiperheille",
        "perhe",
        "barnfamiljer",
        "familje",
        "KR1.2",
        ALL,
        (
            "Vauvat, taaperot ja isommat sisarukset ovat tervetulleita vanhempiensa kanssa.",
            "Vanhemmat saavat vertaistukea ja lapset leikkiseuraa.",
        ),
        (
            "Bebisar och småbarn är välkomna med sina föräldrar.",
            "Föräldrarna får kamratstöd och barnen lekkamrater.",
        ),
    ),
    Target(
        "immigrants",
        "maahanmuuttajien",
        "maahanmuuttajille",
        "maahanmuuttaja",
        "invandrare",
        "invandrar",
        "KR1.5",
        ALL,
        (
            "Harjoittelemme suomen kieltä arkisissa tilanteissa.",
            "Saat apua lomakkeiden täyttämiseen ja viranomaisasiointiin.",
        ),
        (
            "Vi övar svenska och finska i vardagliga situationer.",
            "Du får hjälp med blanketter och myndighetsärenden.",
        ),
    ),
    Target(
        "disabled",
        "kehitysvammaisten",
        "kehitysvammaisille",
        "kehitysvamma",
        "personer med intellektuell funktionsnedsättning",
        "funktionshinder",
        "KR1.6",
        ("club", "exercise", "culture", "camp", "befriend", "support_person"),
        (
            "Toiminta on suunniteltu selkokielellä ja kaikille sopivaksi.",
            "Avustajat voivat osallistua maksutta.",
        ),
        (
            "Verksamheten sker på lättläst språk och passar alla.",
            "Assistenter deltar avgiftsfritt.",
        ),
    ),
    Target(
        "visually_impaired",
        "näkövammaisten",
        "näkövammaisille",
        "näkövamma",
        "synskadade",
        "synskade",
        "KR1.6",
        ("peer", "club", "exercise", "advice"),
        (
            "Materiaalit ovat saatavilla isotekstisinä ja äänitteinä.",
            "Opastus ja saattajapalvelu järjestetään pyydettäessä.",
        ),
        ("Materialet finns i storstil och som ljudfiler.", "Ledsagning ordnas vid behov."),
    ),
    Target(
        "hearing_impaired",
        "kuulovammaisten",
        "kuulovammaisille",
        "kuulovamma",
        "hörselskadade",
        "hörsel",
        "KR1.6",
        ("peer", "club", "advice", "culture"),
        (
            "Tilassa on induktiosilmukka ja viittomakielinen tulkkaus tilattaessa.",
            "Kuulokojeiden huolto ja neuvonta samassa yhteydessä.",
        ),
        (
            "Lokalen har hörslinga och teckenspråkstolkning vid behov.",
            "Råd om hörapparater på samma gång.",
        ),
    ),
    Target(
        "unemployed",
        "työttömien",
        "työttömille",
        "työnhakija",
        "arbetslösa",
        "arbetssökande",
        "KR1",
        ("club", "advice", "cafe", "volunteer_work"),
        (
            "Työttömyys voi olla raskasta, ja päivärytmi katoaa helposti.",
            "Saat tukea työnhakuun, ansioluetteloon ja kouluttautumiseen.",
        ),
        (
            "Arbetslöshet kan vara tung och dygnsrytmen försvinner lätt.",
            "Du får stöd i jobbsökandet och med ditt CV.",
        ),
    ),
    Target(
        "prisoners",
        "vankilasta vapautuvien",
        "vankilasta vapautuville",
        "vapautuva",
        "personer som friges från fängelse",
        "frigivnings",
        "KR1",
        ("support_person", "peer", "advice"),
        (
            "Vapautumisen jälkeen asunto, raha-asiat ja päihteettömyys ovat isoja kysymyksiä.",
            "Tukihenkilö kulkee rinnalla ensimmäiset kuukaudet.",
        ),
        (
            "Efter frigivningen är bostad och ekonomi stora frågor.",
            "En stödperson följer med de första månaderna.",
        ),
    ),
    Target(
        "men",
        "miesten",
        "miehille",
        "mies",
        "män",
        "mans",
        "KR1",
        ("peer", "club", "cafe", "exercise"),
        (
            "Miesten kesken puhutaan suoraan elämän isoista ja pienistä asioista.",
            "Kahvin äärellä syntyy helposti keskustelua.",
        ),
        (
            "Bland män talar vi rakt om livets stora och små frågor.",
            "Kring kaffet uppstår samtalen lätt.",
        ),
    ),
    Target(
        "veterans",
        "veteraanien ja sotaorpojen",
        "veteraaneille ja sotaorvoille",
        "veteraani",
        "veteraner",
        "veteran",
        "KR1.1",
        ("club", "befriend", "culture"),
        (
            "Perinnetyö ja yhteinen muistelu ovat toiminnan ydintä.",
            "Tervetuloa myös puolisot ja jälkipolvet.",
        ),
        (
            "Traditionsarbete och minnen är kärnan i verksamheten.",
            "Även makar och ättlingar är välkomna.",
        ),
    ),
)


ACTIVITIES: dict[str, Activity] = {
    a.key: a
    for a in (
        Activity(
            "peer",
            "vertaistukiryhmä",
            "Vertaistukiryhmä",
            "Kamratstödsgrupp",
            "peer-support",
            "daily-life",
            (
                "Vertaistukiryhmässä jaetaan kokemuksia ja saadaan voimia arkeen.",
                "Ryhmää ohjaa koulutettu vertaisohjaaja, ja kaikki keskustelut ovat "
                "luottamuksellisia.",
                "Vertaistuki auttaa huomaamaan, ettei ole tilanteensa kanssa yksin.",
            ),
            (
                "I kamratstödsgruppen delar vi erfarenheter och får kraft för vardagen.",
                "Gruppen leds av en utbildad kamratstödjare och allt som sägs stannar i gruppen.",
            ),
        ),
        Activity(
            "befriend",
            "ystävätoiminta",
            "Ystävätoiminta",
            "Vänverksamhet",
            "befriending",
            "community",
            (
                "Vapaaehtoinen ystävä tulee kylään, lähtee kävelylle tai asioille kanssasi.",
                "Ystävätoimintaan koulutetut vapaaehtoiset tapaavat ystäväänsä säännöllisesti.",
                "Yksinäisyyttä lievittävä ystäväpalvelu on maksutonta.",
            ),
            (
                "En frivillig vän kommer på besök, går på promenad eller följer med på ärenden.",
                "Vännerna är utbildade frivilliga som träffar dig regelbundet.",
            ),
        ),
        Activity(
            "support_person",
            "tukihenkilötoiminta",
            "Tukihenkilötoiminta",
            "Stödpersonsverksamhet",
            "support-person",
            "daily-life",
            (
                "Koulutettu tukihenkilö kulkee rinnallasi vaikeassa elämäntilanteessa.",
                "Tukisuhde kestää yleensä puolesta vuodesta vuoteen.",
            ),
            (
                "En utbildad stödperson går vid din sida i en svår livssituation.",
                "Stödrelationen varar vanligen ett halvt till ett år.",
            ),
        ),
        Activity(
            "club",
            "kerho",
            "Kerho",
            "Klubb",
            "groups-and-clubs",
            "community",
            (
                "Kerhossa pelataan, askarrellaan, keskustellaan ja juodaan kahvia.",
                "Kerhoiltoihin voi tulla mukaan milloin tahansa.",
                "Ohjelmassa on vierailijoita, retkiä ja teemailtoja.",
            ),
            (
                "I klubben spelar vi spel, pysslar och dricker kaffe.",
                "Du kan komma med när som helst.",
            ),
        ),
        Activity(
            "cafe",
            "kohtaamispaikka",
            "Kohtaamispaikka",
            "Mötesplats",
            "meeting-place",
            "community",
            (
                "Olohuonemainen kohtaamispaikka on avoinna arkipäivisin.",
                "Kahvila tarjoaa edullista kahvia, seuraa ja keskusteluapua.",
                "Matalan kynnyksen olohuone sopii kaikille, jotka kaipaavat seuraa.",
            ),
            (
                "Mötesplatsen är öppen på vardagar som ett vardagsrum för alla.",
                "Caféet bjuder på förmånligt kaffe och sällskap.",
            ),
        ),
        Activity(
            "advice",
            "neuvonta",
            "Neuvonta",
            "Rådgivning",
            "guidance",
            "daily-life",
            (
                "Neuvonnassa selvitetään etuudet, palvelut ja oikeudet yhdessä.",
                "Neuvoja on tavattavissa ajanvarauksella ja puhelimitse.",
                "Autamme hakemusten, valitusten ja Kela-asioiden kanssa.",
            ),
            (
                "Rådgivningen hjälper med förmåner, tjänster och rättigheter.",
                "Rådgivaren träffas med tidsbokning eller per telefon.",
            ),
        ),
        Activity(
            "exercise",
            "liikuntaryhmä",
            "Liikuntaryhmä",
            "Motionsgrupp",
            "physical-activity",
            "exercise",
            (
                "Liikuntaryhmässä harjoitellaan lihaskuntoa, tasapainoa ja liikkuvuutta.",
                "Ohjattu tuolijumppa, vesijumppa ja kävelylenkit sopivat kaikenkuntoisille.",
                "Soveltava liikunta huomioi jokaisen omat voimavarat.",
            ),
            (
                "I motionsgruppen tränar vi styrka, balans och rörlighet.",
                "Stolgympa, vattengympa och promenader passar alla.",
            ),
        ),
        Activity(
            "culture",
            "kulttuuriryhmä",
            "Kulttuuritoiminta",
            "Kulturgrupp",
            "culture",
            "culture",
            (
                "Kuorolaulu, teatteri, kuvataide ja lukupiiri kuuluvat ohjelmaan.",
                "Käymme yhdessä konserteissa, museoissa ja näyttelyissä.",
                "Taide ja musiikki tuovat hyvinvointia arkeen.",
            ),
            (
                "Körsång, teater, bildkonst och läsecirkel hör till programmet.",
                "Vi går tillsammans på konserter och museer.",
            ),
        ),
        Activity(
            "nature",
            "luontoretket",
            "Luontoretket",
            "Naturutflykter",
            "nature",
            "nature",
            (
                "Retkeilemme lähimetsissä, marjastamme ja sienestämme yhdessä.",
                "Luonnossa liikkuminen rauhoittaa mieltä ja kohottaa kuntoa.",
                "Retkille on järjestetty kimppakyyti ja eväät.",
            ),
            (
                "Vi gör utflykter i skogen, plockar bär och svamp.",
                "Att röra sig i naturen lugnar sinnet.",
            ),
        ),
        Activity(
            "camp",
            "leiri",
            "Leiri",
            "Läger",
            "camps-and-holidays",
            "community",
            (
                "Leirillä on ohjattua ohjelmaa, uintia, saunomista ja iltanuotio.",
                "Lomaviikko tarjoaa lepoa ja vertaistukea koko perheelle.",
            ),
            (
                "På lägret finns program, bad, bastu och lägereld.",
                "Semesterveckan ger vila och kamratstöd för hela familjen.",
            ),
        ),
        Activity(
            "online",
            "verkkoryhmä",
            "Verkkoryhmä",
            "Nätgrupp",
            "peer-support",
            "daily-life",
            (
                "Ryhmä kokoontuu verkossa Teamsissa, joten osallistua voi kotoa käsin.",
                "Chat-palvelu ja verkkotapaamiset sopivat myös harvaan asutuille alueille.",
            ),
            (
                "Gruppen träffas på nätet, så du kan delta hemifrån.",
                "Chatten och nätträffarna passar också glesbygden.",
            ),
        ),
        Activity(
            "volunteer_work",
            "työpaja",
            "Työpajatoiminta",
            "Verkstad",
            "volunteering",
            "work-and-functional-ability",
            (
                "Työpajassa korjataan polkupyöriä, ommellaan ja kunnostetaan huonekaluja.",
                "Kuntouttava työtoiminta tukee päivärytmiä ja työkykyä.",
            ),
            (
                "I verkstaden reparerar vi cyklar, syr och renoverar möbler.",
                "Arbetsverksamheten stöder dygnsrytm och arbetsförmåga.",
            ),
        ),
    )
}


class Standalone(NamedTuple):
    fi: str
    sv: str
    term: str
    theme: str
    ptv: str
    fi_what: tuple[str, ...]
    sv_what: tuple[str, ...]


# Activities whose names are compounds of their own (the analyzer's compound splitting matters).
STANDALONE: tuple[Standalone, ...] = (
    Standalone(
        "Ruoka-apu",
        "Mathjälp",
        "food-aid",
        "nutrition",
        "KR1",
        (
            "Jaamme ruokakasseja ja kauppojen ylijäämäruokaa tiistaisin.",
            "Ruokajakeluun ei tarvitse ilmoittautua, ota oma kassi mukaan.",
        ),
        (
            "Vi delar ut matkassar och överbliven mat från butikerna på tisdagar.",
            "Ta med egen kasse, ingen anmälan behövs.",
        ),
    ),
    Standalone(
        "Yhteisöateria",
        "Gemensam måltid",
        "food-aid",
        "nutrition",
        "KR1",
        (
            "Edullinen lämmin lounas kaikille, jotka haluavat syödä seurassa.",
            "Ateria maksaa kolme euroa, ja vähävaraisille se on maksuton.",
        ),
        ("En förmånlig varm lunch för alla som vill äta i sällskap.",),
    ),
    Standalone(
        "Velkaneuvonta",
        "Skuldrådgivning",
        "guidance",
        "daily-life",
        "KR1",
        (
            "Talous- ja velkaneuvonta auttaa, kun rahat eivät riitä laskuihin.",
            "Teemme yhdessä budjetin ja neuvottelemme velkojien kanssa maksusuunnitelmasta.",
            "Pikavipit, maksuhäiriömerkintä ja ulosotto ovat tuttuja asioita.",
        ),
        (
            "Skuld- och ekonomisk rådgivning när pengarna inte räcker till räkningarna.",
            "Vi gör en budget och förhandlar om en betalningsplan med borgenärerna.",
        ),
    ),
    Standalone(
        "Asumisneuvonta",
        "Boenderådgivning",
        "guidance",
        "daily-life",
        "KR1",
        ("Neuvomme vuokranmaksussa, asunnon hakemisessa ja häätilanteissa.",),
        ("Vi ger råd om hyra, bostadssökande och vräkningshot.",),
    ),
    Standalone(
        "Sosiaaliturvaneuvonta",
        "Rådgivning om social trygghet",
        "guidance",
        "daily-life",
        "KR1",
        ("Selvitämme Kelan etuudet, toimeentulotuen ja asumistuen.",),
        ("Vi reder ut FPA:s förmåner, utkomststöd och bostadsbidrag.",),
    ),
    Standalone(
        "Kriisipuhelin",
        "Krisjour",
        "crisis-help",
        "daily-life",
        "KR1",
        (
            "Kriisipuhelin päivystää ympäri vuorokauden, ja soittaa voi nimettömänä.",
            "Äkillinen kriisi, itsetuhoiset ajatukset tai läheisen kuolema: soita heti.",
        ),
        (
            "Krisjouren är öppen dygnet runt och du kan ringa anonymt.",
            "Vid akut kris, självmordstankar eller en närståendes död: ring direkt.",
        ),
    ),
    Standalone(
        "Lähisuhdeväkivaltatyö",
        "Arbete mot våld i nära relationer",
        "crisis-help",
        "daily-life",
        "KR1",
        (
            "Perheväkivaltaa kokeneet saavat keskusteluapua ja turvakotipaikan.",
            "Myös väkivaltaa käyttäneille on oma ryhmänsä.",
        ),
        ("Den som utsatts för våld i familjen får samtalsstöd och skyddshem.",),
    ),
    Standalone(
        "Perhekahvila",
        "Familjecafé",
        "meeting-place",
        "community",
        "KR1.2",
        (
            "Perhekahvilassa vanhemmat tapaavat toisiaan ja lapset leikkivät.",
            "Vauvaperheiden aamupäivät keskiviikkoisin seurakuntakodilla.",
        ),
        ("På familjecaféet träffas föräldrar medan barnen leker.",),
    ),
    Standalone(
        "Nuorisotila",
        "Ungdomsgård",
        "meeting-place",
        "community",
        "KR1.3",
        (
            "Nuorisotilassa pelataan biljardia, konsolipelejä ja lautapelejä.",
            "Nuortenillat perjantaisin klo 18–22, nuorisotyöntekijä paikalla.",
        ),
        (
            "På ungdomsgården spelar vi biljard, konsolspel och brädspel.",
            "Fredagskvällar för unga, ungdomsledare på plats.",
        ),
    ),
    Standalone(
        "Läksykerho",
        "Läxhjälp",
        "groups-and-clubs",
        "community",
        "KR1.3",
        ("Vapaaehtoiset auttavat koululaisia läksyissä ja kokeisiin lukemisessa.",),
        ("Frivilliga hjälper skolelever med läxor och prov.",),
    ),
    Standalone(
        "Kielikahvila",
        "Språkcafé",
        "meeting-place",
        "community",
        "KR1.5",
        (
            "Kielikahvilassa harjoitellaan suomea rennosti kahvikupin ääressä.",
            "Kaikki kielitasot ovat tervetulleita, myös aivan aloittelijat.",
        ),
        (
            "På språkcaféet övar vi svenska avslappnat över en kopp kaffe.",
            "Alla språknivåer är välkomna.",
        ),
    ),
    Standalone(
        "Muistikahvila",
        "Minnescafé",
        "meeting-place",
        "daily-life",
        "KR1.1",
        ("Muistikahvila on muistisairaiden ja heidän läheistensä yhteinen kohtaamispaikka.",),
        ("Minnescaféet är en mötesplats för personer med minnessjukdom och deras anhöriga.",),
    ),
    Standalone(
        "Tuolijumppa",
        "Stolgympa",
        "physical-activity",
        "exercise",
        "KR1.1",
        ("Tuolijumppa kohentaa lihaskuntoa ja tasapainoa istualtaan.",),
        ("Stolgympan förbättrar muskelstyrka och balans sittande.",),
    ),
    Standalone(
        "Senioritanssit",
        "Seniordans",
        "physical-activity",
        "exercise",
        "KR1.1",
        ("Tanssimme lavatansseja, linjatanssia ja bugg-kursin alkeita.",),
        ("Vi dansar gammaldans, linedance och bugg.",),
    ),
    Standalone(
        "Vesijumppa",
        "Vattengympa",
        "physical-activity",
        "exercise",
        "KR1.1",
        ("Vesijumppa uimahallissa on lempeää liikuntaa nivelille.",),
        ("Vattengympa i simhallen är skonsam motion för lederna.",),
    ),
    Standalone(
        "Soveltava liikunta",
        "Anpassad motion",
        "physical-activity",
        "exercise",
        "KR1.6",
        (
            "Pyörätuolikoripallo, boccia ja sähköpyörätuolisalibandy.",
            "Soveltavan liikunnan ohjaajat ottavat huomioon toimintarajoitteet.",
        ),
        ("Rullstolsbasket, boccia och elrullstolsinnebandy.",),
    ),
    Standalone(
        "Kuoro",
        "Kör",
        "culture",
        "culture",
        "KR1",
        ("Kuorossa lauletaan moniäänisesti, nuotinlukutaitoa ei tarvita.",),
        ("I kören sjunger vi stämsång, du behöver inte kunna noter.",),
    ),
    Standalone(
        "Käsityökerho",
        "Handarbetsklubb",
        "groups-and-clubs",
        "culture",
        "KR1",
        ("Neulomme, virkkaamme ja ompelemme hyväntekeväisyyteen.",),
        ("Vi stickar, virkar och syr för välgörenhet.",),
    ),
    Standalone(
        "Lukupiiri",
        "Läsecirkel",
        "culture",
        "culture",
        "KR1",
        ("Luemme kuukaudessa yhden kirjan ja keskustelemme siitä kirjastossa.",),
        ("Vi läser en bok i månaden och diskuterar den på biblioteket.",),
    ),
    Standalone(
        "Retkeilykerho",
        "Friluftsklubb",
        "nature",
        "nature",
        "KR1",
        ("Teemme päiväretkiä kansallispuistoihin ja laavuille.",),
        ("Vi gör dagsutflykter till nationalparker och vindskydd.",),
    ),
    Standalone(
        "Yhteisöpuutarha",
        "Gemenskapsträdgård",
        "nature",
        "nature",
        "KR1",
        ("Viljelemme yhdessä kasvimaata ja kasvihuonetta kesäkaudella.",),
        ("Vi odlar tillsammans i köksträdgården och växthuset.",),
    ),
    Standalone(
        "Kokemusasiantuntijakoulutus",
        "Utbildning för erfarenhetsexperter",
        "expert-by-experience",
        "work-and-functional-ability",
        "KR1",
        (
            "Koulutus antaa valmiudet kertoa omasta kokemuksesta ammattilaisille.",
            "Kokemusasiantuntijat osallistuvat palvelujen kehittämiseen ja koulutuksiin.",
        ),
        ("Utbildningen ger färdigheter att berätta om sina erfarenheter för yrkesfolk.",),
    ),
    Standalone(
        "Olka-toiminta",
        "Olka-verksamhet",
        "olka",
        "daily-life",
        "KR1.4",
        (
            "Olka-vapaaehtoiset opastavat potilaita ja omaisia sairaalan aulassa.",
            "Järjestöpiste kertoo potilasjärjestöjen vertaistuesta.",
        ),
        ("Olka-frivilliga guidar patienter och anhöriga i sjukhusets aula.",),
    ),
    Standalone(
        "Diakoniatyö",
        "Diakoniarbete",
        "guidance",
        "daily-life",
        "KR1",
        (
            "Seurakunnan diakoniatyöntekijä auttaa taloudellisissa vaikeuksissa.",
            "Diakonian vastaanotolle voi varata ajan tai tulla päivystykseen.",
        ),
        ("Församlingens diakoniarbetare hjälper vid ekonomiska svårigheter.",),
    ),
    Standalone(
        "Vapaaehtoistoiminta",
        "Frivilligverksamhet",
        "volunteering",
        "community",
        "KR1",
        (
            "Etsimme uusia vapaaehtoisia ulkoiluystäviksi, tapahtumiin ja kahvilaan.",
            "Perehdytys ja koulutus vapaaehtoistehtäviin järjestetään keväisin.",
        ),
        ("Vi söker nya frivilliga som promenadvänner, till evenemang och caféet.",),
    ),
    Standalone(
        "Työllisyyden tuki",
        "Sysselsättningsstöd",
        "guidance",
        "work-and-functional-ability",
        "KR1",
        ("Työvalmentaja auttaa työnhaussa, palkkatuessa ja kuntouttavassa työtoiminnassa.",),
        ("En jobbcoach hjälper med jobbsökande och lönesubvention.",),
    ),
    Standalone(
        "Päihdetyö",
        "Missbruksarbete",
        "peer-support",
        "healthy-lifestyles",
        "KR1",
        (
            "AA-ryhmät ja päihteettömät illanvietot tukevat raittiutta.",
            "Matalan kynnyksen päiväkeskus tarjoaa aamupalan ja saunan.",
        ),
        ("AA-grupper och drogfria kvällar stöder nykterheten.",),
    ),
    Standalone(
        "Lapsiperheiden kotiapu",
        "Hemhjälp för barnfamiljer",
        "support-person",
        "daily-life",
        "KR1.2",
        ("Vapaaehtoinen kotiapu tulee avuksi vauvaperheen arkeen.",),
        ("Frivillig hemhjälp kommer till hjälp i babyfamiljens vardag.",),
    ),
    Standalone(
        "Saattajatoiminta",
        "Ledsagarverksamhet",
        "support-person",
        "daily-life",
        "KR1.1",
        ("Saattaja lähtee mukaan lääkäriin, kauppaan tai konserttiin.",),
        ("En ledsagare följer med till läkaren, butiken eller konserten.",),
    ),
    Standalone(
        "Edunvalvonta",
        "Intressebevakning",
        "advocacy",
        "community",
        "KR1",
        ("Vaikutamme päättäjiin ja annamme lausuntoja jäsentemme puolesta.",),
        ("Vi påverkar beslutsfattare och ger utlåtanden för våra medlemmars del.",),
    ),
)

FI_PRACTICAL = (
    "Kokoonnumme joka toinen tiistai klo 17–19.",
    "Tapaamiset ovat maanantaisin kello 13.",
    "Ryhmä kokoontuu keskiviikkoiltaisin järjestötalolla.",
    "Toimintaa on torstaisin seurakuntatalon kerhohuoneessa.",
    "Kokoontumiset perjantaisin kirjaston ryhmätilassa.",
    "Tapaamme kerran kuukaudessa lauantaisin.",
    "Syksyn ja kevään kaudet alkavat elo- ja tammikuussa.",
    "Kesätauko kesä–heinäkuussa.",
)
SV_PRACTICAL = (
    "Vi träffas varannan tisdag kl. 17–19.",
    "Träffarna är på måndagar kl. 13.",
    "Gruppen träffas onsdagskvällar i föreningshuset.",
    "Verksamheten sker på torsdagar i församlingshemmet.",
    "Vi träffas en lördag i månaden.",
)
FI_JOIN = {
    "drop_in": ("Voit tulla mukaan ilman ilmoittautumista.", "Tule rohkeasti paikan päälle."),
    "sign_up": (
        "Ilmoittaudu etukäteen ohjaajalle puhelimitse tai sähköpostilla.",
        "Ryhmään mahtuu 12 osallistujaa, ilmoittautuminen verkkosivuilla.",
    ),
    "referral": ("Toimintaan ohjaudutaan sosiaali- tai terveydenhuollon ammattilaisen kautta.",),
}
SV_JOIN = {
    "drop_in": ("Du kan komma utan anmälan.",),
    "sign_up": ("Anmäl dig på förhand till ledaren per telefon eller e-post.",),
    "referral": ("Man kommer med via en yrkesperson inom social- eller hälsovården.",),
}
FI_FREE = ("Osallistuminen on maksutonta.", "Toiminta on ilmaista kaikille.")
SV_FREE = ("Deltagandet är avgiftsfritt.",)
FI_FEES = ("5 € / kerta", "Kausimaksu 20 €", "Jäsenille ilmainen, muille 3 €", "10 € / kk")
SV_FEES = ("5 € / gång", "Terminsavgift 20 €", "Gratis för medlemmar, andra 3 €")
FI_ACCESS = (
    "Tilat ovat esteettömät.",
    "Tilassa on induktiosilmukka.",
    "Esteetön sisäänkäynti ja inva-WC.",
)
SV_ACCESS = ("Lokalerna är tillgängliga.", "Lokalen har hörslinga.")
FI_SUMMARY = (
    "{What} {all} {place}.",
    "Matalan kynnyksen {what} {all}.",
    "Tukea, tietoa ja seuraa {all}.",
    "{What} – tervetuloa mukaan!",
)
SV_SUMMARY = (
    "{What} {sv_for} i {place}.",
    "Stöd, information och gemenskap {sv_for}.",
    "{What} – välkommen med!",
)

FI_ORG_WORDS = (
    ("Omaishoitajat", "association"),
    ("Mielenterveysseura", "association"),
    ("Muistiyhdistys", "association"),
    ("Sydänyhdistys", "association"),
    ("Diabetesyhdistys", "association"),
    ("Syöpäyhdistys", "association"),
    ("Eläkeläiset", "association"),
    ("Nuorisoseura", "association"),
    ("Mannerheimin Lastensuojeluliiton osasto", "association"),
    ("SPR:n osasto", "association"),
    ("Martat", "association"),
    ("Kehitysvammaisten Tukiyhdistys", "association"),
    ("Näkövammaiset", "association"),
    ("Kuuloyhdistys", "association"),
    ("Työttömät", "association"),
    ("A-kilta", "association"),
    ("Monikulttuuriyhdistys", "association"),
    ("Vanhustenhuoltosäätiö", "foundation"),
    ("Setlementti", "foundation"),
    ("seurakunta", "parish"),
    ("Kylätoimikunta", "association"),
    ("Sotaveteraanit", "association"),
    ("Liikuntaseura", "association"),
    ("Perheiden tuki", "association"),
    ("Kriisikeskus", "association"),
)
SV_ORG_WORDS = (
    ("Närståendevårdare", "association"),
    ("Pensionärsförening", "association"),
    ("Röda Korsets avdelning", "association"),
    ("Marthaförening", "association"),
    ("Ungdomsförening", "association"),
    ("Hörselförening", "association"),
    ("Folkhälsan", "association"),
    ("svenska församling", "parish"),
    ("Stiftelse för äldre", "foundation"),
    ("Idrottsförening", "association"),
)

# Genitive endings of Finnish place names, longest match first.
_FI_GENITIVE = (
    ("joki", "joen"),
    ("järvi", "järven"),
    ("lahti", "lahden"),
    ("mäki", "mäen"),
    ("koski", "kosken"),
    ("niemi", "niemen"),
    ("saari", "saaren"),
    ("salmi", "salmen"),
    ("lampi", "lammen"),
    ("ranta", "rannan"),
    ("vesi", "veden"),
    ("virta", "virran"),
    ("linna", "linnan"),
    ("nen", "sen"),
    ("ki", "en"),
    ("ti", "den"),
    ("pi", "men"),
    ("i", "in"),
)


def fi_genitive(name: str) -> str:
    """Return a plausible genitive of a Finnish place name (Seinäjoki -> Seinäjoen)."""
    for end, repl in _FI_GENITIVE:
        if name.endswith(end):
            return name[: -len(end)] + repl
    if name[-1] in "aeiouyäö":
        return name + "n"
    return name + "in"
