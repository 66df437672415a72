"""Memos of held meetings: the organiser's notes in Markdown with the decisions and the
topics raised, published, for the last held meetings of several series in both counties.
Pohjanmaa's are written now in Swedish, now in Finnish, as its bilingual organisers do.

A meeting whose memo is already published is left as it is, so running the seed again
changes nothing (and a memo edited by hand is not overwritten)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Meeting, MeetingStatus, MemoStatus, SeriesKind
from ..services.memos import memo_publish, memo_save
from .common import ACTOR, EP, OB

K = SeriesKind


@dataclass(frozen=True)
class MemoText:
    body: str
    decisions: str
    topics_raised: str


FI = {
    K.NGO_FORUM: MemoText(
        "## Järjestöfoorumi\n\n"
        "Paikalla oli noin 60 järjestöjen, seurakuntien, kuntien ja hyvinvointialueen "
        "edustajaa. Järjestökoordinaattori kertoi **avustusten** ja kumppanuuspöytien "
        "tilanteesta, ja järjestöneuvottelukunnan puheenjohtaja esitteli neuvottelukunnan "
        "lausunnot.\n\n"
        "Ryhmätöissä pohdittiin, miten järjestöjen toiminta näkyy sote-keskusten "
        "palveluohjauksessa.",
        "- Avustusten hakuohjetta selkeytetään ennen seuraavaa hakua.\n"
        "- Järjestöjen toiminta lisätään sote-keskusten palveluohjauksen aineistoon.",
        "- Kuljetusten saatavuus haja-asutusalueilla\n"
        "- Vapaaehtoisten jaksaminen\n"
        "- Tilojen maksuttomuus järjestöille",
    ),
    K.LIAISON_NETWORK: MemoText(
        "## Järjestöyhdyshenkilöiden verkosto\n\n"
        "Kuntien järjestöyhdyshenkilöt ja hyte-yhdyshenkilöt kävivät läpi kuntien "
        "kumppanuuspöytien suunnitelmat. Kaikilla kunnilla ei vielä ole kumppanuuspöytää; "
        "yhdyshenkilöt selvittävät tilanteen omassa kunnassaan.",
        "- Yhdyshenkilölistat vahvistetaan vuosittain helmikuun loppuun mennessä.\n"
        "- Kumppanuuspöydän malli jaetaan kaikille kunnille.",
        "- Hyvinvointikertomuksen aikataulu\n- Järjestöinfojen yhteinen kalenteri",
    ),
    K.SECTOR_TABLE: MemoText(
        "## Kumppanuuspöytä\n\n"
        "Järjestöt ja hyvinvointialueen palvelualueen edustajat kertoivat ajankohtaisista "
        "asioista. Käsiteltiin vertaistuen ohjaamista palveluista järjestöjen ryhmiin.",
        "- Vertaistukiryhmien esite päivitetään ja jaetaan sote-keskuksiin.",
        "- Ryhmien saavutettavuus\n- Kokemusasiantuntijoiden palkkiot",
    ),
    K.INFLUENCE_BODY: MemoText(
        "## Järjestöneuvottelukunnan kokous\n\n"
        "Kokous oli päätösvaltainen. Hyvinvointialueen edustaja esitteli "
        "palveluverkkoselvityksen tilanteen ja vastasi neuvottelukunnan kysymyksiin.",
        "- Neuvottelukunta antaa lausunnon palveluverkkoselvityksestä.\n"
        "- Seuraavassa kokouksessa käsitellään avustusperiaatteet.",
        "- Lähipalvelujen saavutettavuus\n- Järjestöjen tilat sote-keskuksissa",
    ),
    K.NEGOTIATION_S7: MemoText(
        "## Hyvinvoinnin ja terveyden edistämisen neuvottelu\n\n"
        "Hyvinvointialue ja kunnat neuvottelivat yhteisistä tavoitteista ja järjestöjen "
        "roolista hyvinvointisuunnitelman toimeenpanossa (sote-järjestämislaki 7 §).",
        "- Järjestöyhteistyö kirjataan hyvinvointisuunnitelman yhteiseksi tavoitteeksi.",
        "- Kuntien ja hyvinvointialueen yhteiset järjestöavustukset",
    ),
    K.MORNING_COFFEE: MemoText(
        "## SOTE-aamukahvit\n\n"
        "Hyvinvointialueen asiantuntija kertoi ajankohtaisista palvelumuutoksista, ja "
        "järjestöt esittäytyivät lyhyesti.",
        "",
        "- Palvelumuutoksista tiedottaminen järjestöille",
    ),
}

SV = {
    K.NGO_FORUM: MemoText(
        "## Organisationsforum\n\n"
        "Ett sextiotal företrädare för föreningar, församlingar, kommuner och "
        "välfärdsområdet deltog. Samordnaren berättade om **bidragen** och om "
        "partnerskapsborden.\n\n"
        "I grupparbetena diskuterades hur föreningarnas verksamhet syns i servicehandledningen "
        "vid social- och hälsocentralerna.",
        "- Anvisningen för bidrag förtydligas före nästa ansökningsomgång.\n"
        "- Föreningarnas verksamhet tas med i servicehandledningens material.",
        "- Tjänster på svenska i hela området\n- Frivilligas ork\n- Avgiftsfria lokaler",
    ),
    K.LIAISON_NETWORK: MemoText(
        "## Nätverket av kontaktpersoner\n\n"
        "Kommunernas kontaktpersoner för organisationer och för främjande av välfärd och "
        "hälsa gick igenom planerna för partnerskapsborden.",
        "- Listorna över kontaktpersoner bekräftas årligen före utgången av februari.",
        "- Tidtabellen för välfärdsberättelsen",
    ),
    K.SECTOR_TABLE: MemoText(
        "## Partnerskapsbord\n\n"
        "Föreningarna och företrädare för välfärdsområdets serviceområde berättade om "
        "aktuella frågor. Vi diskuterade hur klienter hänvisas till föreningarnas "
        "kamratstödsgrupper.",
        "- Broschyren om kamratstödsgrupper uppdateras och delas ut vid hälsocentralerna.",
        "- Gruppernas tillgänglighet\n- Arvoden för erfarenhetsexperter",
    ),
    K.MORNING_COFFEE: MemoText(
        "## Social- och hälsovårdens morgonkaffe\n\n"
        "Välfärdsområdets sakkunnig berättade om aktuella förändringar i servicen, och "
        "föreningarna presenterade sig kort.",
        "",
        "- Information till föreningarna om förändringar i servicen",
    ),
}

# Per county: the series kinds whose last held meetings get a memo, and how many.
WITH_MEMOS = {
    EP: {
        K.NGO_FORUM: 2,
        K.LIAISON_NETWORK: 1,
        K.SECTOR_TABLE: 2,
        K.INFLUENCE_BODY: 3,
        K.NEGOTIATION_S7: 1,
    },
    OB: {K.MORNING_COFFEE: 3, K.NGO_FORUM: 2, K.SECTOR_TABLE: 2, K.LIAISON_NETWORK: 2},
}


def _language(code: str, index: int) -> str:
    """Etelä-Pohjanmaa writes in Finnish; Pohjanmaa now in Swedish, now in Finnish."""
    if code == EP:
        return "fi"
    return "sv" if index % 2 == 0 else "fi"


def _held(code: str, kind: str, count: int) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            county__code=code, series__kind=kind, status=MeetingStatus.HELD
        ).order_by("-starts_at")[:count]
    )


def seed_memos() -> int:
    """Write and publish the memos; return how many were published."""
    published = 0
    for code, kinds in WITH_MEMOS.items():
        for kind, count in kinds.items():
            for index, meeting in enumerate(_held(code, kind, count)):
                memo = getattr(meeting, "memo", None)
                if memo is not None and memo.status == MemoStatus.PUBLISHED:
                    continue
                language = _language(code, index)
                text = (SV if language == "sv" else FI)[kind]
                memo_save(
                    meeting=meeting,
                    actor=ACTOR,
                    body=text.body,
                    decisions=text.decisions,
                    topics_raised=text.topics_raised,
                    language=language,
                )
                memo_publish(meeting=meeting, actor=ACTOR)
                published += 1
    return published
