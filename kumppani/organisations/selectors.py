"""Reads of the organisation registry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from kumppani.core.languages import content_languages, translated_ordering
from kumppani.core.models import County, Municipality

from .models import Organisation

MEMBER_LIST_CAP = 50


def organisations_matching(filters: Mapping[str, Any]) -> QuerySet[Organisation]:
    """Organisations matching cleaned filters (from OrganisationFilterForm), by name.

    Recognised keys: county (County), municipality (Municipality), kind, status,
    verified ("yes"/"changed"/"no"), q (text in any language's name), umbrella (Organisation).
    """
    organisations = Organisation.objects.all()
    county: County | None = filters.get("county")
    if county is not None:
        organisations = organisations.in_county(county.code)
    municipality: Municipality | None = filters.get("municipality")
    if municipality is not None:
        organisations = organisations.in_municipality(municipality.code)
    if kind := filters.get("kind"):
        organisations = organisations.filter(kind=kind)
    if status := filters.get("status"):
        organisations = organisations.filter(status=status)
    verified = filters.get("verified")
    if verified == "yes":
        organisations = organisations.filter(
            verified_at__isnull=False, changed_since_verification_at__isnull=True
        )
    elif verified == "changed":
        organisations = organisations.filter(
            verified_at__isnull=False, changed_since_verification_at__isnull=False
        )
    elif verified == "no":
        organisations = organisations.filter(verified_at__isnull=True)
    if umbrella := filters.get("umbrella"):
        organisations = organisations.filter(umbrella=umbrella)
    if q := (filters.get("q") or "").strip():
        # SQLite folds only ASCII case; trying the usual spellings finds "Närpes" for "NÄRPES".
        match = Q()
        for variant in {q, q.lower(), q.capitalize()}:
            for code in content_languages():
                match |= Q(**{f"name_{code}__icontains": variant})
        organisations = organisations.filter(match)
    return organisations.prefetch_related("municipalities__county").order_by(
        translated_ordering("name"), "id"
    )


def members_of(umbrella: Organisation) -> tuple[list[Organisation], int]:
    """The first MEMBER_LIST_CAP member organisations, by name, and how many there are."""
    members = umbrella.members.order_by(translated_ordering("name"), "id")
    return list(members[:MEMBER_LIST_CAP]), members.count()


def counties_of(organisation: Organisation) -> list[County]:
    """The counties the organisation's (prefetched) municipalities make up, by code."""
    counties = {m.county.pk: m.county for m in organisation.municipalities.all() if m.county}
    return sorted(counties.values(), key=lambda county: county.code)
