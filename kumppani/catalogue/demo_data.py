"""Demo catalogue: ~60 published activities and 10 volunteer tasks in Etelä-Pohjanmaa and
Pohjanmaa, in Finnish and (in the bilingual Pohjanmaa) Swedish.

`seed_catalogue_demo(organisations)` is called by `manage.py seed_demo`; it is idempotent
(every entry has a fixed uuid5 public id) and writes directly, without audit events, as demo
data is no one's action.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kumppani.catalogue.search.index import index_service, index_volunteer_task
from kumppani.core.models import Municipality
from kumppani.organisations.models import Organisation

from .hsds.dumps import dumps_mark_stale
from .models import (
    HowToJoin,
    Location,
    PublicationStatus,
    Schedule,
    Service,
    ServiceLanguage,
    ServiceLocation,
    TaxonomyTerm,
    TimeCommitment,
    VolunteerTask,
)
from .occurrences import occurrences_refresh
from .schedules import Repeat, build_rrule

NAMESPACE = uuid.UUID("0c6b7f0e-3d5e-4f53-9a55-3f2f4f1d2c11")
HELSINKI = ZoneInfo("Europe/Helsinki")
ANCHOR = date(2026, 1, 5)  # a Monday; schedules repeat from the week after it

# The Swedish street names of bilingual municipalities whose street above is in Finnish.
STREETS_SV = {"905": "Hovrättsesplanaden 13"}

# code: (post office fi, post office sv, postal code, street, latitude, longitude)
PLACES: dict[str, tuple[str, str, str, str, str, str]] = {
    "743": ("Seinäjoki", "Seinäjoki", "60100", "Kauppakatu 17", "62.790300", "22.840300"),
    "408": ("Lapua", "Lappo", "62100", "Poutuntie 1", "62.969900", "23.006000"),
    "233": ("Kauhava", "Kauhava", "62200", "Kauppatie 96", "63.101000", "23.063000"),
    "010": ("Alavus", "Alavo", "63300", "Taipaleentie 11", "62.586000", "23.617000"),
    "301": ("Kurikka", "Kurikka", "61300", "Kurikantie 17", "62.617000", "22.401000"),
    "145": ("Ilmajoki", "Ilmola", "60800", "Ilmajoentie 14", "62.733000", "22.576000"),
    "232": ("Kauhajoki", "Kauhajoki", "61800", "Topeeka 37", "62.431000", "22.179000"),
    "989": ("Ähtäri", "Etseri", "63700", "Ostolantie 6", "62.554000", "24.069000"),
    "005": ("Alajärvi", "Alajärvi", "62900", "Kauppatie 4", "63.001000", "23.817000"),
    "905": ("Vaasa", "Vasa", "65100", "Hovioikeudenpuistikko 13", "63.096000", "21.616000"),
    "499": ("Mustasaari", "Korsholm", "65610", "Centrumvägen 2", "63.103000", "21.717000"),
    "598": ("Pietarsaari", "Jakobstad", "68600", "Storgatan 10", "63.675000", "22.705000"),
    "545": ("Närpiö", "Närpes", "64200", "Närpesvägen 10", "62.474000", "21.337000"),
    "287": (
        "Kristiinankaupunki",
        "Kristinestad",
        "64100",
        "Östra Långgatan 49",
        "62.274000",
        "21.376000",
    ),
    "399": ("Laihia", "Laihela", "66400", "Laihiantie 36", "62.976000", "22.011000"),
    "893": (
        "Uusikaarlepyy",
        "Nykarleby",
        "66900",
        "Topeliusesplanaden 7",
        "63.522000",
        "22.530000",
    ),
}

# Our own demo organisations, used where the seeded registry has none in a municipality.
DEMO_ORGANISATIONS: list[tuple[str, str, list[str]]] = [
    ("Etelä-Pohjanmaan Omaiset ry", "", ["743", "408", "233", "145", "301"]),
    ("Seinäjoen Seudun Mielenterveysyhdistys ry", "", ["743", "145", "301", "232"]),
    ("Järvi-Pohjanmaan Kylät ry", "", ["010", "989", "005", "233"]),
    ("Suupohjan Ystäväpiiri ry", "", ["232", "301", "145"]),
    (
        "Vaasan Seudun Vapaaehtoiskeskus ry",
        "Vasanejdens Frivilligcentral rf",
        ["905", "499", "399"],
    ),
    (
        "Pohjanmaan Kansanterveys ry",
        "Österbottens Folkhälsa rf",
        ["905", "499", "598", "545", "287"],
    ),
    ("Pietarsaaren Seudun Ruoka-apu ry", "Jakobstadsnejdens Mathjälp rf", ["598", "893"]),
    ("Närpiön Seurakunta", "Närpes församling", ["545", "287"]),
]

# key, fi name, sv name, fi summary, sv summary, activity types, themes, target group,
# weekday (0 = Monday), start hour, how to join, languages
ACTIVITIES: list[tuple[Any, ...]] = [
    (
        "omaishoitajat",
        "Omaishoitajien vertaistukiryhmä",
        "Kamratstödsgrupp för närståendevårdare",
        "Omaishoitajat jakavat kokemuksia ja saavat tukea toisiltaan.",
        "Närståendevårdare delar erfarenheter och stöder varandra.",
        ["peer-support"],
        ["daily-life", "community"],
        "KR1.1",
        1,
        17,
        HowToJoin.DROP_IN,
    ),
    (
        "muistikahvila",
        "Muistikahvila",
        "Minneskafé",
        "Kohtaamispaikka muistisairaille ja heidän läheisilleen.",
        "Mötesplats för personer med minnessjukdom och deras anhöriga.",
        ["meeting-place"],
        ["community"],
        "KR1.1",
        2,
        13,
        HowToJoin.DROP_IN,
    ),
    (
        "ruoka-apu",
        "Ruoka-avun jakelu",
        "Utdelning av mathjälp",
        "Ruokakassit jaetaan kaikille tarvitseville, ei ennakkoilmoittautumista.",
        "Matkassar delas ut till alla som behöver, ingen förhandsanmälan.",
        ["food-aid"],
        ["nutrition", "daily-life"],
        "KR1",
        3,
        12,
        HowToJoin.DROP_IN,
    ),
    (
        "kavelyryhma",
        "Ikäihmisten kävelyryhmä",
        "Promenadgrupp för äldre",
        "Reipas kävelylenkki yhdessä ohjaajan kanssa, sään mukaan ulkona.",
        "En rask promenad med ledare, utomhus om vädret tillåter.",
        ["physical-activity"],
        ["exercise", "healthy-lifestyles"],
        "KR1.1",
        0,
        10,
        HowToJoin.DROP_IN,
    ),
    (
        "ystavatoiminta",
        "Ystävätoiminta yksinäisille",
        "Vänverksamhet för ensamma",
        "Saat vapaaehtoisen ystävän, joka tapaa sinua säännöllisesti.",
        "Du får en frivillig vän som träffar dig regelbundet.",
        ["befriending"],
        ["community"],
        "KR1.1",
        0,
        14,
        HowToJoin.SIGN_UP,
    ),
    (
        "nuorten-ilta",
        "Nuorten ilta",
        "Ungdomskväll",
        "Matalan kynnyksen iltaryhmä 13–17-vuotiaille: pelejä, juttelua ja välipalaa.",
        "Kvällsgrupp med låg tröskel för 13–17-åringar: spel, prat och mellanmål.",
        ["groups-and-clubs"],
        ["community"],
        "KR1.3",
        3,
        17,
        HowToJoin.DROP_IN,
    ),
    (
        "mielenterveys",
        "Mielenterveyden vertaisryhmä",
        "Kamratgrupp för psykisk hälsa",
        "Suljettu ryhmä, jossa puhutaan jaksamisesta ja mielen hyvinvoinnista.",
        "En sluten grupp där vi talar om ork och psykiskt välmående.",
        ["peer-support"],
        ["daily-life", "work-and-functional-ability"],
        "KR1.4",
        1,
        18,
        HowToJoin.SIGN_UP,
    ),
    (
        "kriisipuhelin",
        "Kriisikeskuksen keskusteluapu",
        "Samtalshjälp vid kris",
        "Keskusteluapua kriisitilanteessa, tarvittaessa lähetteellä.",
        "Samtalshjälp i en krissituation, vid behov med remiss.",
        ["crisis-help"],
        ["daily-life"],
        "KR1",
        4,
        9,
        HowToJoin.REFERRAL,
    ),
    (
        "olka",
        "Olka-järjestöpiste sairaalassa",
        "Olka-organisationsdisk på sjukhuset",
        "Vapaaehtoiset ja järjestöt neuvovat potilaita ja läheisiä sairaalan aulassa.",
        "Frivilliga och organisationer ger råd till patienter och anhöriga i sjukhusets aula.",
        ["olka", "guidance"],
        ["community"],
        "KR1.4",
        2,
        10,
        HowToJoin.DROP_IN,
    ),
    (
        "lapsiperheet",
        "Perhekahvila",
        "Familjecafé",
        "Vanhemmat ja lapset tapaavat, leikkivät ja jakavat arjen vinkkejä.",
        "Föräldrar och barn träffas, leker och delar vardagstips.",
        ["meeting-place", "peer-support"],
        ["community"],
        "KR1.2",
        4,
        10,
        HowToJoin.DROP_IN,
    ),
    (
        "kuntosali",
        "Kuntosaliryhmä ikäihmisille",
        "Gymgrupp för äldre",
        "Ohjattu lihaskuntoharjoittelu turvallisesti omaan tahtiin.",
        "Ledd styrketräning tryggt i egen takt.",
        ["physical-activity"],
        ["exercise", "work-and-functional-ability"],
        "KR1.1",
        3,
        9,
        HowToJoin.SIGN_UP,
    ),
    (
        "kuoro",
        "Laulu- ja kuoroilta",
        "Sång- och körkväll",
        "Laulamme tuttuja lauluja yhdessä, nuotteja ei tarvitse osata.",
        "Vi sjunger bekanta sånger tillsammans, du behöver inte kunna noter.",
        ["culture", "groups-and-clubs"],
        ["culture", "community"],
        "KR1",
        0,
        18,
        HowToJoin.DROP_IN,
    ),
    (
        "luontoretki",
        "Luontoretket",
        "Naturutflykter",
        "Kuukausittaiset retket lähiluontoon, kuljetus järjestetään.",
        "Månatliga utflykter i naturen nära dig, transport ordnas.",
        ["nature"],
        ["nature", "exercise"],
        "KR1",
        5,
        10,
        HowToJoin.SIGN_UP,
    ),
    (
        "tukihenkilo",
        "Tukihenkilö nuorelle",
        "Stödperson för unga",
        "Koulutettu vapaaehtoinen tukihenkilö kulkee nuoren rinnalla.",
        "En utbildad frivillig stödperson går vid den ungas sida.",
        ["support-person"],
        ["daily-life"],
        "KR1.3",
        2,
        16,
        HowToJoin.REFERRAL,
    ),
    (
        "kokemus",
        "Kokemusasiantuntijat kertovat",
        "Erfarenhetsexperter berättar",
        "Kokemusasiantuntijat kertovat toipumisestaan ja vastaavat kysymyksiin.",
        "Erfarenhetsexperter berättar om sin återhämtning och svarar på frågor.",
        ["expert-by-experience"],
        ["community"],
        "KR1.4",
        1,
        13,
        HowToJoin.DROP_IN,
    ),
    (
        "leiri",
        "Kesäleiri lapsiperheille",
        "Sommarläger för barnfamiljer",
        "Viikonlopun leiri luonnon keskellä, leirimaksu tulojen mukaan.",
        "Ett veckoslutsläger i naturen, avgiften enligt inkomster.",
        ["camps-and-holidays"],
        ["nature", "community"],
        "KR1.2",
        5,
        9,
        HowToJoin.SIGN_UP,
    ),
    (
        "neuvonta",
        "Sosiaalietuusneuvonta",
        "Rådgivning om sociala förmåner",
        "Apua Kelan ja muiden etuuksien hakemiseen.",
        "Hjälp att ansöka om FPA:s och andra förmåner.",
        ["guidance"],
        ["daily-life"],
        "KR1",
        1,
        10,
        HowToJoin.SIGN_UP,
    ),
    (
        "vammaiset",
        "Vammaisten harrastekerho",
        "Hobbyklubb för personer med funktionsnedsättning",
        "Askartelua, pelejä ja yhdessäoloa esteettömissä tiloissa.",
        "Pyssel, spel och samvaro i tillgängliga lokaler.",
        ["groups-and-clubs"],
        ["community", "culture"],
        "KR1.6",
        2,
        17,
        HowToJoin.DROP_IN,
    ),
    (
        "edunvalvonta",
        "Potilasjärjestön neuvontailta",
        "Patientorganisationens rådgivningskväll",
        "Tietoa oikeuksista ja palveluista pitkäaikaissairaille.",
        "Information om rättigheter och tjänster för långtidssjuka.",
        ["advocacy", "guidance"],
        ["daily-life"],
        "KR1.4",
        3,
        18,
        HowToJoin.DROP_IN,
    ),
    (
        "ruokakurssi",
        "Edullisen arkiruoan kurssi",
        "Kurs i förmånlig vardagsmat",
        "Opettele tekemään terveellistä ja edullista ruokaa yhdessä.",
        "Lär dig laga hälsosam och förmånlig mat tillsammans.",
        ["groups-and-clubs"],
        ["nutrition", "healthy-lifestyles"],
        "KR1",
        2,
        16,
        HowToJoin.SIGN_UP,
    ),
]

# Three places per activity, alternating the two counties.
MUNICIPALITY_ROTATION = [
    "743",
    "905",
    "408",
    "499",
    "233",
    "598",
    "010",
    "545",
    "301",
    "287",
    "145",
    "399",
    "232",
    "893",
    "989",
    "005",
]

# A task's time in Finnish: how often (the choice) and the same words in Swedish.
COMMITMENTS: dict[str, tuple[str, str]] = {
    "2–3 h kuussa": (TimeCommitment.MONTHLY, "2–3 h i månaden"),
    "1–2 h viikossa": (TimeCommitment.WEEKLY, "1–2 h i veckan"),
    "2 h viikossa": (TimeCommitment.WEEKLY, "2 h i veckan"),
    "30 min viikossa": (TimeCommitment.WEEKLY, "30 min i veckan"),
    "3 h kerran viikossa": (TimeCommitment.WEEKLY, "3 h en gång i veckan"),
    "3 h kahdesti kuussa": (TimeCommitment.MONTHLY, "3 h två gånger i månaden"),
    "yksi päivä": (TimeCommitment.ONCE, "en dag"),
    "joustava": (TimeCommitment.FLEXIBLE, ""),
    "kerran kuussa": (TimeCommitment.MONTHLY, ""),
}

TASKS: list[tuple[str, str, str, str, str | None, bool, str]] = [
    (
        "kahvila",
        "Kahvilavapaaehtoinen muistikahvilaan",
        "Frivillig i minneskaféet",
        "Keitä kahvia ja juttele kävijöiden kanssa kerran kuussa.",
        "743",
        False,
        "2–3 h kuussa",
    ),
    (
        "ulkoilu",
        "Ulkoiluystävä ikäihmiselle",
        "Friluftsvän för en äldre person",
        "Lähde kävelylle ikäihmisen kanssa kerran viikossa.",
        "905",
        False,
        "1–2 h viikossa",
    ),
    (
        "lasky",
        "Läksyhelppi koululaisille",
        "Läxhjälp för skolbarn",
        "Auta alakoululaisia läksyissä kirjastolla.",
        "408",
        False,
        "2 h viikossa",
    ),
    (
        "puhelin",
        "Puhelinystävä",
        "Telefonvän",
        "Soita yksinäiselle ikäihmiselle sovittuna aikana.",
        None,
        True,
        "30 min viikossa",
    ),
    (
        "ruoka",
        "Ruoka-avun jakaja",
        "Utdelare av mathjälp",
        "Auta ruokakassien pakkaamisessa ja jakamisessa.",
        "598",
        False,
        "3 h kerran viikossa",
    ),
    (
        "olka",
        "Olka-vapaaehtoinen sairaalan aulaan",
        "Olka-frivillig i sjukhusets aula",
        "Opasta potilaita ja läheisiä sairaalan aulassa.",
        "743",
        False,
        "3 h kahdesti kuussa",
    ),
    (
        "tapahtuma",
        "Tapahtumatalkoolainen",
        "Talkoarbetare vid evenemang",
        "Auta järjestöpäivän järjestelyissä torilla.",
        "499",
        False,
        "yksi päivä",
    ),
    (
        "tukihenkilo",
        "Tukihenkilö nuorelle",
        "Stödperson för en ung",
        "Tapaa nuorta säännöllisesti, koulutus järjestetään.",
        "232",
        False,
        "2 h viikossa",
    ),
    (
        "some",
        "Somevapaaehtoinen",
        "Frivillig för sociala medier",
        "Kirjoita yhdistyksen tapahtumista somekanaville etänä.",
        None,
        True,
        "joustava",
    ),
    (
        "kuljetus",
        "Kuljettaja luontoretkille",
        "Chaufför för naturutflykter",
        "Aja yhdistyksen pikkubussia retkillä (B-kortti riittää).",
        "545",
        False,
        "kerran kuussa",
    ),
]


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(parts))


# Made-up contact persons of the demo activities.
DEMO_CONTACT_NAMES = [
    ("Aino", "Mäkelä"),
    ("Elias", "Koskinen"),
    ("Helmi", "Järvinen"),
    ("Onni", "Heikkinen"),
    ("Ella", "Niemi"),
    ("Leo", "Hämäläinen"),
    ("Linnea", "Backman"),
]


def _demo_email(first: str, last: str) -> str:
    ascii_ = str.maketrans("äöå", "aoa")
    return f"{first}.{last}@example.fi".lower().translate(ascii_)


def _demo_organisations(given: Iterable[Organisation]) -> dict[str, list[Organisation]]:
    """Organisations by municipality code: the seeded registry's first, then our own."""
    by_code: dict[str, list[Organisation]] = {}
    for organisation in given:
        for municipality in organisation.municipalities.all():
            by_code.setdefault(municipality.code, []).append(organisation)
    for name_fi, name_sv, codes in DEMO_ORGANISATIONS:
        if all(code in by_code for code in codes):
            continue  # the registry already has an organisation there
        organisation, created = Organisation.objects.get_or_create(
            name_fi=name_fi,
            defaults={"name": name_fi, "name_sv": name_sv, "description_fi": "Demo-yhdistys."},
        )
        if created:
            organisation.municipalities.set(Municipality.objects.filter(code__in=codes))
        for code in codes:
            by_code.setdefault(code, []).append(organisation)
    return by_code


