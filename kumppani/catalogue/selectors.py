"""Reads of the catalogue beyond a simple filter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation

from kumppani.accounts.models import User
from kumppani.accounts.roles import roles_of
from kumppani.catalogue.search.forms import SearchForm
from kumppani.catalogue.search.query import search_services, search_volunteer_tasks
from kumppani.core.languages import translated_ordering
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation

from .models import (
    CONFIRM_EVERY,
    PublicationStatus,
    Schedule,
    Service,
    ServiceLocation,
    Taxonomy,
    TaxonomyTerm,
    VolunteerTask,
)

PRINT_LIMIT = 30


def service_counties(service: Service) -> QuerySet[County]:
    """Counties where the service is offered: its municipalities' and its whole counties."""
    return County.objects.filter(
        Q(municipalities__services=service) | Q(services=service)
    ).distinct()


def task_counties(task: VolunteerTask) -> QuerySet[County]:
    """The task's municipality's county, or (for remote tasks) the organisation's counties."""
    if task.municipality_id is not None:
        return County.objects.filter(municipalities__pk=task.municipality_id).distinct()
    return task.organisation.counties()


def with_details(services: QuerySet[Service]) -> QuerySet[Service]:
    """Prefetch everything a service page or card shows."""
    return services.select_related("organisation").prefetch_related(
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
        "municipalities",
        "counties",
        "languages",
        Prefetch(
            "service_locations",
            queryset=ServiceLocation.objects.select_related("location__municipality"),
        ),
        Prefetch("schedules", queryset=Schedule.objects.select_related("location")),
    )


def services_of_organisation(organisation: Organisation) -> QuerySet[Service]:
    """The organisation's visible services, by name, for its public page."""
    return (
        Service.objects.visible()
        .filter(organisation=organisation)
        .prefetch_related("municipalities", "counties")
        .order_by(translated_ordering("name"), "id")
    )


def services_managed_by(user: User, filters: Mapping[str, Any]) -> QuerySet[Service]:
    """Services of the organisations the user represents (all of them for staff)."""
    services = Service.objects.all()
    if not user.is_staff:
        services = services.filter(organisation_id__in=roles_of(user).organisation_ids)
    if organisation := filters.get("organisation"):
        services = services.filter(organisation=organisation)
    if status := filters.get("status"):
        if status == "hidden":
            services = services.filter(hidden_at__isnull=False)
        else:
            services = services.filter(status=status)
    if q := (filters.get("q") or "").strip():
        services = services.filter(
            Q(name_fi__icontains=q) | Q(name_sv__icontains=q) | Q(name_en__icontains=q)
        )
    return services.select_related("organisation").order_by(translated_ordering("name"), "id")


def tasks_managed_by(user: User) -> QuerySet[VolunteerTask]:
    tasks = VolunteerTask.objects.all()
    if not user.is_staff:
        tasks = tasks.filter(organisation_id__in=roles_of(user).organisation_ids)
    return tasks.select_related("organisation", "municipality").order_by(
        translated_ordering("title"), "id"
    )


def stale_services(
    counties: Iterable[County], filters: Mapping[str, Any], now: datetime | None = None
) -> QuerySet[Service]:
    """Published services offered in the counties that nobody has confirmed for a year."""
    county_ids = [county.pk for county in counties]
    services = (
        Service.objects.filter(status=PublicationStatus.PUBLISHED)
        .stale(now)
        .filter(Q(municipalities__county__in=county_ids) | Q(counties__in=county_ids))
    )
    if municipality := filters.get("municipality"):
        services = services.filter(
            Q(municipalities=municipality) | Q(counties__municipalities=municipality)
        )
    if q := (filters.get("q") or "").strip():
        services = services.filter(
            Q(name_fi__icontains=q)
            | Q(name_sv__icontains=q)
            | Q(name_en__icontains=q)
            | Q(organisation__name__icontains=q)
        )
    # distinct() through a subquery keeps ordering by annotation portable to PostgreSQL.
    return (
        Service.objects.filter(pk__in=services.values("pk"))
        .select_related("organisation")
        .order_by("last_verified_at", "id")
    )


def services_due_for_reminder(now: datetime | None = None) -> QuerySet[Service]:
    """Published services not confirmed for CONFIRM_EVERY and not reminded in that time."""
    now = now or timezone.now()
    return (
        Service.objects.filter(status=PublicationStatus.PUBLISHED)
        .due_for_confirmation(now)
        .filter(Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lt=now - CONFIRM_EVERY))
        .select_related("organisation")
        .order_by("organisation_id", "last_verified_at", "id")
    )


def services_for_print(ids: Iterable[UUID]) -> list[Service]:
    """The visible services with these public ids, in the order given."""
    wanted = list(dict.fromkeys(ids))[:PRINT_LIMIT]
    found = {
        s.public_id: s for s in with_details(Service.objects.visible()).filter(public_id__in=wanted)
    }
    return [found[public_id] for public_id in wanted if public_id in found]


def service_ids_for_search_query(params: Mapping[str, Any]) -> list[UUID]:
    """Public ids of the first PRINT_LIMIT results of a search page query string, in order.

    An invalid query string gives no results (the search page shows the errors).
    """

    form = SearchForm(params)
    if not form.is_valid():
        return []
    result = search_services(
        q=form.cleaned_data.get("q") or "",
        filters=form.filters(),
        language=(translation.get_language() or "fi")[:2],
        page=1,
        per_page=PRINT_LIMIT,
        with_facets=False,
    )
    return [service.public_id for service in result.items]


def volunteer_tasks_search(
    filters: Mapping[str, Any], *, page: int = 1, per_page: int = 25
) -> tuple[list[VolunteerTask], int]:
    """One page of visible, open volunteer tasks by municipality, remote and text; and the
    total. The search engine ranks the text; without text the newest come first."""

    municipality: Municipality | None = filters.get("municipality")
    result = search_volunteer_tasks(
        q=(filters.get("q") or "").strip(),
        municipality=municipality.code if municipality is not None else None,
        remote=True if filters.get("remote") else None,
        language=(translation.get_language() or "fi")[:2],
        page=page,
        per_page=per_page,
    )
    return result.items, result.total


def terms_by_taxonomy(codes: Iterable[str]) -> list[tuple[Taxonomy, list[TaxonomyTerm]]]:
    """Terms of the taxonomies, grouped, in the given taxonomy order."""
    codes = list(codes)
    taxonomies = {t.code: t for t in Taxonomy.objects.filter(code__in=codes)}
    grouped: dict[str, list[TaxonomyTerm]] = {code: [] for code in codes}
    for term in (
        TaxonomyTerm.objects.filter(taxonomy__code__in=codes)
        .select_related("taxonomy")
        .order_by("taxonomy__code", "code")
    ):
        grouped[term.taxonomy.code].append(term)
    return [(taxonomies[code], grouped[code]) for code in codes if code in taxonomies]
