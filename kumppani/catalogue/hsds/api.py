"""Open Referral HSDS 3.0 read API under /api/hsds/.

Public, read-only, only published services that no coordinator has hidden, and the open
volunteer tasks (our profile extension). A contact person appears by role, and by name only
when they have agreed to be shown publicly (`contacts.public_contact`): everything served is
public, so reads are not audited. See docs/hsds-profile.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, cast

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from kumppani.catalogue.models import Service, ServiceLocation, VolunteerTask
from kumppani.catalogue.search.relevance import Judged, match_quality
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


def _one(request: HttpRequest, id: str, queryset: QuerySet[Any], serialize: Any) -> Json:
    """The visible object with this id, in the reader's language; 404 when there is none."""
    lang = params.language(request)
    found = queryset.filter(public_id=params.uuid_value(id, "id")).first()
    if found is None:
        raise Http404
    with translation.override(lang):
        return cast(Json, serialize(found))


def _list_request(request: HttpRequest) -> tuple[str, params.Paging]:
    """What every list reads first: the language, the page and the (only) format."""
    lang = params.language(request)
    paging = params.paging(request)
    params.format_param(request)
    return lang, paging


def _page_of(
    lang: str, paging: params.Paging, total: int, page: Iterable[Any], serialize: Any
) -> Json:
    """One page of a list, each item serialized in the reader's language."""
    with translation.override(lang):
        return paging.wrap(total, [serialize(item) for item in page])


def _ranked_page(ranked: list[int], paging: params.Paging, rows: QuerySet[Any]) -> list[Any]:
    """The page's objects in the ranking's order (`rows` holds at least the page's ids)."""
    page_ids = ranked[paging.offset : paging.offset + paging.per_page]
    by_pk = {row.pk: row for row in rows.filter(pk__in=page_ids)}
    return [by_pk[pk] for pk in page_ids if pk in by_pk]


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
        times=params.time_params(request),
    )


@hsds_api.get("/services", openapi_extra=error_responses(400))
@public
def services(request: HttpRequest) -> Json:
    lang, paging = _list_request(request)
    full = params.bool_param(request, "full")
    minimal = params.bool_param(request, "minimal")
    search = params.text_param(request, "search")
    queryset = filtered_services(request)
    related = selectors.with_full_relations if full else selectors.with_list_relations
    page: list[Service]
    judged = None
    if search:
        judged = selectors.judge_services(search, services=queryset, language=lang)
        total = len(judged.matches)
        page = _ranked_page(judged.matches, paging, related(selectors.visible_services()))
    else:
        total = queryset.count()
        window = queryset.order_by("pk")[paging.offset : paging.offset + paging.per_page]
        page = list(related(window))
    serialize = minimal_service if minimal else partial(serializers.service, full=full)
    body = _page_of(lang, paging, total, page, serialize)
    if judged is not None:
        for item in body["contents"]:
            item["x_match"] = "match"
        body.update(_search_extras(lang, paging, judged, serialize, related))
    return body


def _search_extras(
    lang: str, paging: params.Paging, judged: Judged, serialize: Any, related: Any
) -> Json:
    """What a search adds to the page (docs/hsds-profile.md): each match flagged, the related
    services apart (on the first page, or when the matches are past), the corrected query."""
    show_related = paging.page == 1 or paging.offset >= len(judged.matches)
    others = (
        _ranked_page(
            judged.related,
            params.Paging(1, max(1, len(judged.related))),
            related(selectors.visible_services()),
        )
        if show_related and judged.related
        else []
    )
    with translation.override(lang):
        other_contents = [{**serialize(s), "x_match": "related"} for s in others]
    return {
        "x_match_quality": match_quality(bool(judged.matches), bool(judged.related)),
        "x_did_you_mean": judged.did_you_mean or None,
        "x_related_contents": other_contents,
    }


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
    services = selectors.with_full_relations(selectors.visible_services())
    return _one(request, id, services, partial(serializers.service, full=True))


# Organisations ---------------------------------------------------------------------------------


@hsds_api.get("/organizations", openapi_extra=error_responses(400))
@public
def organizations(request: HttpRequest) -> Json:
    lang, paging = _list_request(request)
    full = params.bool_param(request, "full")
    params.bool_param(request, "full_service")  # validated; services are listed on the detail
    search = params.text_param(request, "search")
    queryset = selectors.visible_organisations()
    if search:
        queryset = queryset.filter(name_matches(search))
    total, page = paging.rows(queryset)
    return _page_of(lang, paging, total, page, partial(serializers.organization, full=full))


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


