"""Who may see and change what in meetings.

Public meetings and their series are for everyone. A series and its meetings are organised
by the county's coordinators and, when a municipality organises the series, by that
municipality's liaison persons in the county; staff may do everything. A registrant sees
and cancels their own registration (an anonymous one through the signed link emailed to
it); the online link of a meeting is shown only to those with a confirmed seat.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from kumppani.accounts.models import CountyRoleKind, User
from kumppani.accounts.roles import roles_of
from kumppani.core.models import County, Municipality

from .models import (
    Audience,
    Body,
    Consultation,
    ConsultationResponse,
    ConsultationStatus,
    Meeting,
    MeetingStatus,
    Memo,
    MemoStatus,
    Registration,
    RegistrationStatus,
    Series,
    Statement,
)

ORGANISER = "meetings-organiser"  # the county's coordinators, the organising liaisons, staff
PUBLIC = "meetings-public"  # anyone: public meetings and series only
REGISTRANT = "meetings-registrant"  # the registrant (signed in, or by the emailed link)

AnyUser = User | AnonymousUser


def _organised(user: AnyUser | None) -> Q | None:
    """Which series the user organises, as a filter on Series; None for staff (all)."""
    roles = roles_of(user)
    if roles.is_staff:
        return None
    liaison_counties = roles.county_ids(CountyRoleKind.LIAISON)
    return Q(county_id__in=roles.coordinator_county_ids) | Q(
        county_id__in=liaison_counties,
        organiser_municipality_id__in=roles.liaison_municipality_ids,
    )


def organised_series(user: AnyUser | None) -> QuerySet[Series]:
    """The series the user may change."""
    series = Series.objects.select_related("county", "organiser_municipality")
    organised = _organised(user)
    return series if organised is None else series.filter(organised)


def organised_meetings(user: AnyUser | None) -> QuerySet[Meeting]:
    """The meetings the user may change and whose registrations they see: those of the
    series they organise and the county's one-offs (coordinators)."""
    meetings = Meeting.objects.select_related("county", "series")
    roles = roles_of(user)
    if roles.is_staff:
        return meetings
    return meetings.filter(
        Q(series__in=organised_series(user))
        | Q(series__isnull=True, county_id__in=roles.coordinator_county_ids)
    )


def may_organise(user: AnyUser | None, meeting: Meeting) -> bool:
    return organised_meetings(user).filter(pk=meeting.pk).exists()


def may_organise_series(user: AnyUser | None, series: Series) -> bool:
    return organised_series(user).filter(pk=series.pk).exists()


def public_meetings() -> QuerySet[Meeting]:
    """The meetings anyone sees: public ones, scheduled or held, cancelled ones too (so
    that people learn of the cancellation)."""
    return Meeting.objects.filter(is_public=True).select_related("county", "series")


def public_series() -> QuerySet[Series]:
    """Active series open to all."""
    return Series.objects.filter(is_active=True, audience=Audience.OPEN).select_related("county")


def own_registrations(user: AnyUser | None) -> QuerySet[Registration]:
    """The signed-in user's registrations, and those made for the organisations they
    represent."""
    if user is None or not user.is_authenticated:
        return Registration.objects.none()
    roles = roles_of(user)
    return Registration.objects.filter(
        Q(user_id=user.pk) | Q(organisation_id__in=roles.organisation_ids)
    ).select_related("meeting")


def may_see_online_link(user: AnyUser | None, meeting: Meeting) -> bool:
    """The online link: those with a confirmed seat, and the organisers."""
    if meeting.status == MeetingStatus.CANCELLED:
        return False
    return own_registrations(user).filter(
        meeting=meeting, status=RegistrationStatus.CONFIRMED
    ).exists() or may_organise(user, meeting)


# The statutory calendar: its compliance page, export and API are public (aggregate counts
# and names of municipalities and series, no personal data: the county's compliance with
# the law is public information); its requirements and evidence are kept by the county's
# coordinators and staff.
CALENDAR_KEEPER = "meetings-calendar-keeper"


