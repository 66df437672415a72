"""The last step of a search: facet counts over the matching services.

Each facet counts over the text match and the OTHER filters (a facet leaves its own dimension
out, so that choosing a value does not hide the others). A bounded number of GROUP BY
queries: at most 11 whatever the filters.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from kumppani.catalogue.models import HowToJoin, Service, ServiceLanguage
from kumppani.catalogue.search.analysis import ParsedQuery
from kumppani.catalogue.search.filters import (
    ACCESSIBILITY_FIELDS,
    TERM_FACETS,
    text_condition,
    visible_services,
)
from kumppani.core.languages import content_languages, current_language, fallback_order

Facets = dict[str, list[dict[str, Any]]]

_SCALAR_DIMS = ("online", "cost", "how_to_join", "accessibility")


def choose_level(parsed: ParsedQuery, conditions: dict[str, Q], min_matches: int) -> int | None:
    """Return the match level a search with these filters uses (as ``execution.rank``)."""
    if not parsed.has_text or parsed.matches_nothing:
        return None
    last = len(parsed.levels) - 1
    for i in range(len(parsed.levels)):
        matching = visible_services(conditions).filter(text_condition(parsed, i)).order_by()
        if i == last or matching[:min_matches].count() >= min_matches:
            return i
    return None


class _Matching:
    """The visible services matching the text and every filter but one's own."""

    def __init__(self, conditions: dict[str, Q], text: Q) -> None:
        self.conditions, self.text = conditions, text

    def without(self, dim: str | None) -> QuerySet[Service]:
        return visible_services(self.conditions, dim).filter(self.text)


def compute_facets(
    parsed: ParsedQuery,
    conditions: dict[str, Q],
    language: str | None = None,
    *,
    level: int | None = None,
    min_matches: int,
) -> Facets:
    """Count results per facet value over the text query and the OTHER filters.

    ``level`` is the match level of the search (``execution.Ranked.level``); by default it is
    chosen as the search would.
    """
    language = language or current_language()
    if level is None:
        level = choose_level(parsed, conditions, min_matches)
    matching = _Matching(conditions, text_condition(parsed, level))
    facets = _area_facets(matching, language)
    facets.update(_term_facets(matching, conditions, language))
    facets["language"] = _language_facet(matching)
    facets.update(_scalar_facets(matching, conditions))
    return facets


def _label(row: dict[str, Any], prefix: str, language: str | None) -> str:
    for code in fallback_order(language):
        value = row.get(f"{prefix}_{code}")
        if value:
            return str(value)
    return str(row.get(prefix) or "")


def _names(prefix: str) -> list[str]:
    """The field and its language versions: what ``_label`` reads."""
    return [prefix, *(f"{prefix}_{code}" for code in content_languages())]


def _through(name: str) -> Any:
    return getattr(Service, name).through.objects


def _area_facets(matching: _Matching, language: str) -> Facets:
    ids = matching.without("municipality").values("id")
    return {
        "municipality": _area_facet(ids, "municipalities", "municipality", language),
        "whole_county": _area_facet(ids, "counties", "county", language),
    }


def _area_facet(ids: Any, relation: str, area: str, language: str) -> list[dict[str, Any]]:
    """Matching services per municipality, or per whole county, by code."""
    rows = (
        _through(relation)
        .filter(service_id__in=ids)
        .values(f"{area}__code", *_names(f"{area}__name"))
        .annotate(n=Count("service_id"))
        .order_by(f"{area}__code")
    )
    return [
        {
            "value": r[f"{area}__code"],
            "label": _label(r, f"{area}__name", language),
            "count": r["n"],
        }
        for r in rows
    ]


def _groups(dims: tuple[str, ...], conditions: dict[str, Q]) -> list[tuple[str | None, list[str]]]:
    """One count per filtered dimension (without itself), one for the rest together."""
    groups: list[tuple[str | None, list[str]]] = [(d, [d]) for d in dims if d in conditions]
    rest = [d for d in dims if d not in conditions]
    if rest:
        groups.append((None, rest))
    return groups


def _term_facets(matching: _Matching, conditions: dict[str, Q], language: str) -> Facets:
    taxonomy_dim = {v: k for k, v in TERM_FACETS.items()}
    facets: Facets = {dim: [] for dim in TERM_FACETS}
    for without, dims in _groups(tuple(TERM_FACETS), conditions):
        rows = (
            _through("terms")
            .filter(
                service_id__in=matching.without(without).values("id"),
                taxonomyterm__taxonomy__code__in=[TERM_FACETS[d] for d in dims],
            )
            .values(
                "taxonomyterm__public_id",
                "taxonomyterm__code",
                "taxonomyterm__taxonomy__code",
                *_names("taxonomyterm__name"),
            )
            .annotate(n=Count("service_id"))
            .order_by("-n", "taxonomyterm__code")
        )
        for r in rows:
            facets[taxonomy_dim[r["taxonomyterm__taxonomy__code"]]].append(
                {
                    "value": r["taxonomyterm__code"],
                    "id": str(r["taxonomyterm__public_id"]),
                    "label": _label(r, "taxonomyterm__name", language),
                    "count": r["n"],
                }
            )
    return facets


def _language_facet(matching: _Matching) -> list[dict[str, Any]]:
    rows = (
        ServiceLanguage.objects.filter(service_id__in=matching.without("language").values("id"))
        .values("code")
        .annotate(n=Count("service_id"))
        .order_by("-n", "code")
    )
    return [{"value": r["code"], "label": r["code"], "count": r["n"]} for r in rows]


def _scalar_aggregates(dim: str) -> dict[str, Any]:
    if dim == "online":
        return {"online:true": Count("id", filter=Q(is_online=True))}
    if dim == "cost":
        return {
            "cost:free": Count("id", filter=Q(is_free=True)),
            "cost:fee": Count("id", filter=Q(is_free=False)),
        }
    if dim == "how_to_join":
        return {f"how_to_join:{c}": Count("id", filter=Q(how_to_join=c)) for c in HowToJoin.values}
    return {f"accessibility:{f}": Count("id", filter=Q(**{f: True})) for f in ACCESSIBILITY_FIELDS}


def _scalar_facets(matching: _Matching, conditions: dict[str, Q]) -> Facets:
    counts: dict[str, int] = {}
    for without, dims in _groups(_SCALAR_DIMS, conditions):
        aggregates: dict[str, Any] = {}
        for d in dims:
            aggregates.update(_scalar_aggregates(d))
        counts.update(matching.without(without).aggregate(**aggregates))
    out: Facets = {d: [] for d in _SCALAR_DIMS}
    for key, n in counts.items():
        dim, value = key.split(":", 1)
        out[dim].append({"value": value, "label": value, "count": int(n or 0)})
    return out
