"""The second step of a search: the filters as conditions, for the ORM and for the SQL.

``filter_conditions`` turns validated filters into one ``Q`` per dimension (the facets leave
their own dimension out). ``service_scope`` / ``task_scope`` turn them, once per search, into
the ``Scope`` the ranked statement is restricted by: the visibility rule of the owner table,
the other filters as a sub-select of ids, and on PostgreSQL the area filters as conditions
on the document row itself (``Scope.where``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from kumppani.catalogue.models import (
    VISIBLE_SQL,
    VISIBLE_SQL_PARAMS,
    Occurrence,
    Service,
    ServiceLanguage,
    VolunteerTask,
)
from kumppani.catalogue.search import backend
from kumppani.catalogue.search.analysis import ParsedQuery
from kumppani.catalogue.search.backend import SERVICES, TASKS, Kind
from kumppani.catalogue.search.documents import NATIONWIDE, county_marker

ACCESSIBILITY_FIELDS: tuple[str, ...] = (
    "step_free_access",
    "accessible_toilet",
    "induction_loop",
    "sign_language",
    "easy_to_read",
    "remote_participation",
)
TERM_FACETS: dict[str, str] = {
    "activity_type": "activity-types",
    "theme": "themes",
    "target_group": "ptv-target-groups",
}
# Filters the PostgreSQL document row answers itself (documents.Document.areas).
AREA_DIMENSIONS = ("municipality", "county")


@dataclass(frozen=True)
class SearchFilters:
    """Validated filters; every set filter must hold (within one filter, any value)."""

    municipality: str | None = None
    county: str | None = None
    online: bool | None = None
    activity_type: tuple[int, ...] = ()  # TaxonomyTerm pks
    theme: tuple[int, ...] = ()
    target_group: tuple[int, ...] = ()
    language: str | None = None
    cost: str | None = None  # "free" or "fee"
    how_to_join: str | None = None
    accessibility: tuple[str, ...] = ()
    # Municipalities near ``municipality`` (``core.neighbours``), nearest first: the search
    # goes on to their services after the municipality's own (``query.search_services``).
    nearby: tuple[str, ...] = ()
    # The nearby part of such a search (set with ``municipality`` None): the services named
    # in a municipality of ``nearby`` that are not in this municipality's area.
    nearby_of: str | None = None
    # When (forms.when.time_filter): an occurrence on these dates (inclusive) and weekdays.
    date_from: date | None = None
    date_to: date | None = None
    weekdays: tuple[int, ...] = ()  # 0 = Monday


# --- ORM conditions -------------------------------------------------------------------------


def _through(name: str) -> Any:
    return getattr(Service, name).through.objects


def _area_condition(municipality: str | None, county: str | None) -> Q:
    # A UNION of id lists rather than an OR over joins: the database can estimate it and start
    # from the few services of one municipality.
    nationwide = Service.objects.filter(is_nationwide=True).order_by().values_list("id")
    if municipality:
        named = _through("municipalities").filter(municipality__code=municipality)
        whole = _through("counties").filter(county__municipalities__code=municipality)
    else:
        named = _through("municipalities").filter(municipality__county__code=county)
        whole = _through("counties").filter(county__code=county)
    return Q(
        id__in=named.order_by()
        .values_list("service_id")
        .union(whole.order_by().values_list("service_id"), nationwide)
    )


def _nearby_condition(nearby: tuple[str, ...]) -> Q:
    return Q(
        id__in=_through("municipalities")
        .filter(municipality__code__in=nearby)
        .order_by()
        .values("service_id")
    )


def _time_condition(filters: SearchFilters) -> Q:
    """The service has an occurrence (a schedule's time, holidays left out) on the dates
    and weekdays: an EXISTS on the (service, date) index."""
    times = Occurrence.objects.filter(service_id=OuterRef("pk"))
    if filters.date_from:
        times = times.filter(date__gte=filters.date_from)
    if filters.date_to:
        times = times.filter(date__lte=filters.date_to)
    if filters.weekdays:
        times = times.filter(weekday__in=filters.weekdays)
    return Q(Exists(times))


def filter_conditions(filters: SearchFilters, *, areas: bool = True) -> dict[str, Q]:
    """Return one Q per active filter dimension (facets leave their own dimension out).

    With ``areas=False`` the municipality and county filters are left out (a ranked
    PostgreSQL search answers them from the document row: see ``service_scope``).
    """
    out: dict[str, Q] = {}
    if not areas:
        filters = replace(filters, municipality=None, county=None)
    if filters.municipality:
        out["municipality"] = _area_condition(filters.municipality, None)
    if filters.municipality and filters.nearby:
        # Both parts of a search with the nearby municipalities (its facets count them all).
        out["municipality"] |= _nearby_condition(filters.nearby)
    if filters.nearby_of and filters.nearby:
        out["nearby"] = _nearby_condition(filters.nearby) & ~_area_condition(
            filters.nearby_of, None
        )
    if filters.county:
        out["county"] = _area_condition(None, filters.county)
    if filters.online is not None:
        out["online"] = Q(is_online=filters.online)
    for dim in TERM_FACETS:
        pks = getattr(filters, dim)
        if pks:
            out[dim] = Q(
                id__in=_through("terms").filter(taxonomyterm_id__in=pks).values("service_id")
            )
    if filters.language:
        out["language"] = Q(
            id__in=ServiceLanguage.objects.filter(code=filters.language).values("service_id")
        )
    if filters.cost:
        out["cost"] = Q(is_free=filters.cost == "free")
    if filters.how_to_join:
        out["how_to_join"] = Q(how_to_join=filters.how_to_join)
    if filters.accessibility:
        out["accessibility"] = Q(**dict.fromkeys(filters.accessibility, True))
    if filters.date_from or filters.date_to or filters.weekdays:
        out["when"] = _time_condition(filters)
    return out


def visible_services(conditions: dict[str, Q], without: str | None = None) -> QuerySet[Service]:
    """The visible services that meet every condition (but the one of ``without``)."""
    qs = Service.objects.visible()
    for dim, cond in conditions.items():
        if dim != without:
            qs = qs.filter(cond)
    return qs


def text_ids_sql(kind: Kind, level: str) -> tuple[str, list[Any]]:
    """Return SQL selecting only the ids of the documents matching a level's match text."""
    if backend.is_postgres():
        return (
            f"SELECT {kind.column} FROM {kind.table} "  # noqa: S608 - constant names
            "WHERE tsv @@ to_tsquery('simple', %s)",
            [level],
        )
    return (f"SELECT rowid FROM {kind.fts} WHERE {kind.fts} MATCH %s", [level])  # noqa: S608


def text_condition(parsed: ParsedQuery, level: int | None, kind: Kind = SERVICES) -> Q:
    """The text match of a level as an ORM condition (for facets and level counts)."""
    if not parsed.has_text:
        return Q()
    if parsed.matches_nothing or level is None or level < 0:
        return Q(pk__in=[])
    sql, params = text_ids_sql(kind, parsed.levels[level].match)
    return Q(id__in=RawSQL(sql, params))  # noqa: S611 - the query is built from [a-z0-9] terms


# --- SQL conditions of a ranked search ------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """The conditions of one PostgreSQL search: the text match and what restricts it."""

    match: str | None  # to_tsquery('simple', ...) text over every field (the full vector)
    title: str | None = None  # ... over the name and summary only (the small title vector)
    not_title: str | None = None  # ... and NOT this one over the name and summary
    areas: Sequence[str] = ()  # any of these area markers (documents.Document.areas)
    areas_all: Sequence[str] = ()  # and any of these (a county filter next to a municipality)
    filter_sql: str = ""  # "id IN (...)": the other filters, as a sub-select of ids
    filter_params: Sequence[Any] = ()

    def sql(self, kind: Kind) -> tuple[str, list[Any]]:
        # The tsquery is an InitPlan "(SELECT to_tsquery(...))": its value is unknown when the
        # statement is planned, so PostgreSQL always drives the match through the GIN index.
        # With the literal, a query word found in a fifth of the documents makes it pick a
        # sequential scan that decompresses every document's vector (20-50 times slower).
        conds: list[str] = []
        params: list[Any] = []
        for vector, negate, text in (
            ("tsv", "", self.match),
            ("ab", "", self.title),
            ("ab", "NOT ", self.not_title),
        ):
            if text is not None:
                conds.append(f"{negate}d.{vector} @@ (SELECT to_tsquery('simple', %s))")
                params.append(text)
        for areas in (self.areas, self.areas_all):
            if areas:
                conds.append("d.areas && %s::text[]")
                params.append(list(areas))
        if self.filter_sql:
            conds.append(f"d.{kind.column} IN ({self.filter_sql})")
            params.extend(self.filter_params)
        return " AND ".join(conds or ["TRUE"]), params


@dataclass(frozen=True)
class Scope:
    """What restricts a ranked search besides the text: areas, visibility, other filters."""

    kind: Kind
    filter_sql: str = ""  # the other filters, as a sub-select of candidate ids
    filter_params: tuple[Any, ...] = ()
    areas: tuple[str, ...] = ()  # PostgreSQL: any of these area markers
    areas_all: tuple[str, ...] = ()  # PostgreSQL: and any of these
    freshness: bool = False  # services: stale ones sink
    owner_table: str = ""  # SQLite: the owner table, for visibility and freshness
    visible_sql: str = VISIBLE_SQL  # over the owner table aliased "o"
    visible_params: tuple[Any, ...] = field(default=VISIBLE_SQL_PARAMS)
    cards: str | None = None  # PostgreSQL services: read the stored cards in this language

    @property
    def filtered(self) -> bool:
        """Anything besides the text restricts the search (the vocabulary's counts do not
        hold)."""
        return bool(self.areas or self.areas_all or self.filter_sql)

    def where(
        self, match: str | None, title: str | None = None, not_title: str | None = None
    ) -> Where:
        """The PostgreSQL conditions of this scope with a text match."""
        return Where(
            match=match,
            title=title,
            not_title=not_title,
            areas=self.areas,
            areas_all=self.areas_all,
            filter_sql=self.filter_sql,
            filter_params=self.filter_params,
        )

    def cache_key(self) -> tuple[Any, ...]:
        return (self.areas, self.areas_all, self.filter_sql, repr(list(self.filter_params)))


def _ids_sql(queryset: QuerySet[Any] | None) -> tuple[str, tuple[Any, ...]]:
    if queryset is None:
        return "", ()
    sql, params = queryset.order_by().values("id").query.sql_with_params()
    return sql, tuple(params)


def _area_markers(filters: SearchFilters) -> tuple[tuple[str, ...], tuple[str, ...]]:
    areas: tuple[str, ...] = ()
    areas_all: tuple[str, ...] = ()
    if filters.municipality:
        areas = (filters.municipality, NATIONWIDE)
    if filters.county:
        marker = (county_marker(filters.county), NATIONWIDE)
        areas, areas_all = (areas, marker) if areas else (marker, ())
    return areas, areas_all


def service_scope(
    filters: SearchFilters | None,
    conditions: dict[str, Q],
    queryset: QuerySet[Service] | None = None,
    cards: str | None = None,
) -> Scope:
    """The scope of a ranked service search: ``conditions``, within ``queryset`` if given.

    On PostgreSQL the area filters become conditions on the document row (the rest of
    ``conditions`` a sub-select); ``cards``, a card language, has the ranked statement read
    the page's stored cards too.
    """
    postgres = backend.is_postgres()
    areas: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    rest = dict(conditions)
    if postgres and filters is not None:
        for dim in AREA_DIMENSIONS:
            rest.pop(dim, None)
        areas = _area_markers(filters)
    filter_qs: QuerySet[Any] | None = queryset
    if rest:
        filter_qs = (filter_qs if filter_qs is not None else Service.objects.all()).filter(
            *rest.values()
        )
    filter_sql, filter_params = _ids_sql(filter_qs)
    return Scope(
        kind=SERVICES,
        filter_sql=filter_sql,
        filter_params=filter_params,
        areas=areas[0],
        areas_all=areas[1],
        freshness=True,
        owner_table=Service._meta.db_table,
        cards=cards if postgres else None,
    )


def task_scope(queryset: QuerySet[VolunteerTask]) -> Scope:
    """The scope of a ranked volunteer task search: the tasks of ``queryset``."""
    filter_sql, filter_params = _ids_sql(queryset)
    return Scope(
        kind=TASKS,
        filter_sql=filter_sql,
        filter_params=filter_params,
        owner_table=VolunteerTask._meta.db_table,
    )
