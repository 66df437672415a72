"""Municipalities and counties named in a file: service areas and addresses."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kumppani.core.models import County, Municipality

from ..errors import quoted
from ..reader import Obj
from ..serializers import EXTENT_COUNTRY, EXTENT_COUNTY, EXTENT_MUNICIPALITY
from .fields import Fields

FINLAND = {"fi", "fin", "finland", "suomi"}


class Lookups:
    """Municipalities and counties by code, Finnish or Swedish name (case-insensitive)."""

    def __init__(self) -> None:
        self.municipalities: dict[str, Municipality] = {}
        for municipality in Municipality.objects.select_related("county"):
            for key in (municipality.code, municipality.name_fi, municipality.name_sv):  # type: ignore[attr-defined]
                if key:
                    self.municipalities.setdefault(key.casefold(), municipality)
        self.counties: dict[str, County] = {}
        for county in County.objects.all():
            for key in (county.code, county.name_fi, county.name_sv):  # type: ignore[attr-defined]
                if key:
                    self.counties.setdefault(key.casefold(), county)

    def municipality(self, value: str) -> Municipality | None:
        return self.municipalities.get(value.strip().casefold())

    def county(self, value: str) -> County | None:
        return self.counties.get(value.strip().casefold())


@dataclass
class Areas:
    municipalities: list[Municipality] = field(default_factory=list)
    counties: list[County] = field(default_factory=list)
    nationwide: bool = False


def resolve_areas(data: Obj, lookups: Lookups, fields: Fields) -> Areas:
    """Map service_areas to municipalities, counties or the whole country."""
    areas = Areas()
    for where, area in fields.items(data, "service_areas", "service_areas"):
        extent_type = fields.text(area, "extent_type", f"{where}.extent_type")
        extent = fields.text(area, "extent", f"{where}.extent")
        name = fields.text(area, "name", f"{where}.name")
        if extent_type == EXTENT_COUNTRY:
            areas.nationwide = True
        elif extent_type == EXTENT_COUNTY:
            county = lookups.county(extent)
            if county is None:
                fields.problem(
                    f"{where}.extent", _("unknown county code %(code)s.") % {"code": quoted(extent)}
                )
            else:
                areas.counties.append(county)
        elif extent_type == EXTENT_MUNICIPALITY:
            municipality = lookups.municipality(extent)
            if municipality is None:
                fields.problem(
                    f"{where}.extent",
                    _("unknown municipality code %(code)s.") % {"code": quoted(extent)},
                )
            else:
                areas.municipalities.append(municipality)
        elif (municipality := lookups.municipality(name)) is not None:
            areas.municipalities.append(municipality)
        elif (county := lookups.county(name)) is not None:
            areas.counties.append(county)
        elif extent or extent_type:
            # An area drawn as a shape (GeoJSON, KML…) is no municipality: keep going without it.
            fields.warn(
                where,
                _("area %(name)s is not a municipality; left out.") % {"name": quoted(name)},
            )
        else:
            fields.problem(
                f"{where}.name", _("unknown municipality %(name)s.") % {"name": quoted(name)}
            )
    return areas


def resolve_address(
    place: Obj, lookups: Lookups, fields: Fields, where: str
) -> Municipality | None:
    """The municipality of a location's first address; a Finnish address must name one."""
    addresses = fields.items(place, "addresses", f"{where}.addresses")
    if not addresses:
        return None
    at, address = addresses[0]
    country = fields.text(address, "country", f"{at}.country").strip().casefold()
    if country and country not in FINLAND:
        return None
    city = fields.text(address, "city", f"{at}.city")
    municipality = lookups.municipality(city)
    code = fields.text(place, "x_municipality_code", f"{where}.x_municipality_code")
    if municipality is None and code:
        municipality = lookups.municipality(code)
    if municipality is None:
        fields.problem(f"{at}.city", _("unknown municipality %(name)s.") % {"name": quoted(city)})
    return municipality
