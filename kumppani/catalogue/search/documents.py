"""Build the analyzed search document of a service or a volunteer task.

A document has four weight classes (``ranking.FIELD_WEIGHTS``): name, summary, description and
"extra" (taxonomy labels, the organisation, the names of the areas). Every language version of
a text is analyzed with its own lemmatizer; the result is a space-separated string of terms,
stored as-is in both backends so that SQLite and PostgreSQL rank the same terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kumppani.catalogue.models import Service, VolunteerTask
from kumppani.catalogue.search.analyzer import analyze
from kumppani.core.languages import content_languages

# Every content language's text is analyzed. The analyzer has Finnish and Swedish
# lemmatizers; English text is analyzed with both off (surface forms only would miss nothing
# a lemmatizer could add reliably).


@dataclass(frozen=True, slots=True)
class Document:
    pk: int
    langs: str  # "|fi|sv|": the languages the activity is held in
    name: str
    summary: str
    description: str
    extra: str
    # The municipality codes the activity is offered in (whole counties expanded), "c<code>"
    # for each county it touches, "all" when nationwide: the PostgreSQL area filter.
    areas: tuple[str, ...] = field(default=())
    verified_at: datetime | None = None
    # PostgreSQL services only: the ready-made result cards by reader language
    # (listing.cards_by_language).
    cards: dict[str, dict[str, Any]] | None = None

    def terms(self) -> set[str]:
        return set(f"{self.name} {self.summary} {self.description} {self.extra}".split())


def _lang_arg(code: str) -> str | None:
    return code if code in ("fi", "sv") else None


def _analyze_versions(obj: object, field: str) -> list[str]:
    terms: list[str] = []
    for code in content_languages():
        text = getattr(obj, f"{field}_{code}", None) or ""
        if text:
            terms.extend(analyze(text, _lang_arg(code)))
    return terms


def _analyze_names(*texts: str) -> list[str]:
    # Proper names (places, organisations) are analyzed without a language.
    return analyze(" ".join(t for t in texts if t))


def _join(terms: list[str]) -> str:
    # Keep repeats: term frequency matters to bm25 and ts_rank.
    return " ".join(terms)


def _langs(codes: set[str]) -> str:
    return "|" + "|".join(sorted(codes)) + "|" if codes else ""


# Area markers (see Document.areas).
NATIONWIDE = "all"


def county_marker(code: str) -> str:
    return f"c{code}"


def service_areas(service: Service) -> tuple[str, ...]:
    """Return the area markers of a service whose municipalities and counties are prefetched.

    The municipalities need their county (``select_related``), the counties their
    municipalities (``prefetch_related``).
    """
    areas: set[str] = set()
    if service.is_nationwide:
        areas.add(NATIONWIDE)
    for m in service.municipalities.all():
        areas.add(m.code)
        if m.county is not None:
            areas.add(county_marker(m.county.code))
    for c in service.counties.all():
        areas.add(county_marker(c.code))
        areas.update(m.code for m in c.municipalities.all())
    return tuple(sorted(areas))


def service_document(service: Service) -> Document:
    """Return the document of a service whose relations are prefetched (see ``index``)."""
    org = service.organisation
    terms = list(service.terms.all())
    extra: list[str] = []
    for term in terms:
        extra.extend(_analyze_versions(term, "name"))
    extra.extend(_analyze_versions(org, "name"))
    extra.extend(_analyze_versions(org, "description"))
    areas: list[str] = []
    # Both national names, so that "vaasa" finds a service in "Vasa" and the other way round.
    places: list[object] = [*service.municipalities.all(), *service.counties.all()]
    for place in places:
        areas += [getattr(place, f"name_{code}", "") or "" for code in ("fi", "sv")]
    extra.extend(_analyze_names(*dict.fromkeys(areas)))
    langs = {lang.code for lang in service.languages.all()}
    if not langs:
        langs = {code for code in content_languages() if getattr(service, f"name_{code}", "")}
    summary = _analyze_versions(service, "summary") + _analyze_versions(
        service, "easy_read_summary"
    )
    return Document(
        pk=service.pk,
        langs=_langs(langs),
        name=_join(_analyze_versions(service, "name")),
        summary=_join(summary),
        description=_join(_analyze_versions(service, "description")),
        extra=_join(extra),
        areas=service_areas(service),
        verified_at=service.last_verified_at,
    )


def task_document(task: VolunteerTask) -> Document:
    """Return the document of a volunteer task whose relations are prefetched."""
    org = task.organisation
    extra: list[str] = []
    for term in task.terms.all():
        extra.extend(_analyze_versions(term, "name"))
    extra.extend(_analyze_versions(org, "name"))
    if task.municipality is not None:
        m = task.municipality
        extra.extend(
            _analyze_names(getattr(m, "name_fi", "") or "", getattr(m, "name_sv", "") or "")
        )
    langs = {code for code in content_languages() if getattr(task, f"title_{code}", "")}
    return Document(
        pk=task.pk,
        langs=_langs(langs),
        name=_join(_analyze_versions(task, "title")),
        summary=_join(
            _analyze_versions(task, "skills") + _analyze_versions(task, "time_commitment")
        ),
        description=_join(_analyze_versions(task, "description")),
        extra=_join(extra),
    )
