"""Domain thesaurus for the service catalogue search: lay words -> the vocabulary NGOs use.

Each group lists words and short phrases (base forms, Finnish and Swedish) that a person
looking for help may use for the same need, target group or kind of activity. A query word
that matches a member (by surface form or lemma, diacritics ignored) is expanded with the other
members of its groups at a lower weight than the words the user typed.

Maintenance rules for the product team:

* Add words people actually type (lay words, colloquial words, the other national language)
  next to the terms the service texts use; keep every group about one concept.
* Use base forms (nominative singular, infinitive); the analyzer lemmatizes the query first.
* Keep groups small (up to ~8 members): every member becomes an OR'ed query term.
* Broader/narrower terms belong in a group only when a search for one should find the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from kumppani.catalogue.search import normalise

__all__ = ["GROUPS", "expansions_for"]

# Kept compact (one group per line or two) rather than formatter style: it is a word list.
# fmt: off
GROUPS: tuple[tuple[str, ...], ...] = (
    # --- Target groups -------------------------------------------------------------------
    (
        "vanhus",
        "ikäihminen",
        "ikääntynyt",
        "seniori",
        "eläkeläinen",
        "äldre",
        "senior",
        "pensionär",
    ),
    ("vanhuus", "ikääntyminen", "ålderdom"),
    ("nuori", "nuoriso", "teini", "ungdom", "unga", "tonåring"),
    ("nuorisotila", "nuorisotalo", "nuortenilta", "nuorisoseura", "ungdomsgård", "ungdomslokal"),
    ("lapsi", "lapsiperhe", "barn", "barnfamilj"),
    ("vauva", "taapero", "pikkulapsi", "vauvaperhe", "baby", "småbarn", "småbarnsfamilj"),
    ("perhe", "vanhempi", "vanhemmuus", "familj", "förälder", "föräldraskap"),
    ("mies", "miehet", "isä", "man", "män", "pappa"),
    ("nainen", "naiset", "äiti", "kvinna", "mamma"),
    (
        "maahanmuuttaja",
        "maahanmuutto",
        "ulkomaalainen",
        "pakolainen",
        "kotoutuminen",
        "invandrare",
        "inflyttad",
        "flykting",
        "integration",
    ),
    (
        "vammainen",
        "vamma",
        "toimintarajoite",
        "funktionsnedsättning",
        "funktionshinder",
        "handikapp",
    ),
    ("kehitysvamma", "kehitysvammainen", "älyllinen", "utvecklingsstörning", "intellektuell"),
    ("näkövamma", "sokea", "heikkonäköinen", "synskada", "synskadad", "blind"),
    ("kuulovamma", "kuuro", "huonokuuloinen", "hörselskada", "döv"),
    (
        "omaishoitaja",
        "omaishoito",
        "kotona hoitava",
        "hoitaa kotona",
        "närståendevårdare",
        "närståendevård",
        "anhörigvårdare",
        "vårdar hemma",
    ),
    ("omainen", "läheinen", "anhörig", "närstående"),
    ("puoliso", "aviopuoliso", "aviomies", "vaimo", "kumppani", "make", "maka", "livskamrat"),
    (
        "vanki",
        "vankila",
        "rikostaustainen",
        "rangaistus",
        "vapautuva",
        "fånge",
        "fängelse",
        "kriminalvård",
    ),
    ("työtön", "työttömyys", "työnhakija", "arbetslös", "arbetslöshet", "arbetssökande"),
    ("opiskelija", "student", "studerande"),
    # --- Needs and themes -----------------------------------------------------------------
    ("yksinäisyys", "yksinäinen", "seura", "ystävä", "ensamhet", "ensam", "sällskap", "vän"),
    (
        "ystävätoiminta",
        "ystäväpalvelu",
        "kaveritoiminta",
        "vapaaehtoinen",
        "vänverksamhet",
        "vänservice",
        "frivillig",
    ),
    ("tukihenkilö", "tukihenkilötoiminta", "mentori", "stödperson", "mentor"),
    (
        "vertaistuki",
        "vertaisryhmä",
        "vertaistukiryhmä",
        "tukiryhmä",
        "kamratstöd",
        "kamratstödsgrupp",
        "stödgrupp",
    ),
    ("keskusteluryhmä", "keskusteluapu", "keskustelu", "samtalsgrupp", "samtalsstöd", "samtal"),
    ("velka", "velkaantuminen", "ulosotto", "maksuhäiriö", "skuld", "skuldsättning", "utsökning"),
    (
        "talousneuvonta",
        "velkaneuvonta",
        "raha-asia",
        "talous",
        "budjetti",
        "ekonomisk rådgivning",
        "skuldrådgivning",
        "ekonomi",
    ),
    ("raha", "rahat", "taloudellinen", "toimeentulo", "köyhyys", "pienituloinen", "pengar",
     "ekonomisk", "fattigdom", "utkomst"),
    ("taloudellinen vaikeus", "taloudellinen apu", "avustus", "rahapula", "ekonomiska svårigheter",
     "ekonomiskt stöd", "understöd", "penningbrist"),
    ("lasku", "maksu", "maksaa", "räkning", "betala"),
    (
        "ruoka-apu",
        "ruoka-avustus",
        "ruokakassi",
        "ruokajakelu",
        "ruoka",
        "ruokapankki",
        "matkasse",
        "matutdelning",
        "mathjälp",
        "matbank",
    ),
    ("ateria", "yhteisöateria", "lounas", "ruokailu", "måltid", "lunch"),
    (
        "asuminen",
        "asunto",
        "vuokra",
        "asumisneuvonta",
        "boende",
        "bostad",
        "hyra",
        "boenderådgivning",
    ),
    ("häätö", "vuokrarästi", "asunnottomuus", "asunnoton", "vräkning", "hyresskuld", "bostadslös"),
    (
        "mielenterveys",
        "psyykkinen",
        "mieli",
        "mielenterveysongelma",
        "psykisk hälsa",
        "mental hälsa",
        "psykisk ohälsa",
    ),
    ("masennus", "masentunut", "alakulo", "depressio", "depression", "nedstämdhet",
     "mielenterveyskuntoutuja", "psykisk ohälsa"),
    ("ahdistus", "paniikki", "pelko", "ångest", "oro", "panik"),
    ("uupumus", "väsymys", "jaksaminen", "burnout", "utmattning", "trötthet", "ork"),
    ("itsetuhoinen", "itsemurha", "itsetuhoisuus", "kriisiapu", "självmord",
     "självmordstankar", "krisstöd", "kriisikeskus", "krisjour"),
    ("puhua", "jutella", "keskustella", "keskusteluapu", "kuuntelija", "prata", "samtala",
     "samtalsstöd"),
    ("kriisi", "kriisiapu", "kriisikeskus", "hätä", "kris", "krisstöd", "krisjour"),
    (
        "päihde",
        "alkoholi",
        "huume",
        "riippuvuus",
        "päihdeongelma",
        "missbruk",
        "alkohol",
        "droger",
        "beroende",
    ),
    ("peliriippuvuus", "rahapeli", "uhkapeli", "spelberoende", "spel"),
    (
        "väkivalta",
        "lähisuhdeväkivalta",
        "perheväkivalta",
        "parisuhdeväkivalta",
        "våld",
        "våld i nära relationer",
        "familjevåld",
        "turvakoti",
        "skyddshem",
        "kriisiapu",
        "krisstöd",
    ),
    ("sureva", "suru", "menetys", "kuolema", "leski", "sorg", "förlust", "död", "änka", "änkling"),
    ("ero", "avioero", "erota", "skilsmässa", "separation"),
    ("syöpä", "rintasyöpä", "syöpäpotilas", "cancer", "bröstcancer", "cancerdrabbad"),
    ("diabetes", "diabeetikko", "sokeritauti", "diabetiker"),
    ("sydän", "sydänsairaus", "sydäninfarkti", "hjärta", "hjärtsjukdom"),
    (
        "muistisairaus",
        "muistisairas",
        "dementia",
        "alzheimer",
        "muisti",
        "minnessjukdom",
        "minnessjuk",
        "demens",
    ),
    (
        "korona",
        "koronavirus",
        "covid",
        "long covid",
        "pitkittynyt",
        "jälkitila",
        "postcovid",
        "corona",
    ),
    ("pitkäaikaissairaus", "pitkäaikaissairas", "krooninen", "kronisk sjukdom", "långtidssjuk"),
    (
        "adhd",
        "add",
        "ylivilkas",
        "ylivilkkaus",
        "keskittymisvaikeus",
        "nepsy",
        "neuropsykiatrinen",
        "autismi",
        "neuropsykiatrisk",
        "autism",
    ),
    ("kuntoutus", "kuntoutuja", "rehabilitering", "rehabilitand"),
    ("sairaala", "keskussairaala", "potilas", "sjukhus", "patient"),
    (
        "kela",
        "sosiaaliturva",
        "etuus",
        "tuki",
        "hakemus",
        "lomake",
        "fpa",
        "socialskydd",
        "förmån",
        "ansökan",
        "blankett",
    ),
    ("neuvonta", "ohjaus", "opastus", "neuvontapiste", "rådgivning", "handledning"),
    (
        "työ",
        "työllistyminen",
        "työpaja",
        "työhönvalmennus",
        "työkokeilu",
        "arbete",
        "sysselsättning",
        "arbetsverkstad",
        "jobb",
    ),
    ("diakonia", "diakoniatyö", "seurakunta", "diakoni", "diakoni", "församling"),
    ("kriisipuhelin", "auttava puhelin", "tukipuhelin", "stödtelefon", "jourtelefon"),
    # --- Activities -----------------------------------------------------------------------
    ("liikunta", "jumppa", "kuntoilu", "kunto", "voimistelu", "motion", "gymnastik",
     "träning"),
    ("tuolijumppa", "istumajumppa", "stolgymnastik"),
    ("kuntosali", "lihaskunto", "voimaharjoittelu", "gym", "styrketräning", "muskelkondition"),
    ("soveltava liikunta", "erityisliikunta", "anpassad motion", "anpassad idrott"),
    ("tanssi", "tanssit", "dans"),
    ("harrastus", "kerho", "vapaa-aika", "tekeminen", "hobby", "klubb", "fritid", "aktivitet"),
    ("kohtaamispaikka", "olohuone", "kahvila", "päiväkeskus", "mötesplats", "träffpunkt", "café"),
    ("perhekahvila", "perhekerho", "familjecafé", "familjeklubb"),
    ("kulttuuri", "taide", "konsertti", "teatteri", "museo", "kultur", "konst"),
    ("luonto", "retki", "ulkoilu", "natur", "utflykt", "friluftsliv"),
    ("vapaaehtoistyö", "vapaaehtoistoiminta", "vapaaehtoinen", "frivilligarbete", "volontär"),
    ("kokemusasiantuntija", "kokemusasiantuntijuus", "erfarenhetsexpert"),
    ("kieli", "kielikahvila", "suomen kieli", "språk", "språkcafé"),
    # --- Language of service -------------------------------------------------------------
    ("ruotsinkielinen", "ruotsi", "ruotsiksi", "svenska", "svenskspråkig", "på svenska"),
    ("suomenkielinen", "suomi", "suomeksi", "finska", "finskspråkig", "på finska"),
)
# fmt: on


def _keys(entry: str) -> tuple[str, ...]:
    """Return the folded words of a thesaurus entry, stopwords removed."""
    return tuple(
        normalise.fold(w) for w in normalise.tokenize(entry) if not normalise.is_stopword(w)
    )


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[int]], dict[tuple[str, str], list[int]]]:
    """Map each one-word member to its groups, and each two-word member to its groups."""
    single: dict[str, list[int]] = {}
    double: dict[tuple[str, str], list[int]] = {}
    for gid, group in enumerate(GROUPS):
        for entry in group:
            keys = _keys(entry)
            # "ruoka-apu" is one entry but two words; also index it as one joined word.
            if len(keys) == 1 or "-" in entry:
                single.setdefault("".join(keys), []).append(gid)
            if len(keys) == 2:
                double.setdefault((keys[0], keys[1]), []).append(gid)
    return single, double


def expansions_for(keys: Iterable[str], next_keys: Iterable[str] = ()) -> list[str]:
    """Return the thesaurus entries to add for one query word.

    ``keys`` are the folded forms of the word (surface form, lemmas); ``next_keys`` those of
    the following word, so that two-word entries ("long covid", "auttava puhelin") match.
    """
    single, double = _index()
    keys = set(keys)
    nxt = set(next_keys)
    gids: dict[int, None] = {}
    for k in keys:
        for gid in single.get(k, ()):
            gids[gid] = None
        for n in nxt:
            for gid in double.get((k, n), ()):
                gids[gid] = None
    out: dict[str, None] = {}
    for gid in gids:
        for entry in GROUPS[gid]:
            out[entry] = None
    return list(out)
