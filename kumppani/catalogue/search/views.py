"""The catalogue search page: a GET form that works without JavaScript, enhanced by htmx."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.http import push_url

from kumppani.catalogue.models import Service
from kumppani.catalogue.search.forms import (
    SearchForm,
    accessibility_choices,
    chosen_filters,
    filter_groups,
    municipality_choices,
)
from kumppani.catalogue.search.presenters import Text, in_language
from kumppani.catalogue.search.query import SearchResult, search_services
from kumppani.catalogue.search.result_map import MapResult, result_markers
from kumppani.core.access import public
from kumppani.core.htmx import render_fragment_or_page, wants_fragment

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
    # A result from a nearby municipality (the search's "also nearby"): that municipality.
    nearby_in: str = ""


def _url(name: str, *args: Any) -> str:
    # The detail and printable pages belong to the catalogue pages; link only when they exist.
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _rows(
    items: list[Service], language: str, nearby: dict[int, str] | None = None
) -> list[ResultRow]:
    """The result rows; ``nearby``: the municipality code of each nearby result."""
    nearby = nearby or {}
    names = _municipality_names() if nearby else {}
    rows = []
    for s in items:
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
                nearby_in=names.get(nearby.get(s.pk, ""), ""),
            )
        )
    return rows


TERM_FIELDS = ("activity_type", "theme", "target_group")
SCALAR_FIELDS = ("cost", "how_to_join")
# The values whose counts the filter form shows, by field. The page keeps them in hidden
# inputs outside the form; htmx sends them along (hx-include on the form) so that an update
# refreshes exactly those counts, including one that has dropped to 0. The values of the
# other fields (cost, how to join, accessibility, online) are always all shown.
SHOWN_FIELDS = ("municipality", *TERM_FIELDS, "language")
SHOWN_PREFIX = "counted_"
MAX_SHOWN = 400  # more than there are municipalities; anything longer is not from the page

Shown = dict[str, list[str]]


@dataclass(frozen=True)
class CountUpdate:
    """New text for one count of the filter form, for an htmx out-of-band swap.

    A checkbox's count is a <span> of its own (``element_id``); an <option> holds only text,
    so a select's option gets its whole text again (``selector``), leaving the option itself,
    and which one is selected, alone.
    """

    text: str
    element_id: str = ""
    selector: str = ""


def _count_id(name: str, value: str) -> str:
    return f"count-{name}-{value}"


def _checkbox_label(name: str, value: str, label: str, count: int) -> str:
    """The label text with the count in an element of its own, which htmx updates."""
    return format_html(
        '{} <span class="facet-count" id="{}">({})</span>', label, _count_id(name, value), count
    )


def _option_text(label: str, count: int | None) -> str:
    return label if count is None else f"{label} ({count})"


def _counts(facets: dict[str, list[dict[str, Any]]], name: str) -> dict[str, int]:
    return {str(f["value"]): int(f["count"]) for f in facets.get(name, [])}


def _municipality_names() -> dict[str, str]:
    return {code: label for _group, options in municipality_choices() for code, label in options}


def _with_counts(form: SearchForm, facets: dict[str, list[dict[str, Any]]]) -> Shown:
    """Show the facet counts in the filter choices; return the values shown with a count.

    Municipalities with no results are listed without a number. Term values and languages
    with no results are left out, except a ticked or chosen one, which stays (with 0) so that
    it can be unticked.
    """
    shown: Shown = {}
    counts = _counts(facets, "municipality")
    field = form.fields["municipality"]
    assert isinstance(field, forms.ChoiceField)
    field.choices = [
        ("", _("Any municipality")),
        *[
            (group, [(c, _option_text(label, counts.get(c))) for c, label in opts])
            for group, opts in municipality_choices()
        ],
    ]
    shown["municipality"] = sorted(counts)
    for name in TERM_FIELDS:
        choices = [
            (f["value"], _checkbox_label(name, f["value"], f["label"], f["count"]))
            for f in facets.get(name, [])
        ]
        values = [c[0] for c in choices]
        selected = form.data.getlist(name) if hasattr(form.data, "getlist") else []
        ticked = [v for v in sorted(set(selected)) if v not in values]
        choices += [(v, _checkbox_label(name, v, v, 0)) for v in ticked]
        shown[name] = values + ticked
        form.fields[name].widget = forms.CheckboxSelectMultiple(choices=choices)
    languages = _counts(facets, "language")
    chosen = form.cleaned_data.get("language")
    if chosen and chosen not in languages:
        languages[chosen] = 0
    form.fields["language"].widget = forms.Select(
        choices=[
            ("", _("Any language")),
            *[(code, _option_text(code, n)) for code, n in languages.items()],
        ]
    )
    shown["language"] = list(languages)
    scalar = {(name, v): n for name in SCALAR_FIELDS for v, n in _counts(facets, name).items()}
    for name in SCALAR_FIELDS:
        field = form.fields[name]
        assert isinstance(field, forms.ChoiceField)
        current: list[tuple[str, Any]] = list(field.choices)  # type: ignore[arg-type]
        field.choices = [(v, _option_text(label, scalar.get((name, v)))) for v, label in current]
    accessibility = form.fields["accessibility"]
    assert isinstance(accessibility, forms.MultipleChoiceField)
    accessible = _counts(facets, "accessibility")
    accessibility.choices = [
        (v, _checkbox_label("accessibility", v, label, accessible.get(v, 0)))
        for v, label in accessibility_choices()
    ]
    # The bound field keeps the label it had when the form was validated.
    form["online"].label = _checkbox_label(
        "online", "true", _("Online only"), _counts(facets, "online").get("true", 0)
    )
    return shown


def _shown_on_page(request: HttpRequest, form: SearchForm) -> Shown:
    """The values whose counts the page shows, as its hidden inputs say (unknown ones dropped)."""
    municipality = form.fields["municipality"]
    assert isinstance(municipality, forms.ChoiceField)
    shown: Shown = {}
    for name in SHOWN_FIELDS:
        values = request.GET.get(SHOWN_PREFIX + name, "").split()[:MAX_SHOWN]
        if name == "municipality":
            values = [v for v in values if municipality.valid_value(v)]
        elif name == "language":
            values = [v for v in values if re.fullmatch(r"[a-z]{2,3}", v)]
        else:
            values = [v for v in values if len(v) <= 80]
        shown[name] = list(dict.fromkeys(values))
    return shown


def _count_updates(
    form: SearchForm, facets: dict[str, list[dict[str, Any]]], shown: Shown
) -> tuple[list[CountUpdate], Shown]:
    """The counts of this search for what the page shows, and what it shows after the update.

    As on a full page, a municipality's option shows a number only when it has results (the
    select always lists every municipality, so none vanishes). The term values and languages
    the page shows keep their place and show 0 when nothing matches.
    """

    def option(name: str, value: str, text: str) -> CountUpdate:
        selector = format_html("#{} option[value='{}']", form[name].auto_id, value)
        return CountUpdate(text, selector=selector)

    def span(name: str, value: str, count: int) -> CountUpdate:
        return CountUpdate(f"({count})", element_id=_count_id(name, value))

    names = _municipality_names()
    municipalities = _counts(facets, "municipality")
    updates = [
        option("municipality", code, _option_text(names[code], municipalities.get(code)))
        for code in sorted({*shown["municipality"], *municipalities})
        if code in names
    ]
    for name in TERM_FIELDS:
        terms = _counts(facets, name)
        updates += [span(name, v, terms.get(v, 0)) for v in shown[name]]
    languages = _counts(facets, "language")
    updates += [
        option("language", v, _option_text(v, languages.get(v, 0))) for v in shown["language"]
    ]
    for name in SCALAR_FIELDS:
        field = form.fields[name]
        assert isinstance(field, forms.ChoiceField)
        values = _counts(facets, name)
        choices: list[tuple[str, Any]] = list(field.choices)  # type: ignore[arg-type]
        updates += [
            option(name, v, _option_text(str(label), values.get(v, 0))) for v, label in choices if v
        ]
    accessible = _counts(facets, "accessibility")
    updates += [
        span("accessibility", v, accessible.get(v, 0)) for v, _label in accessibility_choices()
    ]
    updates.append(span("online", "true", _counts(facets, "online").get("true", 0)))
    return updates, {**shown, "municipality": sorted(c for c in municipalities if c in names)}


def _is_ticked(value: Any) -> bool:
    return str(value).lower() in ("true", "1", "on", "yes")


def _map_context(request: HttpRequest, rows: list[ResultRow], language: str) -> dict[str, Any]:
    """The map view's markers (``?view=map``) and the links between the two views."""
    map_view = request.GET.get("view") == "map"
    markers = (
        result_markers([MapResult(r.service.pk, r.name.text, r.detail_url) for r in rows], language)
        if map_view
        else []
    )
    as_list, on_map = _query(request, "view"), request.GET.copy()
    on_map["view"] = "map"
    for key in [SHOWN_PREFIX + name for name in SHOWN_FIELDS]:
        on_map.pop(key, None)
    return {
        "map_view": map_view,
        "map_markers": [m.data() for m in markers],
        "mapped_ids": {m.service_id for m in markers},
        "list_view_query": as_list,
        "map_view_query": on_map.urlencode(),
    }


