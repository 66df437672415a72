"""The catalogue's /api/v1 operations: services, volunteer tasks, taxonomy, facets.

Public data only: a contact person appears by role; their name, email and phone only once
their consent to be shown is recorded (`contacts.public_contact`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Router, Schema, Status

from kumppani.catalogue.contacts import public_contact
from kumppani.catalogue.models import (
    Location,
    Service,
    Taxonomy,
    TaxonomyTerm,
    TimeCommitment,
    VolunteerTask,
)
from kumppani.catalogue.places import place
from kumppani.catalogue.search.forms import SearchForm, TaskSearchForm, TermListForm
from kumppani.catalogue.search.listing import (
    card_language,
    card_texts,
    page_cards,
    service_facts,
)
from kumppani.catalogue.search.presenters import in_language
from kumppani.catalogue.search.query import (
    MAX_PER_PAGE,
    compute_facets,
    filter_conditions,
    parse_query,
    search_services,
    search_volunteer_tasks,
    service_page_queryset,
)
from kumppani.core.access import public
from kumppani.core.api import ErrorOut, requested_language

router = Router(tags=["catalogue"])

LANGS = ("fi", "sv", "en")


class SearchParams(Schema):
    """Query parameters of the service search (all optional; filters combine with AND)."""

    q: str = ""
    lang: str = ""
    municipality: str = ""
    nearby: str = ""
    county: str = ""
    online: str = ""
    activity_type: list[str] = []
    theme: list[str] = []
    target_group: list[str] = []
    language: str = ""
    cost: str = ""
    how_to_join: str = ""
    accessibility: list[str] = []
    when: str = ""
    date_from: str = ""
    date_to: str = ""
    weekday: list[str] = []
    page: str = ""
    per_page: str = ""
    facets: str = ""


class MunicipalityOut(Schema):
    code: str
    name: str


class TermOut(Schema):
    id: UUID
    code: str
    taxonomy: str
    name: str


class OrganisationRef(Schema):
    id: UUID
    name: str


class ServiceOut(Schema):
    id: UUID
    name: str
    name_language: str
    summary: str
    organisation: OrganisationRef
    municipalities: list[MunicipalityOut]
    counties: list[str]
    is_nationwide: bool
    is_online: bool
    is_free: bool
    how_to_join: str
    languages: list[str]
    terms: list[TermOut]
    accessibility: list[str]
    last_verified_at: datetime
    is_stale: bool


class LocationOut(Schema):
    id: UUID
    name: str
    address: str
    postal_code: str
    city: str
    municipality: str | None


class ContactOut(Schema):
    """The role always; the person's name, email and phone only with their consent."""

    title: str
    title_language: str
    name: str
    email: str
    phone: str


def _contact_out(entry: Service | VolunteerTask, language: str) -> dict[str, str]:
    contact = public_contact(entry, language)
    return {
        "title": contact.title.text,
        "title_language": contact.title.language,
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
    }


class ServiceDetailOut(ServiceOut):
    description: str
    easy_read_summary: str
    fee_description: str
    website: str
    free_places: int | None
    locations: list[LocationOut]
    contact: ContactOut


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    id: str | None = None


class ServiceListOut(Schema):
    count: int
    # False when a text search matched more than `count` services: they are counted up to
    # 1,000 ("1,000+"), the best ones ranked first.
    count_exact: bool = True
    page: int
    per_page: int
    items: list[ServiceOut]
    facets: dict[str, list[FacetValueOut]] | None = None
    # A text search: "matches", "related_only" (nothing matched well: only `related`) or
    # "none"; the related services shown apart from the matches (on the first page); the
    # query with corrected words.
    match_quality: str | None = None
    related: list[ServiceOut] = []
    did_you_mean: str | None = None
    # `nearby=true` with a municipality: the items from a nearby municipality (they come
    # after the municipality's own), each id with the code of the municipality it is in.
    nearby: dict[str, str] | None = None


