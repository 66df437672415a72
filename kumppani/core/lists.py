"""List pages: a filter form bound to the query string, a named ordering chosen from an
allow-list (``?sort=``), Django's Paginator, and the results region alone for htmx.

A list view reads::

    listing = lists.list_page(
        request,
        OrganisationFilterForm(request.GET),
        selectors.organisations_matching,
        sorts=SORTS,
    )
    return lists.render_list(
        request, listing, "organisations/list.html", "organisations/_results.html"
    )

Filters that do not validate show their errors and no results (never a silently
unfiltered list). A page number past the end shows the last page; one that is not a number
shows the first. Every response varies on ``HX-Request``, so a cache never serves the
fragment as the page or the page as the fragment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django import forms
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .actor import Actor
from .exports import CSV, FORMATS, Column, export_response
from .htmx import render_fragment_or_page

M = TypeVar("M", bound=models.Model)

PAGE_SIZE = 25

# Query-string parameters that are not filters.
PAGE = "page"
SORT = "sort"
FORMAT = "format"


@dataclass(frozen=True)
class Sort:
    """An ordering the reader may choose by name: its label and its ``order_by`` arguments.

    ``order_by`` may be a callable returning them, for an ordering that depends on the
    reader's language (``lambda: (Lower(name_in_language()), "id")``). End with a unique
    field so that pages never overlap.
    """

    label: str | Promise
    order_by: tuple[Any, ...] | Callable[[], tuple[Any, ...]]

    def apply(self, rows: models.QuerySet[M]) -> models.QuerySet[M]:
        fields = self.order_by() if callable(self.order_by) else self.order_by
        return rows.order_by(*fields)


@dataclass
class Listing(Generic[M]):
    """One list page: the bound form, every matching row in the chosen order (None when the
    filters do not validate) and the current page of them."""

    form: forms.Form
    rows: models.QuerySet[M] | None
    page: Page[M] | None
    sort: str = ""
    sorts: Mapping[str, Sort] = field(default_factory=dict)
    # The query string without the page number and file format, for page and export links.
    query: str = ""

    @property
    def sort_choices(self) -> list[tuple[str, str]]:
        return [(name, str(sort.label)) for name, sort in self.sorts.items()]

    def filter_values(self) -> dict[str, str]:
        """The filters as the reader gave them (the form's non-empty fields, and the sort
        when chosen), for an audit record."""
        values = {
            name: ", ".join(self.form.data.getlist(name))  # type: ignore[attr-defined]
            for name in self.form.fields
            if any(self.form.data.getlist(name))  # type: ignore[attr-defined]
        }
        if self.sort and self.form.data.get(SORT):
            values[SORT] = self.sort
        return values


def list_page(
    request: HttpRequest,
    form: forms.Form,
    rows: Callable[[Mapping[str, Any]], models.QuerySet[M]],
    *,
    sorts: Mapping[str, Sort] | None = None,
    page_size: int = PAGE_SIZE,
) -> Listing[M]:
    """Validate ``form`` (bound to ``request.GET``), get the matching rows from
    ``rows(cleaned_data)``, order them by ``?sort=`` (the first of ``sorts`` by default,
    and the order ``rows`` gives when there are no sorts) and take the requested page."""
    sorts = sorts or {}
    sort = request.GET.get(SORT, "")
    if sort not in sorts:
        sort = next(iter(sorts), "")
    query = request.GET.copy()
    for parameter in (PAGE, FORMAT):
        query.pop(parameter, None)
    listing: Listing[M] = Listing(
        form=form, rows=None, page=None, sort=sort, sorts=sorts, query=query.urlencode()
    )
    if not form.is_valid():
        return listing
    found = rows(form.cleaned_data)
    if sort:
        found = sorts[sort].apply(found)
    page = Paginator(found, page_size).get_page(request.GET.get(PAGE))
    # Read the page now, so that a view can audit what it shows before rendering it.
    page.object_list = list(page.object_list)
    listing.rows, listing.page = found, page
    return listing


def export_format(request: HttpRequest, listing: Listing[Any]) -> str | None:
    """The export's file format from ``?format=`` (CSV when not given). A format the
    exports do not write is an error on the form, and the listing then has no rows."""
    file_format = request.GET.get(FORMAT, CSV)
    if file_format not in FORMATS:
        listing.form.add_error(None, _("Choose CSV or Excel as the file format."))
        listing.rows = listing.page = None
    return file_format if listing.rows is not None else None


def render_list(
    request: HttpRequest,
    listing: Listing[Any],
    template: str,
    fragment_template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    """Render the full page, or only the results region for an htmx request; the context
    has ``listing``, ``form``, ``page`` and ``query`` besides ``context``."""
    full_context = {
        "listing": listing,
        "form": listing.form,
        "page": listing.page,
        "query": listing.query,
        **(context or {}),
    }
    return render_fragment_or_page(
        request, template, fragment_template, full_context, status=status
    )


def export_list(
    request: HttpRequest,
    listing: Listing[Any],
    templates: tuple[str, str],
    *,
    columns: list[Column[Any]],
    filename: str,
    title: str,
    action: str,
    county: Any = None,
    details: Mapping[str, Any] | None = None,
    context: Mapping[str, Any] | None = None,
) -> HttpResponseBase:
    """The list's export in the ``?format=`` asked for, audited as ``action`` with the
    filters; filters or a format that do not validate show the list page (``templates``:
    page and results fragment) with their errors and status 400."""
    file_format = export_format(request, listing)
    if file_format is None or listing.rows is None:
        return render_list(request, listing, *templates, context, status=400)
    return export_response(
        listing.rows,
        columns=columns,
        file_format=file_format,
        filename=filename,
        title=title,
        actor=Actor.from_request(request),
        action=action,
        county=county,
        filters=listing.filter_values(),
        details=details,
    )