def may_keep_calendar(user: AnyUser | None, county_id: int) -> bool:
    roles = roles_of(user)
    return roles.is_staff or county_id in roles.coordinator_county_ids


# Memos, topics and the liaison roster.
ROSTER = "meetings-roster"  # the county's coordinators, the municipality's liaisons, staff
SIGNED_IN_TOPICS = "meetings-topics"  # anyone signed in proposes and supports topics


def public_memos() -> QuerySet[Memo]:
    """Published memos of public meetings: for everyone."""
    return Memo.objects.filter(status=MemoStatus.PUBLISHED, meeting__is_public=True)


def may_read_memo(user: AnyUser | None, memo: Memo) -> bool:
    """A published memo of a public meeting is for everyone; otherwise the organisers."""
    if memo.status == MemoStatus.PUBLISHED and memo.meeting.is_public:
        return True
    return may_organise(user, memo.meeting)


def topic_series() -> QuerySet[Series]:
    """The series for which topics may be proposed: the active open ones."""
    return public_series()


def roster_municipalities(user: AnyUser | None) -> QuerySet[Municipality]:
    """The municipalities whose liaison roster the user keeps: those of the counties they
    coordinate, and their own as a municipality's liaison person (every one for staff)."""
    roles = roles_of(user)
    municipalities = Municipality.objects.filter(county__isnull=False).select_related("county")
    if roles.is_staff:
        return municipalities
    return municipalities.filter(
        Q(county_id__in=roles.coordinator_county_ids) | Q(pk__in=roles.liaison_municipality_ids)
    )


def coordinator_county(user: AnyUser | None) -> County | None:
    """The county a coordinator registers things in: the first one they coordinate."""
    counties = roles_of(user).coordinator_county_ids
    return County.objects.filter(pk__in=counties).order_by("code").first()


def roster_counties(user: AnyUser | None) -> QuerySet[County]:
    roles = roles_of(user)
    if roles.is_staff:
        return County.objects.all()
    return County.objects.filter(pk__in=roles.coordinator_county_ids)


# The influence body, statements and consultations.
COORDINATOR = "meetings-coordinator"  # the county's coordinators, staff
RESPONDENT = "meetings-respondent"  # an organisation's representatives


def _coordinated(user: AnyUser | None, model: type[Any]) -> QuerySet[Any]:
    roles = roles_of(user)
    rows = model.objects.select_related("county")
    return rows if roles.is_staff else rows.filter(county_id__in=roles.coordinator_county_ids)


def coordinated_bodies(user: AnyUser | None) -> QuerySet[Body]:
    return _coordinated(user, Body)


def coordinated_statements(user: AnyUser | None) -> QuerySet[Statement]:
    return _coordinated(user, Statement)


def coordinated_consultations(user: AnyUser | None) -> QuerySet[Consultation]:
    return _coordinated(user, Consultation)


def public_consultations() -> QuerySet[Consultation]:
    """Consultations once published (open or closed)."""
    return Consultation.objects.exclude(status=ConsultationStatus.DRAFT).select_related("county")


def _coordinates(user: AnyUser | None, county_id: int) -> bool:
    roles = roles_of(user)
    return roles.is_staff or county_id in roles.coordinator_county_ids


def may_read_consultation_document(user: AnyUser | None, consultation: Consultation) -> bool:
    """The draft's file is public once the consultation is published; before that only
    for the county's coordinators."""
    return consultation.status != ConsultationStatus.DRAFT or _coordinates(
        user, consultation.county_id
    )


def may_read_response_file(user: AnyUser | None, response: ConsultationResponse) -> bool:
    """A response's file is public with a public response of a published consultation;
    otherwise only for the organisation's representatives and the county's coordinators."""
    consultation = response.consultation
    if response.is_public and consultation.status != ConsultationStatus.DRAFT:
        return True
    return response.organisation_id in roles_of(user).organisation_ids or _coordinates(
        user, consultation.county_id
    )