class TaskOut(Schema):
    id: UUID
    title: str
    title_language: str
    description: str
    organisation: OrganisationRef
    municipality: MunicipalityOut | None
    is_remote: bool
    how_often: str | None = Field(
        None, description="once, occasionally, monthly, weekly or flexible; null when not told"
    )
    how_often_text: str = Field("", description="how_often in the requested language")
    time_commitment: str
    starts_on: Any = None
    ends_on: Any = None
    contact: ContactOut


class TaskListOut(Schema):
    count: int
    page: int
    per_page: int
    items: list[TaskOut]


class TaxonomyOut(Schema):
    id: UUID
    code: str
    name: str
    description: str
    uri: str
    version: str


class TaxonomyTermOut(Schema):
    id: UUID
    code: str
    taxonomy: str
    name: str
    parent_id: UUID | None
    uri: str


class TaxonomyTermListOut(Schema):
    count: int
    page: int
    per_page: int
    items: list[TaxonomyTermOut]


def _language(request: HttpRequest) -> str:
    """The content language asked for (`lang`, else Accept-Language); 400 for an unknown
    `lang`."""
    return requested_language(request)


def _service_out(s: Service, language: str, *, detail: bool = False) -> dict[str, Any]:
    name = in_language(s, "name", language)
    out: dict[str, Any] = {
        "id": s.public_id,
        "name": name.text,
        "name_language": name.language,
        "summary": in_language(s, "summary", language).text,
        "organisation": {
            "id": s.organisation.public_id,
            "name": in_language(s.organisation, "name", language).text,
        },
        "municipalities": [
            {"code": m.code, "name": in_language(m, "name", language).text}
            for m in sorted(s.municipalities.all(), key=lambda m: m.code)
        ],
        **service_facts(s),
        "terms": [
            {
                "id": t.public_id,
                "code": t.code,
                "taxonomy": t.taxonomy.code,
                "name": in_language(t, "name", language).text,
            }
            for t in s.terms.all()
        ],
        "last_verified_at": s.last_verified_at,
        "is_stale": s.is_stale,
    }
    if detail:
        out.update(
            description=in_language(s, "description", language).text,
            easy_read_summary=in_language(s, "easy_read_summary", language).text,
            fee_description=in_language(s, "fee_description", language).text,
            website=s.website,
            free_places=s.free_places,
            contact=_contact_out(s, language),
            locations=[_location_out(sl.location, language) for sl in s.service_locations.all()],
        )
    return out


def _choice_label(label: Any, language: str) -> str:
    with translation.override(language):
        return str(label)


def _location_out(location: Location, language: str) -> dict[str, Any]:
    where = place(location, language)
    return {
        "id": location.public_id,
        "name": in_language(location, "name", language).text,
        "address": where.street,
        "postal_code": where.postal_code,
        "city": where.city,
        "municipality": location.municipality.code if location.municipality else None,
    }


def _bad_request(form: Any) -> Status[dict[str, Any]]:
    return Status(
        400,
        {
            "detail": form.error_message(),
            "errors": {k: [str(e) for e in v] for k, v in form.errors.items()},
        },
    )


def _form(request: HttpRequest) -> SearchForm:
    return SearchForm(request.GET)


def documented_query(schema: type[Schema]) -> dict[str, Any]:
    """Return ``openapi_extra`` that lists ``schema``'s fields as the query parameters.

    The search operations validate their query string with the Django form of the search
    page (one set of rules and translated messages), so the schema only documents it, as
    ``Query[schema]`` would, without parsing each request a second time.
    """
    properties = schema.model_json_schema()["properties"]
    return {
        "parameters": [
            {"in": "query", "name": name, "schema": spec, "required": False}
            for name, spec in properties.items()
        ]
    }


def _param(request: HttpRequest, name: str) -> str:
    return request.GET.get(name, "")


