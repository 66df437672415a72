"""The services of a result page as plain dicts, in five small queries and no model objects.

The search API shows 20 services per request; building Service instances with five prefetched
relations cost more than the ranked query itself (Django's prefetch machinery and the
translated managers run per instance). Here each relation is one ``values()`` query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.utils import timezone

from kumppani.catalogue.models import STALE_AFTER, PublicationStatus, Service, ServiceLanguage
from kumppani.catalogue.search.query import ACCESSIBILITY_FIELDS

LANGUAGE_ORDER = ("fi", "sv", "en")


def _translated(row: dict[str, Any], prefix: str, language: str) -> tuple[str, str]:
    """Return (text, language of the text) of ``prefix`` in ``language`` or a fallback."""
    order = [language, *[c for c in LANGUAGE_ORDER if c != language]]
    for code in order:
        value = row.get(f"{prefix}_{code}")
        if value:
            return str(value), code
    return str(row.get(prefix) or ""), language


def _names(prefix: str) -> list[str]:
    return [prefix, *(f"{prefix}_{c}" for c in LANGUAGE_ORDER)]


def service_cards(ids: Sequence[int], language: str) -> list[dict[str, Any]]:
    """Return the API list items (``api.ServiceOut``) of the visible services, in ``ids`` order."""
    if not ids:
        return []
    rows = (
        Service.objects.filter(
            pk__in=ids, status=PublicationStatus.PUBLISHED, hidden_at__isnull=True
        )
        .order_by()
        .values(
            "id",
            "public_id",
            *_names("name"),
            *_names("summary"),
            "organisation__public_id",
            *_names("organisation__name"),
            "is_nationwide",
            "is_online",
            "is_free",
            "how_to_join",
            "last_verified_at",
            *ACCESSIBILITY_FIELDS,
        )
    )
    by_id = {r["id"]: r for r in rows}
    found = list(by_id)
    municipalities: dict[int, list[dict[str, str]]] = {i: [] for i in found}
    for r in (
        Service.municipalities.through.objects.filter(service_id__in=found)
        .order_by("municipality__code")
        .values("service_id", "municipality__code", *_names("municipality__name"))
    ):
        text, _lang = _translated(r, "municipality__name", language)
        municipalities[r["service_id"]].append({"code": r["municipality__code"], "name": text})
    counties: dict[int, list[str]] = {i: [] for i in found}
    for r in (
        Service.counties.through.objects.filter(service_id__in=found)
        .order_by("county__code")
        .values("service_id", "county__code")
    ):
        counties[r["service_id"]].append(r["county__code"])
    languages: dict[int, list[str]] = {i: [] for i in found}
    for r in (
        ServiceLanguage.objects.filter(service_id__in=found)
        .order_by("code")
        .values("service_id", "code")
    ):
        languages[r["service_id"]].append(r["code"])
    terms: dict[int, list[dict[str, Any]]] = {i: [] for i in found}
    for r in (
        Service.terms.through.objects.filter(service_id__in=found)
        .order_by("taxonomyterm__taxonomy__code", "taxonomyterm__code")
        .values(
            "service_id",
            "taxonomyterm__public_id",
            "taxonomyterm__code",
            "taxonomyterm__taxonomy__code",
            *_names("taxonomyterm__name"),
        )
    ):
        text, _lang = _translated(r, "taxonomyterm__name", language)
        terms[r["service_id"]].append(
            {
                "id": r["taxonomyterm__public_id"],
                "code": r["taxonomyterm__code"],
                "taxonomy": r["taxonomyterm__taxonomy__code"],
                "name": text,
            }
        )
    stale_before = timezone.now() - STALE_AFTER
    out = []
    for pk in ids:
        row = by_id.get(pk)
        if row is None:
            continue
        name, name_language = _translated(row, "name", language)
        verified: datetime = row["last_verified_at"]
        out.append(
            {
                "id": row["public_id"],
                "name": name,
                "name_language": name_language,
                "summary": _translated(row, "summary", language)[0],
                "organisation": {
                    "id": row["organisation__public_id"],
                    "name": _translated(row, "organisation__name", language)[0],
                },
                "municipalities": municipalities[pk],
                "counties": counties[pk],
                "is_nationwide": row["is_nationwide"],
                "is_online": row["is_online"],
                "is_free": row["is_free"],
                "how_to_join": row["how_to_join"],
                "languages": languages[pk],
                "terms": terms[pk],
                "accessibility": [f for f in ACCESSIBILITY_FIELDS if row[f]],
                "last_verified_at": verified,
                "is_stale": verified < stale_before,
            }
        )
    return out
