"""Reads of the reference data that are more than a filter."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, QuerySet, Value, When
from django.utils import translation
from django.utils.translation import gettext as _

from .languages import current_language, texts_by_language, translated, translated_ordering
from .models import County, Municipality


@dataclass(frozen=True)
class MunicipalityGroup:
    """The municipalities of one county (``county`` None: Åland's, which have none)."""

    county: County | None
    label: str
    municipalities: list[Municipality]

    @property
    def county_code(self) -> str:
        return self.county.code if self.county else ""


def municipalities_by_county(
    municipalities: QuerySet[Municipality] | None = None, *, language: str | None = None
) -> list[MunicipalityGroup]:
    """Municipalities (all, or those of the queryset) grouped by county for a choice:
    counties and municipalities by their names in the reader's language, sorted as that
    language sorts them (in Swedish Å, Ä, Ö after Z); Åland's last."""
    language = language or current_language()
    municipalities = (
        (Municipality.objects.all() if municipalities is None else municipalities)
        .select_related("county")
        .order_by(
            Case(When(county__isnull=True, then=Value(1)), default=Value(0)),
            translated_ordering("county__name", language=language),
            translated_ordering("name", language=language),
            "code",
        )
    )
    groups: dict[int | None, MunicipalityGroup] = {}
    for municipality in municipalities:
        county = municipality.county
        key = county.pk if county else None
        if key not in groups:
            if county is not None:
                label = translated(county, "name", language).text
            else:
                with translation.override(language):
                    label = _("Åland")
            groups[key] = MunicipalityGroup(county, label, [])
        groups[key].municipalities.append(municipality)
    return list(groups.values())


def municipality_name(municipality: Municipality, language: str | None = None) -> str:
    """The municipality's name in the reader's language (with fallback)."""
    return translated(municipality, "name", language).text


def other_names(municipality: Municipality) -> list[str]:
    """Every language's name of the municipality (Mustasaari, Korsholm), without repeats."""
    return list(dict.fromkeys(texts_by_language(municipality, "name").values()))