@router.get(
    "/services",
    response={200: ServiceListOut, 400: ErrorOut},
    summary="Search services",
    openapi_extra=documented_query(SearchParams),
)
@public
def list_services(request: HttpRequest) -> Any:
    """Published services matching the text `q` and the filters, best first.

    Without `q`: fresh services first, then by name. Filters: `municipality` (3-digit code;
    includes county-wide and nationwide services), `nearby=true` (with `municipality`: the
    services of the nearby municipalities too, after its own; `nearby` in the response says
    where each of them is; ignored without `municipality`), `county`, `online`, `activity_type`,
    `theme`, `target_group` (codes or ids; repeat for several), `language`, `cost`
    (free/fee), `how_to_join`, `accessibility` (repeatable), `when` (today, this_week or
    dates), `date_from` and `date_to` (YYYY-MM-DD, at most a year apart), `weekday` (mon..sun,
    repeatable): the activity happens then (public holidays left out where its schedule
    says so). `facets=true` adds counts.
    An invalid value is answered with 400 and a message naming it.
    """
    form = _form(request)
    if not form.is_valid():
        return _bad_request(form)
    language = _language(request)
    filters = form.filters()
    result = search_services(
        q=form.cleaned_data["q"] or "",
        filters=filters,
        language=language,
        page=form.cleaned_data["page"] or 1,
        per_page=form.cleaned_data["per_page"] or 20,
        with_facets=_param(request, "facets").lower() in ("true", "1", "yes"),
        load_items=False,
        cards=card_language(language),
    )
    head: dict[str, Any] = {
        "count": result.total,
        "count_exact": result.total_exact,
        "page": result.page,
        "per_page": result.per_page,
        "facets": result.facets or None,
    }
    if filters.nearby:
        head["nearby"] = {str(n.public_id): n.municipality for n in result.nearby.values()}
    related = ""
    if form.cleaned_data["q"]:
        head["match_quality"] = result.match_quality
        head["did_you_mean"] = result.did_you_mean or None
        related = ",".join(card_texts(result.related_ids, language))
    # The items are ready-made JSON (listing.page_cards builds exactly the ServiceOut shape;
    # test_api checks the response against the OpenAPI schema): decoding and re-validating 20
    # nested items through pydantic cost more than the ranking.
    body = json.dumps(head, cls=DjangoJSONEncoder, separators=(",", ":"))
    items = ",".join(page_cards(result, language))
    return HttpResponse(
        f'{body[:-1]},"related":[{related}],"items":[{items}]}}', content_type="application/json"
    )


