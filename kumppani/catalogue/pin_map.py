"""What the editor's map needs to place an activity's pin: where the tiles come from, and
where to start when there is no pin yet.

No geocoding service is at hand, so a municipality's starting point is the middle of the
places already pinned in it; a municipality without any starts from the whole of Finland.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Avg

from .models import Location

# The middle of Finland, and a zoom that shows the whole country on a phone.
FINLAND_CENTRE = (64.5, 26.0)
FINLAND_ZOOM = 5
# The zoom of a municipality's starting point, and of an existing pin.
MUNICIPALITY_ZOOM = 11
PIN_ZOOM = 16


def municipality_centres() -> dict[str, list[float]]:
    """The middle of the places pinned in each municipality, by municipality code."""
    rows = (
        Location.objects.filter(
            latitude__isnull=False, longitude__isnull=False, municipality__isnull=False
        )
        .values("municipality__code")
        .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        .order_by("municipality__code")
    )
    return {
        row["municipality__code"]: [
            round(float(row["latitude"]), 5),
            round(float(row["longitude"]), 5),
        ]
        for row in rows
    }


def pin_map_data() -> dict[str, Any] | None:
    """The map's settings for `json_script`; None when maps are turned off (no tiles)."""
    if not settings.MAP_TILE_URL:
        return None
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
        "finland": [*FINLAND_CENTRE, FINLAND_ZOOM],
        "municipalityZoom": MUNICIPALITY_ZOOM,
        "pinZoom": PIN_ZOOM,
        "centres": municipality_centres(),
    }
