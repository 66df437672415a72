"""A location's address as the reader's language writes it.

The street stays as the organisation wrote it unless a Swedish street name is given for a
Swedish reader; the post office is the municipality's name in the reader's language when it
names the location's municipality in one of its languages (Vaasa, Vasa).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from kumppani.core.languages import texts_by_language, translated

from .models import Location


@dataclass(frozen=True, slots=True)
class Place:
    street: str
    postal_code: str
    city: str

    @property
    def has_post_office(self) -> bool:
        return bool(self.postal_code or self.city)


def place(location: Location, language: str | None = None) -> Place:
    """``location``'s street, postal code and post office for a reader of ``language``."""
    language = (language or get_language() or "fi").split("-")[0]
    street = location.address_sv if language == "sv" and location.address_sv else location.address
    city = location.city
    municipality = location.municipality
    if city and municipality is not None:
        names = {name.casefold() for name in texts_by_language(municipality, "name").values()}
        if city.strip().casefold() in names:
            city = translated(municipality, "name", language).text
    return Place(street=street, postal_code=location.postal_code, city=city)
