"""Reads behind the HSDS API and export: visible rows, prefetched for the serializers."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kumppani.catalogue.models import (
    Schedule,
    Service,
    ServiceLocation,
    Taxonomy,
    TaxonomyTerm,
    VolunteerTask,
)
from kumppani.catalogue.search.filters import SearchFilters, filter_conditions
from kumppani.catalogue.search.query import judge_service_ids, rank_service_ids, rank_task_ids
from kumppani.catalogue.search.relevance import Judged
from kumppani.organisations.models import Organisation

TERM_RELATED = ("taxonomy", "parent")


def visible_services() -> QuerySet[Service]:
    return Service.objects.visible().select_related("organisation", "organisation__umbrella")


def with_full_relations(services: QuerySet[Service]) -> QuerySet[Service]:
    """Prefetch everything `serializers.service(full=True)` reads."""
    return services.prefetch_related(
        "municipalities",
        "counties",
        "languages",
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related(*TERM_RELATED)),
        Prefetch(
            "service_locations",
            queryset=ServiceLocation.objects.select_related(
                "location__organisation", "location__municipality__county"
            ).order_by("id"),
        ),
        Prefetch("schedules", queryset=Schedule.objects.select_related("location")),
    )


def with_list_relations(services: QuerySet[Service]) -> QuerySet[Service]:
    """Prefetch what `serializers.service(full=False)` reads."""
    return services.prefetch_related("municipalities")


def visible_service_locations() -> QuerySet[ServiceLocation]:
    return (
        ServiceLocation.objects.filter(service__in=Service.objects.visible().values("pk"))
        .select_related(
            "service__organisation__umbrella",
            "location__organisation",
            "location__municipality__county",
        )
        .prefetch_related("service__municipalities")
        .order_by("id")
    )


def visible_organisations() -> QuerySet[Organisation]:
    """Organisations with at least one visible service: the registry itself is not open data."""
    return (
        Organisation.objects.filter(pk__in=Service.objects.visible().values("organisation_id"))
        .select_related("umbrella")
        .order_by("name", "id")
    )


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("code")


def taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related(*TERM_RELATED).order_by("taxonomy__code", "code")


def filter_services(
    services: QuerySet[Service],
    *,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    municipality: str | None = None,
    modified_after: object | None = None,
    times: tuple[date | None, date | None, tuple[int, ...]] = (None, None, ()),
) -> QuerySet[Service]:
    if taxonomy_term_id:
        services = services.filter(
            pk__in=Service.terms.through.objects.filter(
                taxonomyterm__public_id=taxonomy_term_id
            ).values("service_id")
        )
    if taxonomy_id:
        services = services.filter(
            pk__in=Service.terms.through.objects.filter(
                taxonomyterm__taxonomy__public_id=taxonomy_id
            ).values("service_id")
        )
    if organization_id:
        services = services.filter(organisation__public_id=organization_id)
    if municipality:
        services = services.filter(
            pk__in=Service.objects.in_municipality(municipality).values("pk")
        )
    if modified_after is not None:
        services = services.filter(updated_at__gte=modified_after)
    when = filter_conditions(SearchFilters(date_from=times[0], date_to=times[1], weekdays=times[2]))
    if "when" in when:
        services = services.filter(when["when"])
    return services


def rank_services(query: str, *, services: QuerySet[Service], language: str | None) -> list[int]:
    """Return the pks of matching services, best first, from the search engine."""
    return list(rank_service_ids(query, queryset=services, language=language))


def judge_services(query: str, *, services: QuerySet[Service], language: str | None) -> Judged:
    """Return the matching services (best first), the related ones and the corrected query."""
    return judge_service_ids(query, queryset=services, language=language)


# Volunteer tasks (our profile extension) ----------------------------------------------------


def visible_volunteer_tasks() -> QuerySet[VolunteerTask]:
    """Return the published, not hidden, not ended tasks: those of the public task list."""
    return VolunteerTask.objects.visible().filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    )


def with_task_relations(tasks: QuerySet[VolunteerTask]) -> QuerySet[VolunteerTask]:
    """Fetch everything `serializers.volunteer_task` reads."""
    return tasks.select_related("organisation__umbrella", "municipality").prefetch_related(
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related(*TERM_RELATED))
    )


def filter_volunteer_tasks(
    tasks: QuerySet[VolunteerTask],
    *,
    organization_id: str | None = None,
    municipality: str | None = None,
    modified_after: datetime | None = None,
) -> QuerySet[VolunteerTask]:
    if organization_id:
        tasks = tasks.filter(organisation__public_id=organization_id)
    if municipality:
        # As on the public task list: remote tasks can be done from any municipality.
        tasks = tasks.filter(Q(municipality__code=municipality) | Q(is_remote=True))
    if modified_after is not None:
        tasks = tasks.filter(updated_at__gte=modified_after)
    return tasks


def rank_volunteer_tasks(query: str, *, tasks: QuerySet[VolunteerTask], language: str) -> list[int]:
    """Return the pks of the tasks in `tasks` matching `query`, best first (the filters of
    `tasks` restrict the match itself, as for services)."""
    return rank_task_ids(query, queryset=tasks, language=language)
