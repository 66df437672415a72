"""The statutory calendar (vuosikello): a county's requirements for a year against its
meetings, for everyone; its coordinators add the requirements and record evidence."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kumppani.core import charts
from kumppani.core.access import declare, first_or_404, public, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.exports import CONTENT_TYPES, Column, ColumnType, export_response
from kumppani.core.models import County

from .. import access
from ..compliance import Standing, compliance
from ..compliance_forms import ComplianceForm
from ..models import Requirement
from ..services.calendar import requirement_evidence_save, requirements_default

COLUMNS: list[Column[Standing]] = [
    Column(_("Requirement"), lambda s: s.name),
    Column(_("Basis"), lambda s: s.requirement.legal_basis),
    Column(_("Required"), lambda s: s.required, ColumnType.NUMBER),
    Column(_("At most"), lambda s: s.requirement.maximum, ColumnType.NUMBER),
    Column(_("Planned"), lambda s: s.planned, ColumnType.NUMBER),
    Column(_("Held"), lambda s: s.held, ColumnType.NUMBER),
    Column(_("State"), lambda s: s.state_label),
    Column(_("Without one"), lambda s: ", ".join(s.missing)),
    Column(_("Warnings"), lambda s: " ".join(s.warnings)),
    Column(_("Evidence"), lambda s: s.requirement.evidence),
]


def compliance_url(county: County, year: int) -> str:
    query = urlencode({"county": str(county.code), "year": str(year)})
    return f"{reverse('meetings:compliance')}?{query}"


def _chart(standings: list[Standing]) -> charts.Chart:
    required, planned, held = _("Required"), _("Planned"), _("Held")
    return charts.bar_chart(
        "compliance",
        caption=_("Required, planned and held by requirement"),
        category_label=_("Requirement"),
        value_label=_("Meetings, municipalities or series"),
        rows=[
            (standing.name, label, value)
            for standing in standings
            for label, value in (
                (required, standing.required),
                (planned, standing.planned),
                (held, standing.held),
            )
        ],
        series_labels=[required, planned, held],
    )


@public
@require_GET
def compliance_page(request: HttpRequest) -> HttpResponse:
    """The requirements of a county's year, planned against held, with a chart."""
    form = ComplianceForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if form.is_bound and form.is_valid():
        county, year = form.chosen()
        standings = compliance(county, year)
        context.update(
            county=county,
            year=year,
            standings=standings,
            chart=_chart(standings) if standings else None,
            query=urlencode({"county": str(county.code), "year": str(year)}),
            may_keep=access.may_keep_calendar(request.user, county.pk),
        )
    return render(request, "meetings/compliance.html", context, status=400 if form.errors else 200)


@public
@require_GET
def compliance_export(request: HttpRequest) -> HttpResponseBase:
    form = ComplianceForm(request.GET)
    file_format = request.GET.get("format", "csv")
    if not form.is_valid() or file_format not in CONTENT_TYPES:
        if file_format not in CONTENT_TYPES:
            form.add_error(None, _("Choose CSV or Excel as the file format."))
        return render(request, "meetings/compliance.html", {"form": form}, status=400)
    county, year = form.chosen()
    return export_response(
        compliance(county, year),
        columns=COLUMNS,
        file_format=file_format,
        filename=f"statutory-calendar-{county.code}-{year}",
        title=_("Statutory calendar"),
        actor=Actor.from_request(request),
        action="meetings.compliance.export",
        county=county,
        filters={"county": county.code, "year": year},
    )


@declare(access.CALENDAR_KEEPER)
@signed_in
@require_POST
def requirements_add(request: HttpRequest) -> HttpResponse:
    """Give the county's year the default requirements (again: nothing more is added)."""
    form = ComplianceForm(request.POST)
    if not form.is_valid():
        raise Http404
    county, year = form.chosen()
    require(access.may_keep_calendar(request.user, county.pk))
    requirements_default(county=county, year=year, actor=Actor.from_request(request))
    return redirect(compliance_url(county, year))


@declare(access.CALENDAR_KEEPER)
@signed_in
@require_POST
def requirement_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = first_or_404(Requirement.objects.select_related("county"), pk=pk)
    require(access.may_keep_calendar(request.user, requirement.county_id))
    requirement_evidence_save(
        requirement=requirement,
        evidence=request.POST.get("evidence", "")[:5000],
        actor=Actor.from_request(request),
    )
    return redirect(compliance_url(requirement.county, requirement.year))
