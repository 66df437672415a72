"""The influence body's pages for the county's coordinators: seats, members, deputies and
vacancies with their history, appointments and replacements, nominations, attendance with
quorum, and the meeting fees for payroll."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.core.access import declare, first_or_404, signed_in
from kumppani.core.actor import Actor
from kumppani.core.exports import FORMATS, Column, ColumnType, export_response
from kumppani.core.forms import change_page
from kumppani.core.models import County
from kumppani.core.submissions import create_page

from .. import access
from ..body_forms import (
    AppointForm,
    AttendanceForm,
    BodyForm,
    NominationForm,
    TermForm,
    VacateForm,
)
from ..models import Attendance, Body, Meeting, Membership, Seat, Series, SeriesKind
from ..services import body as services


def _body(request: HttpRequest, public_id: UUID) -> Body:
    return get_object_or_404(access.coordinated_bodies(request.user), public_id=public_id)


def _seat(
    request: HttpRequest, public_id: UUID, seat_id: int
) -> tuple[Body, Seat, Membership | None]:
    """The coordinated body, its seat and the seat's current membership (None: vacant)."""
    body = _body(request, public_id)
    seat = get_object_or_404(Seat.objects.filter(term__body=body), pk=seat_id)
    return body, seat, Membership.objects.filter(seat=seat, ends_on__isnull=True).first()


def _county(request: HttpRequest) -> County | None:
    """The county whose body a coordinator makes: the first they coordinate."""
    return access.coordinator_county(request.user)


