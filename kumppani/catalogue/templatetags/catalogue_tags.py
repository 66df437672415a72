"""Template helpers of the catalogue pages (texts in the reader's language: `languages`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from kumppani.catalogue.contacts import PublicContact
from kumppani.catalogue.contacts import public_contact as _public_contact
from kumppani.catalogue.places import Place
from kumppani.catalogue.places import place as _place
from kumppani.catalogue.services.interest import takes_interest as _takes_interest

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


@register.filter
def takes_interest(task: Any) -> bool:
    """Whether a volunteer task's page offers the "I'm interested" form."""
    return _takes_interest(task)


@register.simple_tag(takes_context=True)
def absolute_url(context: dict[str, Any], path: str) -> str:
    """The full address of a path on this site, as a link to share."""
    request = context.get("request")
    if request is None:
        return settings.SITE_URL.rstrip("/") + path
    return str(request.build_absolute_uri(path))


@register.simple_tag
def map_tiles() -> dict[str, str]:
    """Where the location maps take their tiles from (empty: no map, the links only)."""
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}


@register.simple_tag
def place(location: Any) -> Place:
    """``{% place location as where %}``: the address in the reader's language."""
    return _place(location)