def _terms() -> dict[tuple[str, str], TaxonomyTerm]:
    return {
        (term.taxonomy.code, term.code): term
        for term in TaxonomyTerm.objects.filter(
            taxonomy__code__in=["activity-types", "themes", "ptv-target-groups"]
        ).select_related("taxonomy")
    }


@transaction.atomic
def seed_catalogue_demo(organisations: Iterable[Organisation] = ()) -> dict[str, int]:
    """Create or refresh the demo activities and tasks; return how many of each."""
    by_code = _demo_organisations(organisations)
    terms = _terms()
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=PLACES)}
    now = timezone.now()
    count = 0
    for index, activity in enumerate(ACTIVITIES):
        for round_ in range(3):
            code = MUNICIPALITY_ROTATION[(index + round_ * 7) % len(MUNICIPALITY_ROTATION)]
            _seed_service(activity, code, index * 3 + round_, by_code, terms, municipalities, now)
            count += 1
    tasks = 0
    for number, (key, fi, sv, description, task_code, remote, commitment) in enumerate(TASKS):
        frequency, commitment_sv = COMMITMENTS[commitment]
        organisation = by_code[task_code or "743"][0]
        first, last = DEMO_CONTACT_NAMES[(number + 3) % len(DEMO_CONTACT_NAMES)]
        VolunteerTask.objects.update_or_create(
            public_id=_id("task", key),
            defaults={
                "organisation": organisation,
                "title": fi,
                "title_fi": fi,
                "title_sv": sv,
                "description_fi": description,
                "frequency": frequency,
                "time_commitment_fi": commitment,
                "time_commitment_sv": commitment_sv,
                "municipality": municipalities.get(task_code) if task_code else None,
                "is_remote": remote,
                "status": PublicationStatus.PUBLISHED,
                "contact_title_fi": "vapaaehtoiskoordinaattori",
                "contact_title_sv": "frivilligkoordinator",
                "contact_name": f"{first} {last}",
                "contact_email": _demo_email(first, last),
                # Some have agreed to be shown publicly; the others are shown by role only.
                "contact_consent_at": now if number % 2 == 0 else None,
            },
        )
        tasks += 1
    _reindex()
    return {"services": count, "volunteer_tasks": tasks}


