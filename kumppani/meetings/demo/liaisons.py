"""The liaison roster: most municipalities of both counties have an NGO liaison person
paired with the municipality's health-promotion (hyte) liaison, most of them agreeing to
publish their contact details; Seinäjoki's NGO liaison is the demo's liaison who signs in.
The coverage view has its gaps: two municipalities in each county have no liaison, and a
couple of rosters are not confirmed for this year (one last confirmed a year ago, one
never). Persons are made only for a municipality that has none, and confirming again
changes nothing, so running the seed again adds nothing."""

from __future__ import annotations

from django.utils import timezone

from kumppani.accounts.models import User
from kumppani.core.models import Municipality

from ..models import LiaisonRole
from ..services.liaisons import liaison_create, roster_confirm
from .common import ACTOR, EP, OB

# The municipalities without a liaison (the gaps of the coverage view).
WITHOUT = {EP: ("151", "759"), OB: ("231", "280")}
# Rosters confirmed only last year, and rosters never confirmed.
LAST_YEAR = {"052", "440"}
NEVER = {"218", "399"}
# The demo's liaison who signs in (see demo.people), Seinäjoki's NGO liaison.
SIGNS_IN = ("743", "yhdyshenkilo@demo.kumppani.fi")

FIRST_FI = ("Anne", "Jukka", "Hanna", "Mika", "Sari", "Petri", "Kirsi", "Ari", "Tiina", "Jari")
LAST_FI = ("Hautamäki", "Kangas", "Mäki-Petäjä", "Rintala", "Koivisto", "Hakola", "Latvala")
FIRST_SV = ("Anna", "Johan", "Maria", "Mikael", "Sofia", "Peter", "Ulla", "Henrik")
LAST_SV = ("Backlund", "Granholm", "Nyström", "Sjöblom", "Holmqvist", "Lindén", "Wikström")
TITLES = {
    ("fi", LiaisonRole.NGO): "Järjestökoordinaattori",
    ("fi", LiaisonRole.HYTE): "Hyvinvointikoordinaattori",
    ("sv", LiaisonRole.NGO): "Föreningssamordnare",
    ("sv", LiaisonRole.HYTE): "Koordinator för välfärd och hälsa",
}


def _name(language: str, number: int) -> str:
    first, last = (FIRST_SV, LAST_SV) if language == "sv" else (FIRST_FI, LAST_FI)
    return f"{first[number % len(first)]} {last[(number * 3) % len(last)]}"


def _email(name: str, municipality: Municipality) -> str:
    table = str.maketrans("äöåé ", "aoae.")
    return f"{name.lower().translate(table)}@{municipality.code}.kunta.example.fi"


def _persons(municipality: Municipality, number: int) -> int:
    language = "sv" if "sv" in municipality.language else "fi"
    hyte_name = _name(language, number * 2 + 1)
    hyte = liaison_create(
        municipality=municipality,
        actor=ACTOR,
        name=hyte_name,
        title=TITLES[(language, LiaisonRole.HYTE)],
        email=_email(hyte_name, municipality),
        phone=f"040 555 {number:02d}21",
        role=LiaisonRole.HYTE,
        publish_consent=number % 5 != 2,
    )
    user = None
    ngo_name = _name(language, number * 2)
    email = _email(ngo_name, municipality)
    if municipality.code == SIGNS_IN[0]:
        user = User.objects.filter(email=SIGNS_IN[1]).first()
        if user is not None:
            ngo_name, email = user.full_name or ngo_name, user.email
    liaison_create(
        municipality=municipality,
        actor=ACTOR,
        name=ngo_name,
        title=TITLES[(language, LiaisonRole.NGO)],
        email=email,
        phone=f"040 555 {number:02d}10",
        role=LiaisonRole.NGO,
        paired_with=hyte,
        publish_consent=number % 4 != 3,
        user=user,
    )
    return 2


def seed_liaisons() -> int:
    """Make the liaison persons and confirm the rosters; return how many were made."""
    year = timezone.localdate().year
    made = 0
    for code, without in WITHOUT.items():
        municipalities = Municipality.objects.filter(county__code=code).order_by("code")
        for number, municipality in enumerate(municipalities):
            if municipality.code in without:
                continue
            if not municipality.liaison_persons.exists():
                made += _persons(municipality, number)
            if municipality.code in NEVER:
                continue
            confirmed = year - 1 if municipality.code in LAST_YEAR else year
            if not municipality.liaison_persons.filter(confirmed_year__gte=confirmed).exists():
                roster_confirm(municipality=municipality, year=confirmed, actor=ACTOR)
    return made
