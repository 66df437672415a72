"""Template helpers of the catalogue pages (texts in the reader's language: `languages`)."""

from __future__ import annotations

from typing import Any

from django import template

from kumppani.catalogue.contacts import PublicContact
from kumppani.catalogue.contacts import public_contact as _public_contact
from kumppani.catalogue.places import Place
from kumppani.catalogue.places import place as _place

register = template.Library()


@register.filter
def map_url(location: Any) -> str:
    """A plain link to OpenStreetMap at the location's coordinates."""
    if location.latitude is None or location.longitude is None:
        return ""
    lat, lon = location.latitude, location.longitude
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


@register.simple_tag
def public_contact(entry: Any) -> PublicContact:
    """``{% public_contact service as contact %}``: what anyone may see of the contact."""
    return _public_contact(entry)


@register.simple_tag
def place(location: Any) -> Place:
    """``{% place location as where %}``: the address in the reader's language."""
    return _place(location)
