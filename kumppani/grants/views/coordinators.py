"""The coordinator's pages: the county's calls, and each call's applications with the
review summary against the appropriation."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kumppani.core import charts, lists
from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.languages import format_euros, translated
from kumppani.core.submissions import new_token

from .. import access
from ..models import ApplicationStatus, Call, Programme
from ..programme_forms import ProgrammeFilterForm
from ..services.review import score_bands, summary


def _managed_calls(request: HttpRequest) -> QuerySet[Call]:
    counties = access.coordinated_county_ids(request.user)
    calls = Call.objects.select_related("programme", "programme__county")
    return calls if counties is None else calls.filter(programme__county_id__in=counties)


@declare(access.COORDINATOR)
@signed_in
@require_GET
def managed_calls(request: HttpRequest) -> HttpResponse:
    """The coordinator's grants home: the programmes of the user's counties by year, each
    with its calls (status, applications sent and decided) and the pages to run them."""
    require(access.is_coordinator(request.user))
    calls = Call.objects.annotate(
        sent=Count("applications", filter=Q(applications__submitted_at__isnull=False)),
        decided=Count("applications", filter=Q(applications__status=ApplicationStatus.DECIDED)),
    ).order_by("opens_on", "id")

    def rows(cleaned: Any) -> QuerySet[Programme]:
        programmes = access.managed_programmes(request.user).prefetch_related(
            Prefetch("calls", queryset=calls)
        )
        if cleaned.get("year"):
            programmes = programmes.filter(year=cleaned["year"])
        return programmes.order_by("-year", "county__code", "kind", "id")

    listing = lists.list_page(request, ProgrammeFilterForm(request.GET), rows, page_size=10)
    for programme in listing.page or ():
        # Each copy button is its own form, with its own one-time token.
        programme.copy_token = new_token()  # type: ignore[attr-defined]
    return lists.render_list(
        request,
        listing,
        "grants/managed_calls.html",
        "grants/_programme_results.html",
        {"counties": list(access.managed_counties(request.user))},
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def call_review(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The call's sent applications, best scored first, with the running total of the
    proposals against the programme's appropriation."""
    call = first_or_404(_managed_calls(request), public_id=public_id)
    rows, appropriation = summary(call)
    total = rows[-1].running_total if rows else 0
    running = charts.bar_chart(
        "review-running-total",
        caption=_(
            "Proposals by score, and their running total against the appropriation of "
            "%(appropriation)s"
        )
        % {"appropriation": format_euros(appropriation)},
        category_label=_("Average score"),
        value_label=_("Euros"),
        rows=[
            (band, series, value)
            for band, proposed, running_total in score_bands(rows)
            for series, value in (
                (_("Proposed in the band"), proposed),
                (_("Running total"), running_total),
            )
        ],
        series_labels=[_("Proposed in the band"), _("Running total")],
        euros=True,
    )
    return render(
        request,
        "grants/call_review.html",
        {
            "call": call,
            "title": translated(call, "title"),
            "rows": rows,
            "appropriation": appropriation,
            "total": total,
            "over": total > appropriation,
            "chart": running,
        },
    )
