"""List pages: filters from the query string, named sorts from an allow-list, paging with
out-of-range pages handled, the results fragment for htmx, and Vary: HX-Request always."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.db.models import QuerySet
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from kumppani.core import lists
from kumppani.core.models import County

pytestmark = pytest.mark.django_db

SORTS = {
    "code": lists.Sort("Code", ("code",)),
    "name": lists.Sort("Name", lambda: ("-name", "id")),
}


class CountyFilter(forms.Form):
    starts = forms.CharField(required=False, max_length=1)


def _counties(filters: Any) -> QuerySet[County]:
    counties = County.objects.all()
    if filters.get("starts"):
        counties = counties.filter(code__startswith=filters["starts"])
    return counties


def _listing(query: dict[str, str], **kwargs: Any) -> lists.Listing[County]:
    request = RequestFactory().get("/", query)
    return lists.list_page(request, CountyFilter(request.GET), _counties, sorts=SORTS, **kwargs)


def _codes(listing: lists.Listing[County]) -> list[str]:
    assert listing.page is not None
    return [county.code for county in listing.page.object_list]


def test_first_sort_is_the_default_and_unknown_sorts_fall_back_to_it():
    assert _codes(_listing({}, page_size=3)) == ["01", "02", "03"]
    assert _codes(_listing({"sort": "pk; drop table"}, page_size=3)) == ["01", "02", "03"]
    assert _listing({"sort": "nonsense"}).sort == "code"


def test_a_named_sort_orders_the_rows():
    listing = _listing({"sort": "name"}, page_size=100)
    names = [county.name for county in listing.page.object_list]  # type: ignore[union-attr]
    assert names == sorted(names, reverse=True)
    assert listing.sort_choices == [("code", "Code"), ("name", "Name")]


def test_pages_past_the_end_show_the_last_and_nonsense_shows_the_first():
    assert _listing({"page": "999"}, page_size=10).page.number == 3  # type: ignore[union-attr]
    assert _listing({"page": "x"}, page_size=10).page.number == 1  # type: ignore[union-attr]
    assert _listing({"page": "-1"}, page_size=10).page.number == 3  # type: ignore[union-attr]


def test_filters_apply_and_the_query_keeps_them_without_page_and_format():
    listing = _listing({"starts": "1", "page": "2", "format": "csv", "sort": "name"})
    assert set(_codes(listing)) == {"10", "11", "12", "13", "14", "15", "16", "17", "18", "19"}
    assert listing.query == "starts=1&sort=name"
    assert listing.filter_values() == {"starts": "1", "sort": "name"}


def test_invalid_filters_give_no_rows_rather_than_all():
    listing = _listing({"starts": "too long"})
    assert listing.page is None and listing.rows is None
    assert listing.form.errors


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
    ],
)
def test_htmx_gets_the_results_fragment_and_every_response_varies_on_it(
    test_templates, headers, fragment
):
    request = RequestFactory().get("/", headers=headers)
    request.htmx = HtmxDetails(request)
    listing = lists.list_page(request, CountyFilter(request.GET), _counties, sorts=SORTS)

    response = lists.render_list(
        request, listing, "core_tests/list.html", "core_tests/_list_results.html"
    )

    assert ("<h1>" not in response.text) is fragment
    assert '<ul id="results"><li>01</li>' in response.text
    assert "HX-Request" in response["Vary"]
