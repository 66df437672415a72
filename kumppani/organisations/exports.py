"""The organisation list's export: its columns (public fields only) and the county its
audit record belongs to."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from kumppani.accounts.roles import AnyUser, coordinated_counties
from kumppani.core.exports import Column, ColumnType
from kumppani.core.models import County

from .models import Organisation
from .selectors import counties_of


def _name(language: str) -> Callable[[Organisation], str]:
    return lambda organisation: str(getattr(organisation, f"name_{language}") or "")


def _municipalities(organisation: Organisation) -> str:
    municipalities = sorted(organisation.municipalities.all(), key=lambda m: m.code)
    return ", ".join(str(m.name) for m in municipalities)


def _counties(organisation: Organisation) -> str:
    return ", ".join(str(county.name) for county in counties_of(organisation))


# The municipalities (with their counties) must be prefetched.
COLUMNS: list[Column[Organisation]] = [
    Column(_("Name in Finnish"), _name("fi"), width=40),
    Column(_("Name in Swedish"), _name("sv"), width=40),
    Column(_("Name in English"), _name("en"), width=40),
    Column(_("Kind"), lambda organisation: organisation.get_kind_display(), width=16),
    Column(_("Business ID"), lambda organisation: organisation.business_id, width=14),
    Column(_("Register number"), lambda organisation: organisation.register_number, width=16),
    Column(_("Municipalities of operation"), _municipalities, width=40),
    Column(_("Wellbeing services counties"), _counties, width=40),
    Column(_("Email"), lambda organisation: organisation.email, width=30),
    Column(_("Phone"), lambda organisation: organisation.phone, width=18),
    Column(_("Street address"), lambda organisation: organisation.street_address, width=30),
    Column(_("Postal code"), lambda organisation: organisation.postal_code, width=12),
    Column(_("Post office"), lambda organisation: organisation.post_office, width=18),
    Column(_("Website"), lambda organisation: organisation.website, width=30),
    Column(_("Status"), lambda organisation: organisation.get_status_display(), width=12),
    Column(_("Verified"), lambda organisation: organisation.verified_at, ColumnType.DATE),
]


def export_county(user: AnyUser, county: County | None) -> County | None:
    """The county an export's audit record belongs to: the county filtered by when the
    user coordinates it, else the first county the user coordinates (none for staff
    without a county)."""
    coordinated = coordinated_counties(user)
    if county is not None and (own := coordinated.filter(pk=county.pk).first()):
        return own
    return coordinated.first()
