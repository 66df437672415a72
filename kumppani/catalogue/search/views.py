"""The catalogue search page: a GET form that works without JavaScript, enhanced by htmx."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kumppani.catalogue.models import Service
from kumppani.catalogue.search.forms import (
    SearchForm,
    accessibility_choices,
    municipality_choices,
)
from kumppani.catalogue.search.presenters import Text, in_language
from kumppani.catalogue.search.query import SearchResult, search_services
from kumppani.core.access import public

PAGE_SIZE = 20


@dataclass
class ResultPage:
    """The bits of a Django Page that includes/pagination.html uses, for a ranked result."""

    number: int
    total: int
    per_page: int

    @property
    def paginator(self) -> ResultPage:
        return self

    @property
    def count(self) -> int:
        return self.total

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@dataclass
class ResultRow:
    service: Service
    name: Text
    summary: Text
    organisation: str
    municipalities: list[str]
    activity_types: list[str]
    detail_url: str


def _url(name: str, *args: Any) -> str:
    # The detail and printable pages belong to the catalogue pages; link only when they exist.
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _rows(result: SearchResult, language: str) -> list[ResultRow]:
    rows = []
    for s in result.items:
        rows.append(
            ResultRow(
                service=s,
                name=in_language(s, "name", language),
                summary=in_language(s, "summary", language),
                organisation=in_language(s.organisation, "name", language).text,
                municipalities=[
                    in_language(m, "name", language).text for m in s.municipalities.all()
                ],
                activity_types=[
                    in_language(t, "name", language).text
                    for t in s.terms.all()
                    if t.taxonomy.code == "activity-types"
                ],
                detail_url=_url("catalogue:service_detail", s.public_id),
            )
        )
    return rows


def _with_counts(form: SearchForm, facets: dict[str, list[dict[str, Any]]]) -> None:
    """Show the facet counts in the filter choices (values with no results are left out)."""
    counts = {f["value"]: f["count"] for f in facets.get("municipality", [])}
    field = form.fields["municipality"]
    assert isinstance(field, forms.ChoiceField)
    field.choices = [
        ("", _("Any municipality")),
        *[
            (group, [(c, f"{label} ({counts[c]})" if c in counts else label) for c, label in opts])
            for group, opts in municipality_choices()
        ],
    ]
    for name in ("activity_type", "theme", "target_group"):
        choices = [(f["value"], f"{f['label']} ({f['count']})") for f in facets.get(name, [])]
        shown = {c[0] for c in choices}
        # A ticked value with no results stays visible, so that it can be unticked.
        selected = form.data.getlist(name) if hasattr(form.data, "getlist") else []
        choices += [(v, v) for v in sorted(set(selected)) if v not in shown]
        form.fields[name].widget = forms.CheckboxSelectMultiple(choices=choices)
    language_choices = [("", _("Any language"))] + [
        (f["value"], f"{f['label']} ({f['count']})") for f in facets.get("language", [])
    ]
    form.fields["language"].widget = forms.Select(choices=language_choices)
    scalar = {
        (name, f["value"]): f["count"]
        for name in ("cost", "how_to_join", "online", "accessibility")
        for f in facets.get(name, [])
    }
    for name in ("cost", "how_to_join"):
        field = form.fields[name]
        assert isinstance(field, forms.ChoiceField)
        current: list[tuple[str, Any]] = list(field.choices)  # type: ignore[arg-type]
        field.choices = [
            (v, f"{label} ({scalar[(name, v)]})" if (name, v) in scalar else label)
            for v, label in current
        ]
    accessibility = form.fields["accessibility"]
    assert isinstance(accessibility, forms.MultipleChoiceField)
    accessibility.choices = [
        (v, f"{label} ({scalar.get(('accessibility', v), 0)})")
        for v, label in accessibility_choices()
    ]
    online = scalar.get(("online", "true"))
    if online is not None:
        form.fields["online"].label = _("Online only (%(count)d)") % {"count": online}


def _error_sentences(form: SearchForm) -> list[str]:
    return [
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@public
@require_GET
def service_search(request: HttpRequest) -> HttpResponse:
    """Search published services; invalid filters give the form back with status 400."""
    language = (get_language() or "fi").split("-")[0]
    form = SearchForm(request.GET)
    form.fields["online"].widget = forms.CheckboxInput(
        check_test=lambda v: str(v).lower() in ("true", "1", "on", "yes")
    )
    form.fields["online"].label = _("Online only")
    result: SearchResult | None = None
    status = 200
    if form.is_valid():
        result = search_services(
            q=form.cleaned_data["q"] or "",
            filters=form.filters(),
            language=language,
            page=form.cleaned_data["page"] or 1,
            per_page=PAGE_SIZE,
        )
        _with_counts(form, result.facets)
    else:
        status = 400
    query = _query_without_page(request)
    printable = _url("catalogue:printable")
    context = {
        "form": form,
        "result": result,
        "rows": _rows(result, language) if result else [],
        "page": ResultPage(result.page, result.total, result.per_page) if result else None,
        "query": query,
        "printable_url": f"{printable}?{query}" if printable and query else printable,
        "has_query": bool(request.GET),
        "error_sentences": [] if result else _error_sentences(form),
    }
    htmx = getattr(request, "htmx", None)
    fragment = htmx is not None and bool(htmx) and not htmx.history_restore_request
    template = "catalogue/search/_results.html" if fragment else "catalogue/search/search.html"
    if fragment:
        status = 200  # htmx swaps only successful responses; the fragment carries the message
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
