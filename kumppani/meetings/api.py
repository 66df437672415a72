"""The meetings API: open meetings, liaison persons, statements, consultations and the
statutory calendar for everyone; registrations for signed-in users."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.utils import check_csrf

from kumppani.accounts.models import User
from kumppani.core.access import declare, public
from kumppani.core.actor import Actor
from kumppani.core.api import ErrorOut, Pagination, error_responses, valid_query
from kumppani.core.languages import current_language, translated
from kumppani.core.models import Municipality

from . import access, feeds, selectors
from .access import public_consultations
from .compliance import compliance
from .compliance_forms import ComplianceForm
from .models import (
    LIVE,
    Consultation,
    LiaisonPerson,
    Meeting,
    Registration,
    Statement,
    StatementKind,
    StatementStatus,
)
from .models import ConsultationStatus as _ConsultationStatus
from .public_forms import CalendarFilterForm
from .services.registrations import cancel, register

router = Router(tags=["meetings"])


# The statutory calendar. Registered before any "/meetings/{id}" path, so that "compliance"
# is not read as a meeting's id.


class RequirementOut(Schema):
    code: str
    name: str
    legal_basis: str
    scope: str  # county, municipality or series
    required: int
    maximum: int | None
    planned: int
    held: int
    state: str  # met, on_track, at_risk, not_met
    missing_municipalities: list[str]
    short_series: list[str]
    warnings: list[str]


class ComplianceOut(Schema):
    county_code: str
    year: int
    requirements: list[RequirementOut]


@router.get(
    "/compliance",
    response=ComplianceOut,
    summary="The statutory calendar of a county's year: each requirement, planned and held",
    openapi_extra=error_responses(400),
)
@public
def get_compliance(request: HttpRequest, county: str = "", year: str = "") -> ComplianceOut:
    """For each requirement: how many are required, planned (meetings of the year not
    cancelled) and held; for one counted per municipality (or per series) the numbers are
    of municipalities (series) with their minimum, and the ones short of it are named."""
    form = valid_query(ComplianceForm({"county": county, "year": year}))
    chosen, year_number = form.chosen()
    return ComplianceOut(
        county_code=chosen.code,
        year=year_number,
        requirements=[
            RequirementOut(
                code=s.requirement.code,
                name=s.name,
                legal_basis=s.requirement.legal_basis,
                scope=s.requirement.scope,
                required=s.required,
                maximum=s.requirement.maximum,
                planned=s.planned,
                held=s.held,
                state=s.state,
                missing_municipalities=s.missing_municipalities,
                short_series=s.missing if s.requirement.scope == "series" else [],
                warnings=s.warnings,
            )
            for s in compliance(chosen, year_number)
        ],
    )


class MeetingOut(Schema):
    id: UUID = Field(alias="public_id")
    county_code: str = Field(alias="county.code")
    series_kind: str | None
    title: str
    starts_at: datetime
    ends_at: datetime
    mode: str  # in_person, online, hybrid
    place: str
    languages: list[str]
    status: str  # scheduled, cancelled, held
    capacity: int | None  # null: no limit
    seats_left: int | None
    waiting_list: int
    registration_opens_at: datetime | None = Field(alias="enrolment_opens_at")
    registration_closes_at: datetime | None = Field(alias="enrolment_closes_at")

    @staticmethod
    def resolve_series_kind(meeting: Meeting) -> str | None:
        return meeting.series.kind if meeting.series else None

    @staticmethod
    def resolve_title(meeting: Meeting) -> str:
        return translated(meeting, "title").text

    @staticmethod
    def resolve_seats_left(meeting: Meeting) -> int | None:
        return selectors.seats_left(meeting)

    @staticmethod
    def resolve_waiting_list(meeting: Meeting) -> int:
        return int(meeting.waiting_count)  # type: ignore[attr-defined]


# Statements and consultations (views/voice.py has their pages).


class StatementOut(Schema):
    id: UUID = Field(alias="public_id")
    county_code: str = Field(alias="county.code")
    kind: str
    subject: str
    given_on: date
    given_by: str
    text: str
    status: str
    answered_by: str | None = None
    answered_on: date | None = None
    answer: str | None = None

    @staticmethod
    def resolve_answered_by(statement: Statement) -> str | None:
        return (
            statement.answer.answered_by if statement.status == StatementStatus.ANSWERED else None
        )

    @staticmethod
    def resolve_answered_on(statement: Statement) -> date | None:
        return (
            statement.answer.answered_on if statement.status == StatementStatus.ANSWERED else None
        )

    @staticmethod
    def resolve_answer(statement: Statement) -> str | None:
        return statement.answer.text if statement.status == StatementStatus.ANSWERED else None


@router.get(
    "/statements",
    response=list[StatementOut],
    url_name="api_statements",
    summary="Statements, initiatives and feedback with the county's answers",
    openapi_extra=error_responses(400),
)
@paginate(Pagination)
@public
def list_statements(request: HttpRequest, county: str = "", kind: str = "") -> object:
    """The newest first; filter by county (2-digit code) and kind (statement, initiative,
    feedback)."""
    if kind and kind not in StatementKind.values:
        raise HttpError(400, "kind: " + ", ".join(StatementKind.values))
    rows = Statement.objects.select_related("county", "answer").order_by("-given_on", "-id")
    if county:
        rows = rows.filter(county__code=county)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


class ConsultationOut(Schema):
    id: UUID = Field(alias="public_id")
    county_code: str = Field(alias="county.code")
    title: str
    kind: str
    status: str
    opens_on: date
    closes_on: date  # the last day as published
    deadline: date  # the effective last day (150/1930 §5)
    questions: list[str]
    summary: str
    outcome: str

    @staticmethod
    def resolve_title(consultation: Consultation) -> str:
        return translated(consultation, "title").text

    @staticmethod
    def resolve_deadline(consultation: Consultation) -> date:
        return consultation.deadline_day


@router.get(
    "/consultations",
    response=list[ConsultationOut],
    url_name="api_consultations",
    summary="Published consultations",
    openapi_extra=error_responses(400),
)
@paginate(Pagination)
@public
def list_consultations(request: HttpRequest, county: str = "", status: str = "") -> object:
    """Open and closed consultations, the newest first; filter by county (2-digit code)
    and status (open, closed)."""
    if status and status not in (_ConsultationStatus.OPEN, _ConsultationStatus.CLOSED):
        raise HttpError(400, "status: open, closed")
    rows = public_consultations().order_by("-opens_on", "-id")
    if county:
        rows = rows.filter(county__code=county)
    if status:
        rows = rows.filter(status=status)
    return rows


@router.get(
    "",
    response=list[MeetingOut],
    summary="Upcoming open meetings",
    openapi_extra=error_responses(400),
)
@paginate(Pagination)
@public
def list_meetings(
    request: HttpRequest,
    county: str = "",
    municipality: str = "",
    kind: str = "",
    language: str = "",
    online: str = "",
) -> object:
    """Public scheduled meetings that have not ended, the soonest first, with their free
    seats and waiting lists. Filter by ``county`` (2-digit code), ``municipality``
    (organising municipality's 3-digit code), ``kind`` of series, ``language`` (fi, sv, en,
    se) and ``online`` (yes: can take part online; no: in person)."""
    form = valid_query(
        CalendarFilterForm(
            {
                "county": county,
                "municipality": municipality,
                "kind": kind,
                "language": language,
                "online": online,
            }
        )
    )
    return selectors.upcoming_meetings(**form.filters()).select_related("county")


def _public_meeting(meeting_id: UUID) -> Meeting:
    meeting = (
        selectors.with_seats(access.public_meetings())
        .select_related("series")
        .filter(public_id=meeting_id)
        .first()
    )
    if meeting is None:
        raise HttpError(404, _("No public meeting has this id."))
    return meeting


@router.get(
    "/calendar.ics",
    summary="A county's public meetings as an iCalendar feed",
    openapi_extra={
        "responses": {
            **error_responses(400)["responses"],
            200: {
                "description": "An iCalendar (RFC 5545) feed with the VTIMEZONE of "
                "Europe/Helsinki; cancelled meetings have STATUS:CANCELLED.",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            },
        }
    },
)
@public
def county_calendar(request: HttpRequest, county: str) -> HttpResponse:
    """The public meetings of the county (2-digit ``county`` code), from a month back on,
    for a calendar app to subscribe to."""
    form = CalendarFilterForm({"county": county})
    if not county or not form.is_valid():
        raise HttpError(400, _("Give the county as its two-digit code, e.g. county=16."))
    meetings = selectors.county_feed_meetings(county).select_related("series")
    cal = feeds.calendar(
        meetings.order_by("starts_at", "id"),
        name=_("Meetings"),
        url_of=lambda m: request.build_absolute_uri(
            reverse("meetings:meeting_detail", args=[m.public_id])
        ),
    )
    return feeds.ics_response(cal, f"meetings-{county}")


@router.get(
    "/{meeting_id}",
    response=MeetingOut,
    summary="One public meeting",
    openapi_extra=error_responses(400, 404),
)
@public
def get_meeting(request: HttpRequest, meeting_id: UUID) -> Meeting:
    return _public_meeting(meeting_id)


class RegistrationOut(Schema):
    id: UUID = Field(alias="public_id")
    meeting: UUID = Field(alias="meeting.public_id")
    status: str  # confirmed, waiting, cancelled
    waiting_number: int | None  # the place on the waiting list now (1 = next)

    @staticmethod
    def resolve_waiting_number(registration: Registration) -> int | None:
        return selectors.waiting_number(registration)


def _signed_in_write(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(403, _("Sign in to register for meetings."))
    if check_csrf(request) is not None:
        # A browser session's write needs its CSRF token, as on the pages.
        raise HttpError(403, _("The request lacks its CSRF token. Reload the page and try again."))


@router.post(
    "/{meeting_id}/registrations",
    response={201: RegistrationOut, 409: ErrorOut},
    summary="Register yourself for a meeting",
    openapi_extra=error_responses(400, 403, 404),
)
@declare(access.REGISTRANT)
def create_registration(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    """Register the signed-in user: ``confirmed`` when a seat is free, else ``waiting``
    with the place on the waiting list. Registering again answers with the same
    registration. 409 when registration is closed."""
    _signed_in_write(request)
    meeting = _public_meeting(meeting_id)
    user = request.user
    try:
        registration = register(
            meeting,
            actor=Actor.from_request(request),
            name=user.full_name or user.email,  # type: ignore[union-attr]
            email=user.email,  # type: ignore[union-attr]
            user=user,  # type: ignore[arg-type]
            language=current_language(),
        )
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from None
    return JsonResponse(RegistrationOut.from_orm(registration).model_dump(mode="json"), status=201)


@router.delete(
    "/{meeting_id}/registrations",
    response={200: RegistrationOut},
    summary="Cancel your registration for a meeting",
    openapi_extra=error_responses(400, 403, 404),
)
@declare(access.REGISTRANT)
def delete_registration(request: HttpRequest, meeting_id: UUID) -> Registration:
    """Cancel the signed-in user's own registration; a freed seat goes at once to the
    first one waiting."""
    _signed_in_write(request)
    user = request.user
    assert isinstance(user, User)  # signed in, checked above
    registration = (
        Registration.objects.filter(LIVE, meeting__public_id=meeting_id, user=user)
        .select_related("meeting")
        .first()
    )
    if registration is None:
        raise HttpError(404, _("You have no registration for this meeting."))
    return cancel(registration, actor=Actor.from_request(request))


# The liaison roster: GET /api/v1/liaisons (its own router, mounted at /liaisons).


liaisons_router = Router(tags=["meetings"])


class LiaisonOut(Schema):
    """A liaison person: the role and municipality always; name, title, email and phone
    only when the person agreed to publish them (otherwise null)."""

    municipality: str
    role: str
    name: str | None
    title: str | None
    email: str | None
    phone: str | None
    paired_with: str | None

    @staticmethod
    def from_person(person: LiaisonPerson) -> LiaisonOut:
        shown = person.publish_consent
        pair = person.paired_with
        return LiaisonOut(
            municipality=person.municipality.code,
            role=person.role,
            name=person.name if shown else None,
            title=(person.title or None) if shown else None,
            email=(person.email or None) if shown else None,
            phone=(person.phone or None) if shown else None,
            paired_with=pair.name if pair and pair.publish_consent else None,
        )


@liaisons_router.get(
    "",
    response=list[LiaisonOut],
    summary="A municipality's NGO and health promotion liaison persons",
    openapi_extra=error_responses(400),
)
@public
def list_liaisons(request: HttpRequest, municipality: str) -> list[LiaisonOut]:
    """The active liaison persons of the municipality (its three-digit code); contact
    details only of those who agreed to publish them."""
    found = Municipality.objects.filter(code=municipality, county__isnull=False).first()
    if found is None:
        raise HttpError(400, _("There is no municipality with this code."))
    persons = (
        LiaisonPerson.objects.filter(municipality=found, is_active=True)
        .select_related("municipality", "paired_with")
        .order_by("role", "name", "id")
    )
    return [LiaisonOut.from_person(person) for person in persons]
