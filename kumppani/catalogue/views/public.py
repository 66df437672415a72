"""Public catalogue pages: an activity, a volunteer task, the task list and the printable list."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kumppani.core.access import public
from kumppani.core.documents import pdf_response, render_pdf
from kumppani.core.htmx import render_fragment_or_page
from kumppani.core.languages import current_language, language_name
from kumppani.core.parameters import page_number

from .. import access, selectors
from ..accessibility import accessibility_report
from ..forms import (
    PrintForm,
    TaskFilterForm,
)
from ..models import Service
from ..schedules import service_occurrences
from ..taxonomy_data import ACTIVITY_TYPES, PTV_TARGET_GROUPS, THEMES
from .steps import PAGE_SIZE, query_without_page


def next_occurrences(service: Service, count: int = 5) -> list[tuple[datetime, datetime | None]]:
    """The next start (and end) times over all the service's schedules, holidays left out."""
    return [(start, end) for start, end, _schedule in service_occurrences(service, count=count)]


def _service_context(service: Service) -> dict[str, Any]:
    terms = list(service.terms.all())
    by_taxonomy = {
        code: [term for term in terms if term.taxonomy.code == code]
        for code in (ACTIVITY_TYPES, THEMES, PTV_TARGET_GROUPS)
    }
    return {
        "service": service,
        "activity_types": by_taxonomy[ACTIVITY_TYPES],
        "themes": by_taxonomy[THEMES],
        "target_groups": by_taxonomy[PTV_TARGET_GROUPS],
        "occurrences": next_occurrences(service),
        "languages": [language_name(lang.code) for lang in service.languages.all()],
        "locations": [link.location for link in service.service_locations.all()],
        "accessibility": accessibility_report(service),
    }


@public
@require_GET
def service_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=False)
    context = _service_context(service)
    context.update(
        can_edit=access.can_edit_service(request.user, service),
        can_moderate=access.can_moderate(request.user, service),
    )
    return render(request, "catalogue/service_detail.html", context)


def _printable_items(request: HttpRequest) -> list[dict[str, Any]]:
    """The chosen services (``?ids=``, or the results of a search query string) with what a
    printed list shows of each."""
    form = PrintForm(request.GET)
    form.is_valid()
    ids = form.cleaned_data.get("ids") or []
    if not ids:
        ids = selectors.service_ids_for_search_query(request.GET)
    return [
        {**_service_context(service), "occurrences": next_occurrences(service, 3)}
        for service in selectors.services_for_print(ids)
    ]


@public
@require_GET
def printable(request: HttpRequest) -> HttpResponse:
    """A clean list a professional prints and hands to a client."""
    context = {
        "items": _printable_items(request),
        "printed_at": timezone.now(),
        "pdf_query": request.GET.urlencode(),
    }
    return render(request, "catalogue/printable.html", context)


@public
@require_GET
def printable_pdf(request: HttpRequest) -> HttpResponse:
    """The printable list as a tagged PDF in the page's language."""
    context = {"items": _printable_items(request), "printed_at": timezone.now()}
    pdf = render_pdf("catalogue/printable_pdf.html", context, language=current_language())
    return pdf_response(pdf, filename="activities.pdf")


@public
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    form = TaskFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = _search_page(filters, request.GET.get("page"))
    return render_fragment_or_page(
        request,
        "catalogue/task_list.html",
        "catalogue/includes/task_results.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


def _search_page(filters: dict[str, Any], number: Any) -> Page:
    """A Paginator page whose items the search engine fetched for that page only."""
    wanted = page_number(number)
    items, total = selectors.volunteer_tasks_search(filters, page=wanted, per_page=PAGE_SIZE)
    page = Paginator(range(total), PAGE_SIZE).get_page(wanted)
    if page.number != wanted:  # past the last page: show the last one
        items, _total = selectors.volunteer_tasks_search(
            filters, page=page.number, per_page=PAGE_SIZE
        )
    page.object_list = items  # type: ignore[assignment]
    return page


@public
@require_GET
def task_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    task = access.task_for_user(request.user, public_id, for_edit=False)
    return render(
        request,
        "catalogue/task_detail.html",
        {
            "task": task,
            "can_edit": access.can_edit_service(request.user, task),
            "can_moderate": access.can_moderate(request.user, task),
        },
    )