@signed_in
@declare(access.COORDINATOR)
@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    """The influence bodies of the coordinator's counties, with their latest terms."""
    bodies = list(
        access.coordinated_bodies(request.user)
        .prefetch_related("terms")
        .order_by("county__code", "name", "id")[:100]
    )
    return render(
        request,
        "meetings/body_list.html",
        {"bodies": bodies, "may_create": _county(request) is not None},
    )


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def body_new(request: HttpRequest) -> HttpResponse:
    """Make an influence body of the coordinator's county; its meetings are those of an
    influence body series of the county (a new one unless one is chosen)."""
    county = _county(request)
    if county is None:
        raise Http404
    series = Series.objects.filter(
        county=county, kind=SeriesKind.INFLUENCE_BODY, body__isnull=True
    ).order_by("title", "id")
    form = BodyForm(request.POST or None, series=series)
    return create_page(
        request,
        form,
        "meetings/body_new.html",
        {"county": county},
        create=lambda: services.body_create(
            actor=Actor.from_request(request),
            county=county,
            make_series=True,
            **form.cleaned_data,
        ),
        result_url=lambda body: reverse("meetings:term_new", args=[body.public_id]),
    )


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def term_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Start a term of the body: its seats by category and the appointment decision."""
    body = _body(request, public_id)
    form = TermForm(request.POST or None)
    return create_page(
        request,
        form,
        "meetings/term_new.html",
        {"body": body, "terms": list(body.terms.all())},
        create=lambda: services.term_create(
            actor=Actor.from_request(request), body=body, **form.service_arguments()
        ),
        result_url=lambda _term: reverse("meetings:body_detail", args=[body.public_id]),
    )


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def seat_vacate(request: HttpRequest, public_id: UUID, seat_id: int) -> HttpResponse:
    """The member leaves mid-term: the membership ends and the seat stays vacant (with its
    history) until a new member is appointed."""
    body, seat, current = _seat(request, public_id, seat_id)
    if current is None:
        return redirect("meetings:body_detail", public_id=body.public_id)
    form = VacateForm(request.POST or None)
    return change_page(
        request,
        form,
        "meetings/seat_vacate.html",
        {"body": body, "seat": seat, "current": current},
        change=lambda: services.seat_vacate(
            actor=Actor.from_request(request), seat=seat, ends_on=form.cleaned_data["ends_on"]
        ),
        then=reverse("meetings:body_detail", kwargs={"public_id": body.public_id}),
        success=_("The seat is vacant now."),
    )


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    body = _body(request, public_id)
    term = body.terms.first()
    seats = list(term.seats.prefetch_related("memberships__organisation")) if term else []
    rows = []
    for seat in seats:
        held = sorted(seat.memberships.all(), key=lambda m: (m.starts_on, m.pk))
        current = next((m for m in held if m.ends_on is None), None)
        rows.append({"seat": seat, "current": current, "past": [m for m in held if m.ends_on]})
    form = NominationForm(request.POST or None)
    if request.method == "POST" and term is not None and form.is_valid():
        services.nomination_add(actor=Actor.from_request(request), term=term, **form.cleaned_data)
        return redirect("meetings:body_detail", public_id=body.public_id)
    meetings = (
        list(Meeting.objects.filter(series_id=body.series_id).order_by("-starts_at")[:20])
        if body.series_id
        else []
    )
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "term": term,
            "rows": rows,
            "vacancies": sum(1 for row in rows if row["current"] is None),
            "nominations": list(term.nominations.select_related("organisation")) if term else [],
            "form": form,
            "meetings": meetings,
            "year": timezone.localdate().year,
            "quorum_needed": len(rows) // 2 + 1,
        },
    )


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def seat_appoint(request: HttpRequest, public_id: UUID, seat_id: int) -> HttpResponse:
    """Appoint a member to the seat; when it is held, the holder is replaced (their
    membership ends the day before)."""
    body, seat, current = _seat(request, public_id, seat_id)
    form = AppointForm(request.POST or None)

    def appoint() -> object:
        actor = Actor.from_request(request)
        if current is None:
            return services.membership_appoint(actor=actor, seat=seat, **form.cleaned_data)
        return services.membership_replace(actor=actor, membership=current, **form.cleaned_data)

    return change_page(
        request,
        form,
        "meetings/seat_appoint.html",
        {"body": body, "seat": seat, "current": current},
        change=appoint,
        then=reverse("meetings:body_detail", kwargs={"public_id": body.public_id}),
        success=_("The member was appointed."),
    )


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def body_attendance(request: HttpRequest, public_id: UUID, meeting_id: UUID) -> HttpResponse:
    """Mark who attended one meeting (the member, or the deputy in the member's place) and
    show the quorum counted from the seats."""
    body = _body(request, public_id)
    if body.series_id is None:
        raise Http404
    meeting = first_or_404(Meeting.objects.all(), series_id=body.series_id, public_id=meeting_id)
    memberships = list(services.serving(body, timezone.localdate(meeting.starts_at)))
    marks = {row.membership_id: row.attended for row in Attendance.objects.filter(meeting=meeting)}
    form = AttendanceForm(
        request.POST or None,
        memberships=memberships,
        initial={f"m{pk}": attended for pk, attended in marks.items()},
    )

    def shown() -> dict[str, Any]:
        present = [
            {
                "membership": membership,
                "attended": marks.get(membership.pk, ""),
                "name": membership.deputy_name
                if marks.get(membership.pk) == "deputy"
                else membership.member_name,
            }
            for membership in memberships
        ]
        return {
            "body": body,
            "meeting": meeting,
            "present": present,
            "quorum": services.quorum(meeting, body),
        }

    return change_page(
        request,
        form,
        "meetings/body_attendance.html",
        shown,
        change=lambda: services.attendance_mark(
            actor=Actor.from_request(request), meeting=meeting, body=body, marks=form.marks()
        ),
        then=reverse(
            "meetings:body_attendance",
            kwargs={"public_id": body.public_id, "meeting_id": meeting.public_id},
        ),
        success=_("The attendance was saved."),
    )


FEE_COLUMNS: list[Column[Attendance]] = [
    Column(gettext_lazy("Meeting"), lambda row: row.meeting.title),
    Column(gettext_lazy("Date"), lambda row: row.meeting.starts_at, ColumnType.DATE),
    Column(gettext_lazy("Seat"), lambda row: row.membership.seat.number, ColumnType.NUMBER),
    Column(
        _("Attended"),
        lambda row: (
            row.membership.deputy_name if row.attended == "deputy" else row.membership.member_name
        ),
    ),
    Column(gettext_lazy("As"), lambda row: row.get_attended_display()),
    Column(gettext_lazy("Organisation"), lambda row: row.membership.organisation or ""),
    Column(
        gettext_lazy("Fee (euros)"),
        lambda row: row.membership.seat.term.body.fee_per_meeting,
        ColumnType.NUMBER,
    ),
]


@signed_in
@declare(access.COORDINATOR)
@require_GET
def body_fees(request: HttpRequest, public_id: UUID) -> HttpResponseBase:
    """Each attendance of a year with its fee, for payroll."""
    body = _body(request, public_id)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year
    file_format = request.GET.get("format", "csv")
    if file_format not in FORMATS:
        raise Http404
    rows = services.fee_rows(body, year).select_related("membership__seat__term__body")
    return export_response(
        rows,
        columns=FEE_COLUMNS,
        file_format=file_format,
        filename=f"meeting-fees-{year}",
        title=_("Meeting fees"),
        actor=Actor.from_request(request),
        action="meetings.fees.export",
        county=body.county,
        filters={"year": year},
    )
