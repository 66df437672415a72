"""Coordinators' pages: hiding and showing entries, the stale list, and the overview of a
county (also for its liaison persons)."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kumppani.core import charts, lists
from kumppani.core.access import declare, signed_in
from kumppani.core.actor import Actor
from kumppani.core.exports import FORMATS, export_response
from kumppani.core.languages import translated_ordering

from .. import access, overview, selectors, services
from ..exports import STALE_COLUMNS, stale_counties
from ..forms import (
    StaleFilterForm,
)
from .steps import SERVICE_PAGES, TASK_PAGES, entry_step, hide_page

STALE_SORTS = {
    "confirmed": lists.Sort(gettext_lazy("Longest unconfirmed first"), ("last_verified_at", "id")),
    "name": lists.Sort(gettext_lazy("Activity name"), lambda: (translated_ordering("name"), "id")),
}


@declare(access.SERVICE_MODERATOR)
def service_hide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("The activity is hidden.")
    return hide_page(request, SERVICE_PAGES, public_id, services.service_hide, done)


@declare(access.SERVICE_MODERATOR)
@require_POST
def service_unhide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("The activity is shown again.")
    step = services.service_unhide
    return entry_step(request, SERVICE_PAGES, public_id, step, done, moderating=True)


@declare(access.COORDINATOR)
@signed_in
@require_GET
def stale(request: HttpRequest) -> HttpResponseBase:
    """Published services of the coordinator's counties not confirmed for a year; with
    ``?format=csv`` or ``xlsx`` the whole filtered list as a file."""
    counties = access.coordinated_counties(request.user)
    if not counties:
        raise PermissionDenied
    listing = lists.list_page(
        request,
        StaleFilterForm(request.GET, counties=counties),
        lambda filters: selectors.stale_services(stale_counties(counties, filters), filters),
        sorts=STALE_SORTS,
    )
    file_format = request.GET.get(lists.FORMAT)
    if file_format in FORMATS and listing.rows is not None:
        chosen = stale_counties(counties, listing.form.cleaned_data)
        return export_response(
            listing.rows,
            columns=STALE_COLUMNS,
            file_format=file_format,
            filename="stale-services",
            title=_("Activities that may be out of date"),
            actor=Actor.from_request(request),
            action="catalogue.stale_list.export",
            county=chosen[0] if len(chosen) == 1 else None,
            filters=listing.filter_values(),
            details={"counties": [county.code for county in chosen]},
        )
    return lists.render_list(
        request, listing, "catalogue/stale.html", "catalogue/includes/stale_results.html"
    )


@declare(access.SERVICE_MODERATOR)
def task_hide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("The task is hidden.")
    return hide_page(request, TASK_PAGES, public_id, services.volunteer_task_hide, done)


@declare(access.SERVICE_MODERATOR)
@require_POST
def task_unhide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("The task is shown again.")
    step = services.volunteer_task_unhide
    return entry_step(request, TASK_PAGES, public_id, step, done, moderating=True)


@declare(access.OVERVIEW)
@signed_in
@require_GET
def county_overview(request: HttpRequest) -> HttpResponse:
    """Organisations, activities and volunteer tasks per municipality of a county (``?county=``,
    else the user's first), with what needs attention and links to each list; a liaison
    person sees their own municipality."""
    counties = access.overview_counties(request.user)
    if not counties:
        raise PermissionDenied
    code = request.GET.get("county", "")
    county = next((c for c in counties if c.code == code), counties[0])
    municipalities = access.overview_municipalities(request.user, county)
    rows = overview.figures_by_municipality(municipalities)
    series = [_("Organisations"), _("Activities"), _("Volunteer tasks")]
    chart = charts.bar_chart(
        "overview-by-municipality",
        caption=_("Organisations, activities and volunteer tasks by municipality"),
        category_label=_("Municipality"),
        value_label=_("Number"),
        rows=[
            (row.name, label, value)
            for row in rows
            for label, value in zip(
                series, (row.organisations, row.activities, row.tasks), strict=True
            )
        ],
        series_labels=series,
    )
    return render(
        request,
        "catalogue/overview.html",
        {
            "county": county,
            "counties": counties,
            "rows": rows,
            "totals": overview.totals(rows),
            "chart": chart,
            "sees_stale_list": access.is_coordinator(request.user),
            "month_start": overview.month_start(),
        },
    )
