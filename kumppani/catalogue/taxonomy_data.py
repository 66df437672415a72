"""The catalogue's vocabularies: our activity types and themes, PTV target groups and classes.

`load_taxonomies` is idempotent and takes the model classes, so the data migration (with
historical models) and `manage.py load_taxonomy` share it. Public ids are uuid5 values of the
taxonomy and term codes, the same on every installation.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
NAMESPACE = uuid.UUID("5f0c3a53-8e0a-4c39-9d2b-6f6b1c3e7a10")

ACTIVITY_TYPES = "activity-types"
THEMES = "themes"
PTV_TARGET_GROUPS = "ptv-target-groups"
PTV_SERVICE_CLASSES = "ptv-service-classes"

Labels = tuple[str, str, str]  # fi, sv, en

TAXONOMIES: dict[str, tuple[Labels, str]] = {
    ACTIVITY_TYPES: (("Toimintamuodot", "Verksamhetsformer", "Activity types"), ""),
    THEMES: (("Teemat", "Teman", "Themes"), ""),
    PTV_TARGET_GROUPS: (
        ("PTV-kohderyhmät", "PTV-målgrupper", "PTV target groups"),
        "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat",
    ),
    PTV_SERVICE_CLASSES: (
        ("PTV-palveluluokat", "PTV-serviceklasser", "PTV service classes"),
        "http://uri.suomi.fi/codelist/ptv/ptvserclass2",
    ),
}

ACTIVITY_TYPE_TERMS: list[tuple[str, Labels]] = [
    ("peer-support", ("Vertaistuki", "Kamratstöd", "Peer support")),
    ("support-person", ("Tukihenkilötoiminta", "Stödpersonsverksamhet", "Support person")),
    ("befriending", ("Ystävätoiminta", "Vänverksamhet", "Befriending")),
    ("guidance", ("Ohjaus ja neuvonta", "Handledning och rådgivning", "Guidance and counselling")),
    ("groups-and-clubs", ("Ryhmät ja kerhot", "Grupper och klubbar", "Groups and clubs")),
    ("food-aid", ("Ruoka-apu", "Mathjälp", "Food aid")),
    ("crisis-help", ("Kriisiapu", "Krishjälp", "Crisis help")),
    ("physical-activity", ("Liikunta", "Motion", "Physical activity")),
    ("culture", ("Kulttuuri", "Kultur", "Culture")),
    ("nature", ("Luonto ja ulkoilu", "Natur och friluftsliv", "Nature and outdoors")),
    ("volunteering", ("Vapaaehtoistoiminta", "Frivilligverksamhet", "Volunteering")),
    (
        "meeting-place",
        ("Kohtaamispaikka", "Mötesplats", "Meeting place and drop-in"),
    ),
    (
        "expert-by-experience",
        (
            "Kokemusasiantuntijatoiminta",
            "Erfarenhetsexpertverksamhet",
            "Expert by experience activity",
        ),
    ),
    (
        "olka",
        (
            "Sairaalan järjestöpiste (Olka)",
            "Organisationsdisk på sjukhuset (Olka)",
            "Hospital NGO desk (Olka)",
        ),
    ),
    ("camps-and-holidays", ("Leirit ja lomat", "Läger och semester", "Camps and holidays")),
    ("advocacy", ("Edunvalvonta ja vaikuttaminen", "Intressebevakning och påverkan", "Advocacy")),
]

THEME_TERMS: list[tuple[str, Labels]] = [
    (
        "community",
        (
            "Yhteisöllisyys ja osallisuus",
            "Gemenskap och delaktighet",
            "Community and participation",
        ),
    ),
    (
        "work-and-functional-ability",
        ("Työ- ja toimintakyky", "Arbets- och funktionsförmåga", "Work and functional ability"),
    ),
    (
        "daily-life",
        ("Arjessa selviytyminen", "Att klara vardagen", "Coping in daily life"),
    ),
    (
        "healthy-lifestyles",
        ("Terveelliset elintavat", "Hälsosamma levnadsvanor", "Healthy lifestyles"),
    ),
    ("nutrition", ("Ravitsemus", "Kost", "Nutrition")),
    ("exercise", ("Liikunta", "Motion", "Exercise")),
    ("culture", ("Kulttuuri", "Kultur", "Culture")),
    ("nature", ("Luonto", "Natur", "Nature")),
]


def term_public_id(taxonomy_code: str, term_code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{taxonomy_code}/{term_code}")


def taxonomy_public_id(taxonomy_code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, taxonomy_code)


def _set_labels(obj: Any, field: str, labels: Labels) -> None:
    # The untranslated column first: with modeltranslation active, setting it writes the
    # current language's column, which the explicit assignments below then correct.
    setattr(obj, field, labels[0])
    for code, label in zip(("fi", "sv", "en"), labels, strict=True):
        setattr(obj, f"{field}_{code}", label)


def _upsert(model: Any, lookup: dict[str, Any], public_id: uuid.UUID, **values: Any) -> Any:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(public_id=public_id, **lookup)
    labels: Labels = values.pop("labels")
    _set_labels(obj, "name", labels)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def _ptv_terms(filename: str) -> list[dict[str, Any]]:
    """The concepts of a PTV code list file.

    ServiceClasses.json holds one broken concept without an Id ("Ulosotto", old type PTVL)
    whose notation P7.12 collides with a real class; concepts without an Id are skipped.
    """
    with (DATA_DIR / filename).open(encoding="utf-8-sig") as source:
        data: list[dict[str, Any]] = json.load(source)
    return [concept for concept in data if concept.get("Id")]


# Names in the code lists that are no longer how people are spoken of; ours replace them.
CURRENT_TERMS: dict[str, dict[str, str]] = {
    "KR1.6": {
        "Fi": "Vammaiset henkilöt",
        "Sv": "Personer med funktionsnedsättning",
        "En": "People with disabilities",
    },
}


def _labels_of(concept: dict[str, Any]) -> Labels:
    label = CURRENT_TERMS.get(concept["Notation"]) or concept.get("Label") or {}
    fi = label.get("Fi") or label.get("Sv") or label.get("En") or concept["Notation"]
    return (fi, label.get("Sv") or fi, label.get("En") or fi)


def _set_notes(term: Any, concept: dict[str, Any]) -> None:
    notes = concept.get("Notes") or {}
    values = {
        f"description_{code}": notes.get(code.capitalize()) or "" for code in ("fi", "sv", "en")
    }
    values["description"] = values["description_fi"]
    if any(getattr(term, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(term, name, value)
        term.save()


def _parent_of(concept: dict[str, Any], by_uri: dict[Any, Any], by_code: dict[str, Any]) -> Any:
    """The broader concept; by notation (P7.12 → P7) where the URI is missing."""
    for uri in concept.get("BroaderUris") or []:
        if uri and uri in by_uri:
            return by_uri[uri]
    notation: str = concept["Notation"]
    if "." in notation:
        return by_code.get(notation.rsplit(".", 1)[0])
    return None


def load_taxonomies(taxonomy_model: Any, term_model: Any) -> dict[str, int]:
    """Create or update the four taxonomies and their terms; return term counts by code."""
    taxonomies = {}
    for code, (labels, uri) in TAXONOMIES.items():
        taxonomies[code] = _upsert(
            taxonomy_model, {"code": code}, taxonomy_public_id(code), labels=labels, uri=uri
        )
    counts: dict[str, int] = {}
    for code, terms in ((ACTIVITY_TYPES, ACTIVITY_TYPE_TERMS), (THEMES, THEME_TERMS)):
        taxonomy = taxonomies[code]
        for term_code, labels in terms:
            _upsert(
                term_model,
                {"taxonomy": taxonomy, "code": term_code},
                term_public_id(code, term_code),
                labels=labels,
                uri="",
            )
        counts[code] = len(terms)
    for code, filename in (
        (PTV_TARGET_GROUPS, "TargetGroups.json"),
        (PTV_SERVICE_CLASSES, "ServiceClasses.json"),
    ):
        taxonomy = taxonomies[code]
        concepts = _ptv_terms(filename)
        by_code = {}
        for concept in concepts:
            term = _upsert(
                term_model,
                {"taxonomy": taxonomy, "code": concept["Notation"]},
                term_public_id(code, concept["Notation"]),
                labels=_labels_of(concept),
                uri=concept["Id"],
            )
            _set_notes(term, concept)
            by_code[concept["Notation"]] = term
        by_uri = {concept["Id"]: by_code[concept["Notation"]] for concept in concepts}
        for concept in concepts:
            term = by_code[concept["Notation"]]
            parent = _parent_of(concept, by_uri, by_code)
            if term.parent_id != (parent.pk if parent else None):
                term.parent = parent
                term.save(update_fields=["parent"])
        counts[code] = len(concepts)
    return counts