@router.get(
    "/services/{public_id}",
    response={200: ServiceDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="One service",
)
@public
def get_service(request: HttpRequest, public_id: UUID, lang: str = "") -> Any:
    """A published service by id; 404 when it does not exist or is not public."""
    language = _language(request)
    services = service_page_queryset().prefetch_related("service_locations__location__municipality")
    service = get_object_or_404(services.visible(), public_id=public_id)
    return _service_out(service, language, detail=True)


@router.get(
    "/facets",
    response={200: dict[str, list[FacetValueOut]], 400: ErrorOut},
    summary="Facet counts of a search",
    openapi_extra=documented_query(SearchParams),
)
@public
def facets(request: HttpRequest) -> Any:
    """Counts per filter value over the text query and the other filters."""
    form = _form(request)
    if not form.is_valid():
        return _bad_request(form)
    language = _language(request)
    parsed = parse_query(form.cleaned_data["q"] or "", language=language)
    return compute_facets(parsed, filter_conditions(form.filters()), language)


class TaskParams(Schema):
    q: str = ""
    lang: str = ""
    municipality: str = ""
    remote: str = ""
    page: str = ""
    per_page: str = ""


@router.get(
    "/volunteer-tasks",
    response={200: TaskListOut, 400: ErrorOut},
    summary="Search volunteer tasks",
    openapi_extra=documented_query(TaskParams),
)
@public
def list_volunteer_tasks(request: HttpRequest) -> Any:
    """Published, open volunteer tasks matching `q`, in a municipality (or remote)."""

    form = TaskSearchForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    language = _language(request)
    result = search_volunteer_tasks(
        q=form.cleaned_data["q"] or "",
        municipality=form.cleaned_data["municipality"] or None,
        remote=form.cleaned_data["remote"],
        language=language,
        page=form.cleaned_data["page"] or 1,
        per_page=form.cleaned_data["per_page"] or 20,
    )
    return {
        "count": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "items": [_task_out(t, language) for t in result.items],
    }


def _task_out(t: VolunteerTask, language: str) -> dict[str, Any]:
    title = in_language(t, "title", language)
    m = t.municipality
    return {
        "id": t.public_id,
        "title": title.text,
        "title_language": title.language,
        "description": in_language(t, "description", language).text,
        "organisation": {
            "id": t.organisation.public_id,
            "name": in_language(t.organisation, "name", language).text,
        },
        "municipality": {"code": m.code, "name": in_language(m, "name", language).text}
        if m
        else None,
        "is_remote": t.is_remote,
        "how_often": t.frequency or None,
        "how_often_text": (
            _choice_label(TimeCommitment(t.frequency).label, language) if t.frequency else ""
        ),
        "time_commitment": in_language(t, "time_commitment", language).text,
        "starts_on": t.starts_on,
        "ends_on": t.ends_on,
        "contact": _contact_out(t, language),
    }


@router.get(
    "/volunteer-tasks/{public_id}",
    response={200: TaskOut, 400: ErrorOut, 404: ErrorOut},
    summary="One volunteer task",
)
@public
def get_volunteer_task(request: HttpRequest, public_id: UUID, lang: str = "") -> Any:
    """A published volunteer task by id; 404 when it does not exist or is not public."""
    language = _language(request)
    tasks = VolunteerTask.objects.select_related("organisation", "municipality")
    return _task_out(get_object_or_404(tasks.visible(), public_id=public_id), language)


@router.get(
    "/taxonomies",
    response={200: list[TaxonomyOut], 400: ErrorOut},
    summary="Taxonomies",
)
@public
def list_taxonomies(request: HttpRequest, lang: str = "") -> Any:
    """The vocabularies: activity types, themes, PTV target groups and service classes."""
    language = _language(request)
    return [
        {
            "id": t.public_id,
            "code": t.code,
            "name": in_language(t, "name", language).text,
            "description": in_language(t, "description", language).text,
            "uri": t.uri,
            "version": t.version,
        }
        for t in Taxonomy.objects.order_by("code")
    ]


@router.get(
    "/taxonomy-terms",
    response={200: TaxonomyTermListOut, 400: ErrorOut},
    summary="Taxonomy terms",
)
@public
def list_taxonomy_terms(
    request: HttpRequest, taxonomy: str = "", lang: str = "", page: str = "", per_page: str = ""
) -> Any:
    """Terms of every taxonomy, or of one (`taxonomy` = its code), by code; paged."""

    form = TermListForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    language = _language(request)
    qs = TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by(
        "taxonomy__code", "code"
    )
    if form.cleaned_data["taxonomy"]:
        qs = qs.filter(taxonomy__code=form.cleaned_data["taxonomy"])
    size = form.cleaned_data["per_page"] or 100
    number = form.cleaned_data["page"] or 1
    total = qs.count()
    rows = qs[(number - 1) * size : number * size]
    return {
        "count": total,
        "page": number,
        "per_page": size,
        "items": [
            {
                "id": t.public_id,
                "code": t.code,
                "taxonomy": t.taxonomy.code,
                "name": in_language(t, "name", language).text,
                "parent_id": t.parent.public_id if t.parent else None,
                "uri": t.uri or "",
            }
            for t in rows
        ],
    }


__all__ = ["MAX_PER_PAGE", "router"]