def _error_sentences(form: SearchForm) -> list[str]:
    return [
        f"{form.fields[name].label}: {error}"
        if name in form.fields and form.fields[name].label
        else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


def _query(request: HttpRequest, *leave_out: str) -> str:
    """The search's query string, without ``leave_out`` and the page's list of counts."""
    query = request.GET.copy()
    for key in (*leave_out, *[SHOWN_PREFIX + name for name in SHOWN_FIELDS]):
        query.pop(key, None)
    return query.urlencode()


def _did_you_mean_url(request: HttpRequest, result: SearchResult | None) -> str:
    """The search again with the corrected words, or "" when nothing was corrected."""
    if result is None or not result.did_you_mean:
        return ""
    query = request.GET.copy()
    query["q"] = result.did_you_mean
    for key in ("page", *[SHOWN_PREFIX + name for name in SHOWN_FIELDS]):
        query.pop(key, None)
    return f"{escape_uri_path(request.path)}?{query.urlencode()}"


@public
@require_GET
def service_search(request: HttpRequest) -> HttpResponse:
    """Search published services; invalid filters give the form back with status 400."""
    language = (get_language() or "fi").split("-")[0]
    form = SearchForm(request.GET)
    form.fields["online"].widget = forms.CheckboxInput(check_test=_is_ticked)
    form.fields["nearby"].widget = forms.CheckboxInput(check_test=_is_ticked)
    form.fields["online"].label = _("Online only")
    result: SearchResult | None = None
    status = 200
    fragment = wants_fragment(request)
    count_updates: list[CountUpdate] = []
    shown = _shown_on_page(request, form) if fragment else {name: [] for name in SHOWN_FIELDS}
    if form.is_valid():
        result = search_services(
            q=form.cleaned_data["q"] or "",
            filters=form.filters(),
            language=language,
            page=form.cleaned_data["page"] or 1,
            per_page=PAGE_SIZE,
        )
        if fragment:
            # The form stays as it is (focus and what was typed with it); only its counts change.
            count_updates, shown = _count_updates(form, result.facets, shown)
        else:
            shown = _with_counts(form, result.facets)
    else:
        status = 400
    query = _query(request, "page")
    nearby = {pk: n.municipality for pk, n in result.nearby.items()} if result else {}
    rows = _rows(result.items, language, nearby) if result else []
    context = {
        "form": form,
        "filter_groups": filter_groups(form),
        "filters_chosen": chosen_filters(form),
        "result": result,
        "rows": rows,
        "related_rows": _rows(result.related_items, language) if result else [],
        "did_you_mean_url": _did_you_mean_url(request, result),
        "page": ResultPage(result.page, result.total, result.per_page) if result else None,
        "query": query,
        "has_query": bool(request.GET),
        "error_sentences": [] if result else _error_sentences(form),
        "count_updates": count_updates,
        "shown_counts": [(SHOWN_PREFIX + name, " ".join(shown[name])) for name in SHOWN_FIELDS],
        **_map_context(request, rows, language),
    }
    if fragment:
        status = 200  # htmx swaps only successful responses; the fragment carries the message
    response = render_fragment_or_page(
        request,
        "catalogue/search/search.html",
        "catalogue/search/_results.html",
        context,
        status=status,
    )
    if fragment:
        # The address in the browser is the search's, without the page's list of counts.
        path, query = escape_uri_path(request.path), _query(request)
        push_url(response, f"{path}?{query}" if query else path)
    return response
