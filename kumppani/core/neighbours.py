"""Nearby municipalities, from the centre of each (``data/municipality_centres.csv``).

A municipality's neighbours are those whose centre lies within ``MUNICIPALITY_NEARBY_KM``
(a setting, 30 km by default) of its own, and at least the nearest ``MIN_NEIGHBOURS``
(sparsely settled Lapland, the archipelago), nearest first. A municipality without a centre
in the file has none. The file is reference data: read once per process.
"""

from __future__ import annotations

import math
from functools import cache

from django.conf import settings

from .reference_data import read_rows

DEFAULT_NEARBY_KM = 30.0
MIN_NEIGHBOURS = 3
EARTH_RADIUS_KM = 6371.0

Point = tuple[float, float]  # latitude, longitude in degrees


@cache
def centres() -> dict[str, Point]:
    """Each municipality's centre by its code."""
    return {
        row["code"]: (float(row["latitude"]), float(row["longitude"]))
        for row in read_rows("municipality_centres.csv")
    }


def distance_km(a: Point, b: Point) -> float:
    """The great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def nearby_km() -> float:
    return float(getattr(settings, "MUNICIPALITY_NEARBY_KM", DEFAULT_NEARBY_KM))


def neighbours(code: str) -> tuple[str, ...]:
    """The codes of the municipalities near ``code``, nearest first (itself left out)."""
    return _neighbours(code, nearby_km(), MIN_NEIGHBOURS)


@cache
def _neighbours(code: str, within_km: float, at_least: int) -> tuple[str, ...]:
    all_centres = centres()
    centre = all_centres.get(code)
    if centre is None:
        return ()
    by_distance = sorted(
        (distance_km(centre, point), other) for other, point in all_centres.items() if other != code
    )
    return tuple(
        other
        for i, (distance, other) in enumerate(by_distance)
        if distance <= within_km or i < at_least
    )
