"""Open Referral HSDS 3.0 read API under /api/hsds/.

Public, read-only, only published services that no coordinator has hidden, and the open
volunteer tasks (our profile extension). A contact person appears by role, and by name only
when they have agreed to be shown publicly (`contacts.public_contact`): everything served is
public, so reads are not audited. See docs/hsds-profile.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from kumppani.catalogue.models import Service, ServiceLocation, VolunteerTask
from kumppani.core.access import public
from kumppani.core.api import error_responses, install_error_handlers

from . import params, selectors, serializers
from .validation import HSDS_VERSION

hsds_api = NinjaAPI(
    title="Kumppani HSDS API",
    version="3.0",
    description="Open Referral HSDS 3.0 read API of the Kumppani service catalogue.",
    urls_namespace="api-hsds",
    docs_url="/docs",
)

Json = dict[str, Any]


@hsds_api.exception_handler(params.BadRequest)
def bad_request(request: HttpRequest, exc: params.BadRequest) -> HttpResponse:
    return hsds_api.create_response(request, {"detail": str(exc)}, status=400)


install_error_handlers(hsds_api)


def name_matches(search: str) -> Q:
    """Match the text in the name in any of our languages."""
    condition = Q()
    for code in ("fi", "sv", "en"):
        condition |= Q(**{f"name_{code}__icontains": search})
    return condition


@hsds_api.get("/", url_name="hsds_root", openapi_extra=error_responses(400))
@public
def root(request: HttpRequest) -> Json:
    return {
        "version": HSDS_VERSION,
        "profile": request.build_absolute_uri(reverse("api-hsds:hsds_profile")),
        "openapi_url": request.build_absolute_uri(reverse("api-hsds:openapi-json")),
    }


@hsds_api.get("/profile", url_name="hsds_profile", openapi_extra=error_responses(400, 404))
@public
def profile(request: HttpRequest) -> HttpResponse:
    """Serve docs/hsds-profile.md, the description of our HSDS profile."""
    path = settings.BASE_DIR / "docs" / "hsds-profile.md"
    if not path.exists():
        raise Http404
    return HttpResponse(
        path.read_text(encoding="utf-8"), content_type="text/markdown; charset=utf-8"
    )


# Services --------------------------------------------------------------------------------------


def filtered_services(request: HttpRequest) -> QuerySet[Service]:
    return selectors.filter_services(
        selectors.visible_services(),
        taxonomy_term_id=params.uuid_param(request, "taxonomy_term_id"),
        taxonomy_id=params.uuid_param(request, "taxonomy_id"),
        organization_id=params.uuid_param(request, "organization_id"),
        municipality=params.municipality_param(request),
        modified_after=params.datetime_param(request, "modified_after"),
    )


@hsds_api.get("/services", openapi_extra=error_responses(400))
@public
def services(request: HttpRequest) -> Json:
    lang = params.language(request)
    paging = params.paging(request)
    params.format_param(request)
    full = params.bool_param(request, "full")
    minimal = params.bool_param(request, "minimal")
    search = params.text_param(request, "search")
    queryset = filtered_services(request)
    if search:
        ranked = selectors.rank_services(search, services=queryset, language=lang)
        total = len(ranked)
        page_ids = ranked[paging.offset : paging.offset + paging.per_page]
        rows = selectors.visible_services().filter(pk__in=page_ids)
    else:
        total = queryset.count()
        rows = queryset.order_by("pk")[paging.offset : paging.offset + paging.per_page]
        page_ids = []
    rows = selectors.with_full_relations(rows) if full else selectors.with_list_relations(rows)
    page = list(rows)
    if search:
        position = {pk: index for index, pk in enumerate(page_ids)}
        page.sort(key=lambda svc: position[svc.pk])
    with translation.override(lang):
        if minimal:
            contents = [minimal_service(svc) for svc in page]
        else:
            contents = [serializers.service(svc, full=full) for svc in page]
    return paging.wrap(total, contents)


def minimal_service(svc: Service) -> Json:
    return {
        "id": str(svc.public_id),
        "name": serializers.text(svc, "name"),
        "status": "active",
        "last_modified": svc.updated_at.isoformat(),
    }


@hsds_api.get("/services/{id}", openapi_extra=error_responses(400, 404))
@public
def service_detail(request: HttpRequest, id: str) -> Json:
    lang = params.language(request)
    public_id = params.uuid_value(id, "id")
    svc = (
        selectors.with_full_relations(selectors.visible_services())
        .filter(public_id=public_id)
        .first()
    )
    if svc is None:
        raise Http404
    with translation.override(lang):
        return serializers.service(svc, full=True)


# Organisations ---------------------------------------------------------------------------------


@hsds_api.get("/organizations", openapi_extra=error_responses(400))
@public
def organizations(request: HttpRequest) -> Json:
    lang = params.language(request)
    paging = params.paging(request)
    params.format_param(request)
    full = params.bool_param(request, "full")
    params.bool_param(request, "full_service")  # validated; services are listed on the detail
    search = params.text_param(request, "search")
    queryset = selectors.visible_organisations()
    if search:
        queryset = queryset.filter(name_matches(search))
    total, page = paging.rows(queryset)
    with translation.override(lang):
        contents = [serializers.organization(org, full=full) for org in page]
    return paging.wrap(total, contents)


@hsds_api.get("/organizations/{id}", openapi_extra=error_responses(400, 404))
@public
def organization_detail(request: HttpRequest, id: str) -> Json:
    lang = params.language(request)
    public_id = params.uuid_value(id, "id")
    full_service = params.bool_param(request, "full_service")
    org = selectors.visible_organisations().filter(public_id=public_id).first()
    if org is None:
        raise Http404
    org_services = selectors.visible_services().filter(organisation=org).order_by("pk")
    if full_service:
        org_services = selectors.with_full_relations(org_services)
    else:
        org_services = selectors.with_list_relations(org_services)
    with translation.override(lang):
        data = serializers.organization(org, full=True)
        data["services"] = [serializers.service(svc, full=full_service) for svc in org_services]
    return data


# Taxonomies ------------------------------------------------------------------------------------


@hsds_api.get("/taxonomies", openapi_extra=error_responses(400))
@public
def taxonomies(request: HttpRequest) -> Json:
    lang = params.language(request)
    paging = params.paging(request)
    params.format_param(request)
    search = params.text_param(request, "search")
    queryset = selectors.taxonomies()
    if search:
        queryset = queryset.filter(Q(code__icontains=search) | name_matches(search))
    total, page = paging.rows(queryset)
    with translation.override(lang):
        return paging.wrap(total, [serializers.taxonomy(tax) for tax in page])


@hsds_api.get("/taxonomies/{id}", openapi_extra=error_responses(400, 404))
@public
def taxonomy_detail(request: HttpRequest, id: str) -> Json:
    lang = params.language(request)
    tax = selectors.taxonomies().filter(public_id=params.uuid_value(id, "id")).first()
    if tax is None:
        raise Http404
    with translation.override(lang):
        return serializers.taxonomy(tax)


@hsds_api.get("/taxonomy_terms", openapi_extra=error_responses(400))
@public
def taxonomy_terms(request: HttpRequest) -> Json:
    lang = params.language(request)
    paging = params.paging(request)
    params.format_param(request)
    search = params.text_param(request, "search")
    taxonomy_id = params.uuid_param(request, "taxonomy_id")
    parent_id = params.uuid_param(request, "parent_id")
    top_only = params.bool_param(request, "top_only")
    queryset = selectors.taxonomy_terms()
    if search:
        queryset = queryset.filter(Q(code__icontains=search) | name_matches(search))
    if taxonomy_id:
        queryset = queryset.filter(taxonomy__public_id=taxonomy_id)
    if parent_id:
        queryset = queryset.filter(parent__public_id=parent_id)
    if top_only:
        queryset = queryset.filter(parent__isnull=True)
    total, page = paging.rows(queryset)
    with translation.override(lang):
        return paging.wrap(total, [serializers.taxonomy_term(term) for term in page])


@hsds_api.get("/taxonomy_terms/{id}", openapi_extra=error_responses(400, 404))
@public
def taxonomy_term_detail(request: HttpRequest, id: str) -> Json:
    lang = params.language(request)
    term = selectors.taxonomy_terms().filter(public_id=params.uuid_value(id, "id")).first()
    if term is None:
        raise Http404
    with translation.override(lang):
        return serializers.taxonomy_term(term)


# Services at locations -------------------------------------------------------------------------


@hsds_api.get("/service_at_locations", openapi_extra=error_responses(400))
@public
def service_at_locations(request: HttpRequest) -> Json:
    lang = params.language(request)
    paging = params.paging(request)
    params.format_param(request)
    params.bool_param(request, "full")  # items always carry their location and service
    search = params.text_param(request, "search")
    postcode = params.text_param(request, "postcode", max_length=10)
    if request.GET.get("proximity"):
        raise params.BadRequest(_("'proximity' is not supported; filter by 'municipality'."))
    service_qs = filtered_services(request)
    queryset = selectors.visible_service_locations().filter(service__in=service_qs.values("pk"))
    if postcode:
        queryset = queryset.filter(location__postal_code=postcode)
    if search:
        ranked = selectors.rank_services(search, services=service_qs, language=lang)
        position = {pk: index for index, pk in enumerate(ranked)}
        pairs = queryset.filter(service__in=ranked).values_list("pk", "service_id")
        ordered = sorted(pairs, key=lambda pair: (position[pair[1]], pair[0]))
        total = len(ordered)
        page_ids = [pk for pk, _service in ordered[paging.offset : paging.offset + paging.per_page]]
        by_pk = {sal.pk: sal for sal in queryset.filter(pk__in=page_ids)}
        page: list[ServiceLocation] = [by_pk[pk] for pk in page_ids]
    else:
        total, page = paging.rows(queryset)
    with translation.override(lang):
        contents = [serializers.service_at_location(sal, with_service=True) for sal in page]
    return paging.wrap(total, contents)


@hsds_api.get("/service_at_locations/{id}", openapi_extra=error_responses(400, 404))
@public
def service_at_location_detail(request: HttpRequest, id: str) -> Json:
    lang = params.language(request)
    public_id = params.uuid_value(id, "id")
    sal = selectors.visible_service_locations().filter(public_id=public_id).first()
    if sal is None:
        raise Http404
    with translation.override(lang):
        return serializers.service_at_location(sal, with_service=True)


# Volunteer tasks (our profile extension) -------------------------------------------------------


@hsds_api.get("/volunteer_tasks", openapi_extra=error_responses(400))
@public
def volunteer_tasks(request: HttpRequest) -> Json:
    lang = params.language(request)
    paging = params.paging(request)
    params.format_param(request)
    search = params.text_param(request, "search")
    municipality = params.municipality_param(request)
    queryset = selectors.filter_volunteer_tasks(
        selectors.visible_volunteer_tasks(),
        organization_id=params.uuid_param(request, "organization_id"),
        municipality=municipality,
        modified_after=params.datetime_param(request, "modified_after"),
    )
    if search:
        ranked = selectors.rank_volunteer_tasks(search, tasks=queryset, language=lang)
        total = len(ranked)
        page_ids = ranked[paging.offset : paging.offset + paging.per_page]
        rows = selectors.with_task_relations(queryset.filter(pk__in=page_ids))
        by_pk = {task.pk: task for task in rows}
        page: list[VolunteerTask] = [by_pk[pk] for pk in page_ids if pk in by_pk]
    else:
        total, page = paging.rows(selectors.with_task_relations(queryset).order_by("pk"))
    with translation.override(lang):
        return paging.wrap(total, [serializers.volunteer_task(task) for task in page])


@hsds_api.get("/volunteer_tasks/{id}", openapi_extra=error_responses(400, 404))
@public
def volunteer_task_detail(request: HttpRequest, id: str) -> Json:
    lang = params.language(request)
    public_id = params.uuid_value(id, "id")
    task = (
        selectors.with_task_relations(selectors.visible_volunteer_tasks())
        .filter(public_id=public_id)
        .first()
    )
    if task is None:
        raise Http404
    with translation.override(lang):
        return serializers.volunteer_task(task)
