"""The places of a result page on a map: one marker per location with coordinates.

The search page's map view (``?view=map``) gives these to its script as JSON
(``json_script``); the result list beside the map stays the way to use the page without
scripts or tiles, with a keyboard and with a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kumppani.catalogue.models import ServiceLocation
from kumppani.catalogue.places import place
from kumppani.catalogue.search.presenters import in_language


@dataclass(frozen=True)
class MapResult:
    """A result as the map needs it: the service, its name and the address of its page."""

    service_id: int
    title: str
    url: str


@dataclass(frozen=True)
class Marker:
    service_id: int
    lat: float
    lon: float
    title: str
    url: str
    place: str  # the location's name, or its address
    address: str

    def data(self) -> dict[str, Any]:
        """What the page's script reads (no database ids)."""
        return {
            "lat": self.lat,
            "lon": self.lon,
            "title": self.title,
            "url": self.url,
            "place": self.place,
            "address": self.address,
        }


def result_markers(results: Sequence[MapResult], language: str) -> list[Marker]:
    """The markers of ``results``' locations that have coordinates, in the results' order.

    One query, whatever the number of results.
    """
    by_id = {r.service_id: r for r in results}
    if not by_id:
        return []
    order = {r.service_id: i for i, r in enumerate(results)}
    links = (
        ServiceLocation.objects.filter(
            service_id__in=by_id,
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .select_related("location__municipality")
        .order_by("location__name", "location_id")
    )
    markers = []
    for link in sorted(links, key=lambda link: order[link.service_id]):
        location = link.location
        result = by_id[link.service_id]
        where = place(location, language)
        address = ", ".join(
            part for part in (where.street, f"{where.postal_code} {where.city}".strip()) if part
        )
        markers.append(
            Marker(
                service_id=result.service_id,
                lat=float(location.latitude or 0),
                lon=float(location.longitude or 0),
                title=result.title,
                url=result.url,
                place=in_language(location, "name", language).text or address,
                address=address,
            )
        )
    return markers