def _name_in(organisation: Organisation, language: str) -> str:
    return getattr(organisation, f"name_{language}", "") or organisation.name


def _seed_service(
    activity: tuple[Any, ...],
    code: str,
    number: int,
    by_code: dict[str, list[Organisation]],
    terms: dict[tuple[str, str], TaxonomyTerm],
    municipalities: dict[str, Municipality],
    now: datetime,
) -> None:
    (key, fi, sv, summary_fi, summary_sv, types, themes, target, weekday, hour, join) = activity
    municipality = municipalities[code]
    swedish = municipality.county is not None and municipality.county.code == "17"
    city_fi, city_sv, postal, street, lat, lon = PLACES[code]
    organisation = by_code[code][number % len(by_code[code])]
    person = DEMO_CONTACT_NAMES[number % len(DEMO_CONTACT_NAMES)]
    # Every ninth is stale and every seventh due for a reminder, to fill those lists.
    age = 400 if number % 9 == 4 else 200 if number % 7 == 3 else number % 60
    service, _created = Service.objects.update_or_create(
        public_id=_id("service", key, code),
        defaults={
            "organisation": organisation,
            "name": fi,
            "name_fi": f"{fi} – {city_fi}",
            "name_sv": f"{sv} – {city_sv}" if swedish else "",
            "summary_fi": summary_fi,
            "summary_sv": summary_sv if swedish else "",
            "description_fi": f"{summary_fi} Toiminta on maksutonta ja avointa kaikille.",
            "description_sv": f"{summary_sv} Verksamheten är avgiftsfri och öppen för alla."
            if swedish
            else "",
            "easy_read_summary_fi": "Tule mukaan. Voit tulla yksin tai yhdessä jonkun kanssa.",
            "easy_read_summary_sv": "Kom med. Du kan komma ensam eller tillsammans med någon."
            if swedish
            else "",
            "how_to_join": join,
            "is_free": key != "leiri",
            "fee_description_fi": "Leirimaksu 20–60 € tulojen mukaan." if key == "leiri" else "",
            "free_places": 3 if join == HowToJoin.SIGN_UP else None,
            "step_free_access": number % 3 != 0,
            "accessible_toilet": number % 2 == 0,
            "induction_loop": number % 5 == 0,
            "easy_to_read": number % 4 == 0,
            "remote_participation": key in ("neuvonta", "mielenterveys"),
            "website": f"https://example.fi/{key}",
            "contact_title_fi": "toiminnanohjaaja",
            "contact_title_sv": "verksamhetsledare" if swedish else "",
            "contact_name": " ".join(person),
            "contact_email": _demo_email(*person),
            "contact_phone": f"040 {1000000 + number * 7919 % 8999999:07d}"[:12],
            # Every third has agreed to be shown publicly; the others are shown by role only.
            "contact_consent_at": now - timedelta(days=age) if number % 3 == 0 else None,
            "status": PublicationStatus.PUBLISHED,
            "published_at": now - timedelta(days=age + 10),
            "last_verified_at": now - timedelta(days=age),
        },
    )
    service.municipalities.set([municipality])
    service.terms.set(
        [terms[("activity-types", t)] for t in types if ("activity-types", t) in terms]
        + [terms[("themes", t)] for t in themes if ("themes", t) in terms]
        + ([terms[("ptv-target-groups", target)]] if ("ptv-target-groups", target) in terms else [])
    )
    for language in ["fi", "sv"] if swedish else ["fi"]:
        ServiceLanguage.objects.get_or_create(service=service, code=language)
    location, _ = Location.objects.update_or_create(
        public_id=_id("location", key, code),
        defaults={
            "organisation": organisation,
            "name": f"{organisation.name} – {city_fi}",
            "name_fi": f"{_name_in(organisation, 'fi')} – {city_fi}",
            "name_sv": f"{_name_in(organisation, 'sv')} – {city_sv}" if swedish else "",
            "address": street,
            "address_sv": STREETS_SV.get(code, ""),
            "postal_code": postal,
            "city": city_sv
            if swedish and municipality.language.endswith("sv_majority")
            else city_fi,
            "municipality": municipality,
            "latitude": Decimal(lat),
            "longitude": Decimal(lon),
        },
    )
    ServiceLocation.objects.get_or_create(service=service, location=location)
    first = ANCHOR + timedelta(days=7 + weekday)
    repeat = Repeat.MONTHLY_WEEKDAY if key in ("luontoretki", "leiri") else Repeat.WEEKLY
    Schedule.objects.update_or_create(
        public_id=_id("schedule", key, code),
        defaults={
            "service": service,
            "location": location,
            "starts_at": datetime.combine(first, time(hour, 0), tzinfo=HELSINKI),
            "ends_at": datetime.combine(first, time(hour + 2, 0), tzinfo=HELSINKI),
            "rrule": build_rrule(repeat, first),
            "skip_public_holidays": True,
        },
    )


def _reindex() -> None:
    # The demo writes its schedules directly: their times for the search's time filters too.
    occurrences_refresh(
        Service.objects.filter(schedules__isnull=False).values_list("pk", flat=True)
    )
    for service in Service.objects.visible():
        index_service(service)
    for task in VolunteerTask.objects.filter(status=PublicationStatus.PUBLISHED):
        index_volunteer_task(task)
    dumps_mark_stale()
