"""A meeting's participants for its organiser: the list with answers, attendance, counts by
organisation kind and municipality, and an export."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kumppani.core import lists
from kumppani.core.access import declare, signed_in
from kumppani.core.actor import Actor
from kumppani.core.exports import Column, ColumnType, export_response
from kumppani.core.forms import service_told
from kumppani.core.models import Municipality
from kumppani.core.selectors import municipality_name
from kumppani.organisations.models import OrganisationKind

from .. import access
from ..models import LIVE, Meeting, Registration, RegistrationStatus
from ..organiser_forms import ParticipantFilterForm
from ..services.attendance import attendance_mark, participants_read
from .organisers import organised_meeting

ATTENDED = {"yes": True, "no": False, "": None}


def _registrations(meeting: Meeting, cleaned: Mapping[str, Any]) -> QuerySet[Registration]:
    rows = meeting.registrations.select_related("organisation")
    status = cleaned.get("status")
    rows = rows.filter(status=status) if status else rows.filter(LIVE)
    return rows.order_by("status", "queue_position", "created_at", "id")


def _listing(request: HttpRequest, meeting: Meeting) -> lists.Listing[Registration]:
    return lists.list_page(
        request,
        ParticipantFilterForm(request.GET),
        lambda cleaned: _registrations(meeting, cleaned),
    )


def _answers(meeting: Meeting, registration: Registration) -> list[tuple[str, str]]:
    shown = []
    for question in meeting.questions:
        value = registration.answers.get(question["key"])
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        shown.append((question.get("text_fi") or question["key"], str(value)))
    return shown


def counts_by_kind(meeting: Meeting) -> list[tuple[str, int]]:
    """Confirmed participants by the kind of the organisation they came for."""
    rows = (
        meeting.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .values("organisation__kind")
        .annotate(count=Count("id"))
        .order_by("organisation__kind")
    )
    return [
        (
            str(OrganisationKind(row["organisation__kind"]).label)
            if row["organisation__kind"]
            else _("Without an organisation"),
            row["count"],
        )
        for row in rows
    ]


def counts_by_municipality(meeting: Meeting) -> list[tuple[str, int]]:
    """Confirmed participants by the municipalities of the county where their organisation
    operates (an organisation of several municipalities counts in each)."""
    municipalities = (
        Municipality.objects.filter(
            county_id=meeting.county_id,
            organisations__meeting_registrations__meeting=meeting,
            organisations__meeting_registrations__status=RegistrationStatus.CONFIRMED,
        )
        .annotate(participants=Count("organisations__meeting_registrations"))
        .order_by("code")
    )
    return [(municipality_name(m), m.participants) for m in municipalities]


def _render(request: HttpRequest, meeting: Meeting, listing: Any, status: int = 200) -> Any:
    page = listing.page
    rows = (
        [(registration, _answers(meeting, registration)) for registration in page] if page else []
    )
    return lists.render_list(
        request,
        listing,
        "meetings/manage/participants.html",
        "meetings/manage/_participant_results.html",
        {
            "meeting": meeting,
            "rows": rows,
            "by_kind": counts_by_kind(meeting),
            "by_municipality": counts_by_municipality(meeting),
            "confirmed": RegistrationStatus.CONFIRMED,
        },
        status=status,
    )


@declare(access.ORGANISER)
@signed_in
@require_GET
def participants(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The participants with their answers (diets and accessibility needs among them): each
    reading is audited, as an export is."""
    meeting = organised_meeting(request, public_id)
    listing = _listing(request, meeting)
    participants_read(
        actor=Actor.from_request(request), meeting=meeting, filters=listing.filter_values()
    )
    return _render(request, meeting, listing)


@declare(access.ORGANISER)
@signed_in
@require_POST
def attendance(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Save the attendance marked on the list's page (a choice per confirmed registration)."""
    meeting = organised_meeting(request, public_id)
    marks: dict[UUID, bool | None] = {}
    for name in request.POST:
        value = request.POST.get(name, "")
        if not name.startswith("attended-") or value not in ATTENDED:
            continue
        try:
            marks[UUID(name.removeprefix("attended-"))] = ATTENDED[value]
        except ValueError:
            continue
    service_told(
        request,
        attendance_mark,
        success=_("The attendance was saved."),
        actor=Actor.from_request(request),
        meeting=meeting,
        marks=marks,
    )
    # Back to the same page of the list: the query string is parsed and written anew.
    back = QueryDict(request.POST.get("back", "")).urlencode()
    url = reverse("meetings:participants", args=[meeting.public_id])
    return redirect(f"{url}?{back}" if back else url)


def _answer_column(question: dict[str, Any]) -> Column[Registration]:
    key = question["key"]

    def value(registration: Registration) -> Any:
        answer = registration.answers.get(key)
        if isinstance(answer, bool):
            return _("yes") if answer else _("no")
        return answer

    return Column(question.get("text_fi") or key, value)


def participant_columns(meeting: Meeting) -> list[Column[Registration]]:
    return [
        Column(gettext_lazy("Name"), lambda r: r.name),
        Column(gettext_lazy("Email"), lambda r: r.email),
        Column(
            gettext_lazy("Organisation"), lambda r: r.organisation.name if r.organisation else ""
        ),
        Column(
            gettext_lazy("Business ID"),
            lambda r: r.organisation.business_id if r.organisation else "",
        ),
        Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
        Column(gettext_lazy("Place in queue"), lambda r: r.queue_position, ColumnType.NUMBER),
        Column(
            gettext_lazy("Attended"),
            lambda r: "" if r.attended is None else (_("yes") if r.attended else _("no")),
        ),
        Column(gettext_lazy("Registered"), lambda r: r.created_at, ColumnType.DATETIME),
        *(_answer_column(question) for question in meeting.questions),
    ]


@declare(access.ORGANISER)
@signed_in
@require_GET
def participants_export(request: HttpRequest, public_id: UUID) -> HttpResponseBase:
    meeting = organised_meeting(request, public_id)
    listing = _listing(request, meeting)
    file_format = lists.export_format(request, listing)
    if file_format is None or listing.rows is None:
        return _render(request, meeting, listing, status=400)
    return export_response(
        listing.rows,
        columns=participant_columns(meeting),
        file_format=file_format,
        filename="participants",
        title=_("Participants"),
        actor=Actor.from_request(request),
        action="meetings.participants.export",
        county=meeting.county,
        filters=listing.filter_values(),
        details={"meeting": str(meeting.public_id)},
    )
