"""The fixed query mix of the benchmark: Finnish and Swedish, as residents and professionals type.

Each query runs without a filter and with the municipality given here; the municipalities
range from Helsinki (the largest) to Lestijärvi (one of the smallest), and Swedish queries go
to bilingual or Swedish-speaking municipalities.
"""

from __future__ import annotations

HELSINKI, SEINAJOKI, VAASA, KASKINEN, LESTIJARVI, PORVOO, TAMPERE = (
    "091",
    "743",
    "905",
    "231",
    "421",
    "638",
    "837",
)

MUNICIPALITY_NAMES = {
    HELSINKI: "Helsinki (large)",
    TAMPERE: "Tampere (large)",
    SEINAJOKI: "Seinäjoki (medium)",
    VAASA: "Vaasa (medium, bilingual)",
    PORVOO: "Porvoo (medium, bilingual)",
    KASKINEN: "Kaskinen (small, bilingual)",
    LESTIJARVI: "Lestijärvi (very small)",
}

# (query, municipality for the filtered run)
QUERIES: tuple[tuple[str, str], ...] = (
    # Finnish, one word
    ("vertaistuki", HELSINKI),
    ("velkaneuvonta", SEINAJOKI),
    ("ruoka-apu", TAMPERE),
    ("omaishoitajat", LESTIJARVI),
    ("nuorisotila", VAASA),
    ("tuolijumppa", SEINAJOKI),
    ("kriisipuhelin", HELSINKI),
    ("perhekahvila", PORVOO),
    ("diabetes", KASKINEN),
    ("kuoro", TAMPERE),
    # Finnish, inflected, compounds, everyday phrasings
    ("omaishoitajien vertaistukiryhmä", SEINAJOKI),
    ("muistisairaan omaisen tuki", HELSINKI),
    ("rahat ei riitä laskuihin", TAMPERE),
    ("yksinäinen vanhus kaipaa seuraa", LESTIJARVI),
    ("ystävätoimintaa ikäihmisille", VAASA),
    ("mielenterveyskuntoutujien kohtaamispaikka", SEINAJOKI),
    ("masentunut nuori tarvitsee juttuseuraa", HELSINKI),
    ("läheisen alkoholiongelma", PORVOO),
    ("syöpään sairastuneiden vertaistuki", TAMPERE),
    ("leskeksi jääneiden ryhmä", SEINAJOKI),
    ("ylivilkas lapsi perheen tuki", HELSINKI),
    ("pitkittynyt korona", VAASA),
    ("perheväkivalta", TAMPERE),
    ("maahanmuuttajien suomen kielen kerho", HELSINKI),
    ("kehitysvammaisten liikunta", SEINAJOKI),
    ("ruokajakelu lapsiperheille", KASKINEN),
    ("senioreiden tanssi", LESTIJARVI),
    ("luontoretkiä mielenterveyden tueksi", TAMPERE),
    ("vapaaehtoiseksi ystäväksi vanhukselle", PORVOO),
    ("kokemusasiantuntija koulutus", SEINAJOKI),
    # typos and missing diacritics
    ("vertaistukryhmä", HELSINKI),
    ("velkaneuvonta seinajoki", SEINAJOKI),
    ("omaishoitajan jaksaminen", LESTIJARVI),
    # Swedish
    ("kamratstöd", VAASA),
    ("kamratstödsgrupp för närståendevårdare", VAASA),
    ("matbank", HELSINKI),
    ("skuldrådgivning", PORVOO),
    ("vänverksamhet för äldre", KASKINEN),
    ("ungdomsgård", VAASA),
    ("stöd för anhöriga till personer med demens", HELSINKI),
    ("stolgympa för seniorer", PORVOO),
    ("språkcafé för invandrare", VAASA),
)