def _vocabulary_page(
    request: HttpRequest,
    queryset: QuerySet[Any],
    serialize: Any,
    narrow: Callable[[HttpRequest, QuerySet[Any]], QuerySet[Any]] = lambda request, rows: rows,
) -> Json:
    """A page of taxonomies or terms: those whose code or name has the `search` text, then
    those `narrow` leaves of them (it reads its own parameters)."""
    lang, paging = _list_request(request)
    search = params.text_param(request, "search")
    if search:
        queryset = queryset.filter(Q(code__icontains=search) | name_matches(search))
    total, page = paging.rows(narrow(request, queryset))
    return _page_of(lang, paging, total, page, serialize)


@hsds_api.get("/taxonomies", openapi_extra=error_responses(400))
@public
def taxonomies(request: HttpRequest) -> Json:
    return _vocabulary_page(request, selectors.taxonomies(), serializers.taxonomy)


@hsds_api.get("/taxonomies/{id}", openapi_extra=error_responses(400, 404))
@public
def taxonomy_detail(request: HttpRequest, id: str) -> Json:
    return _one(request, id, selectors.taxonomies(), serializers.taxonomy)


@hsds_api.get("/taxonomy_terms", openapi_extra=error_responses(400))
@public
def taxonomy_terms(request: HttpRequest) -> Json:
    return _vocabulary_page(
        request, selectors.taxonomy_terms(), serializers.taxonomy_term, narrow=_terms_asked_for
    )


def _terms_asked_for(request: HttpRequest, terms: QuerySet[Any]) -> QuerySet[Any]:
    """The terms of one taxonomy, or under one parent term, or at the top, when asked."""
    taxonomy_id = params.uuid_param(request, "taxonomy_id")
    parent_id = params.uuid_param(request, "parent_id")
    top_only = params.bool_param(request, "top_only")
    if taxonomy_id:
        terms = terms.filter(taxonomy__public_id=taxonomy_id)
    if parent_id:
        terms = terms.filter(parent__public_id=parent_id)
    if top_only:
        terms = terms.filter(parent__isnull=True)
    return terms


@hsds_api.get("/taxonomy_terms/{id}", openapi_extra=error_responses(400, 404))
@public
def taxonomy_term_detail(request: HttpRequest, id: str) -> Json:
    return _one(request, id, selectors.taxonomy_terms(), serializers.taxonomy_term)


# Services at locations -------------------------------------------------------------------------


@hsds_api.get("/service_at_locations", openapi_extra=error_responses(400))
@public
def service_at_locations(request: HttpRequest) -> Json:
    lang, paging = _list_request(request)
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
        page: list[ServiceLocation] = _ranked_page([pk for pk, _s in ordered], paging, queryset)
    else:
        total, page = paging.rows(queryset)
    serialize = partial(serializers.service_at_location, with_service=True)
    return _page_of(lang, paging, total, page, serialize)


@hsds_api.get("/service_at_locations/{id}", openapi_extra=error_responses(400, 404))
@public
def service_at_location_detail(request: HttpRequest, id: str) -> Json:
    serialize = partial(serializers.service_at_location, with_service=True)
    return _one(request, id, selectors.visible_service_locations(), serialize)


# Volunteer tasks (our profile extension) -------------------------------------------------------


@hsds_api.get("/volunteer_tasks", openapi_extra=error_responses(400))
@public
def volunteer_tasks(request: HttpRequest) -> Json:
    lang, paging = _list_request(request)
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
        page: list[VolunteerTask] = _ranked_page(
            ranked, paging, selectors.with_task_relations(queryset)
        )
    else:
        total, page = paging.rows(selectors.with_task_relations(queryset).order_by("pk"))
    return _page_of(lang, paging, total, page, serializers.volunteer_task)


@hsds_api.get("/volunteer_tasks/{id}", openapi_extra=error_responses(400, 404))
@public
def volunteer_task_detail(request: HttpRequest, id: str) -> Json:
    tasks = selectors.with_task_relations(selectors.visible_volunteer_tasks())
    return _one(request, id, tasks, serializers.volunteer_task)
