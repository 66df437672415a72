"""What the editor's map needs to place an activity's pin: where the tiles come from, and
where to start when there is no pin yet: the centre of the chosen municipality
(`core.neighbours.centres`, every municipality of the reference data).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from kumppani.core.neighbours import centres

# The middle of Finland, and a zoom that shows the whole country on a phone.
FINLAND_CENTRE = (64.5, 26.0)
FINLAND_ZOOM = 5
# The zoom of a municipality's starting point, and of an existing pin.
MUNICIPALITY_ZOOM = 11
PIN_ZOOM = 16


def municipality_centres() -> dict[str, list[float]]:
    """Each municipality's centre by its code, for the map's starting point."""
    return {code: [round(lat, 5), round(lon, 5)] for code, (lat, lon) in centres().items()}


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
