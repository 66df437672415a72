"""Who may see and change what in grants.

Published calls are public. A county's coordinators manage its programmes and calls and see
every application to them; staff may do everything. An organisation's representatives see
and edit its applications; sending one (and its declarations) takes signing right.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from kumppani.accounts.models import User
from kumppani.accounts.roles import roles_of
from kumppani.core.models import County

from .models import Application, ApplicationStatus, Call, CountyGoal, Decision, Partner, Programme

COORDINATOR = "grants-coordinator"  # coordinator of the programme's county, staff
APPLICANT = "grants-applicant"  # representative of the applicant, coordinator, staff
REVIEWER = "grants-reviewer"  # the reviewer an application is assigned to

AnyUser = User | AnonymousUser


def applications_visible(user: AnyUser | None) -> QuerySet[Application]:
    """The applications of the organisations the user acts for, and every application in
    the counties the user coordinates."""
    roles = roles_of(user)
    applications = Application.objects.select_related(
        "call", "call__programme", "call__programme__county", "organisation"
    )
    if roles.is_staff:
        return applications
    return applications.filter(organisation_id__in=roles.organisation_ids) | applications.filter(
        call__programme__county_id__in=roles.coordinator_county_ids
    )


def can_edit(user: AnyUser | None, application: Application) -> bool:
    """Change a draft (or one asked to be completed): the applicant's representatives."""
    return application.is_editable_by_applicant and roles_of(user).represents(
        application.organisation_id
    )


def can_submit(user: AnyUser | None, application: Application) -> bool:
    """Send the application and confirm its declarations: signing right in the applicant."""
    return application.is_editable_by_applicant and roles_of(user).signs_for(
        application.organisation_id
    )


def coordinated_county_ids(user: AnyUser | None) -> frozenset[int] | None:
    """The counties whose grants the user manages; None for staff (every county)."""
    roles = roles_of(user)
    return None if roles.is_staff else roles.coordinator_county_ids


def may_read_decision(user: AnyUser | None, decision: Decision) -> bool:
    application = decision.application
    roles = roles_of(user)
    return (
        roles.is_staff
        or roles.represents(application.organisation_id)
        or application.call.programme.county_id in roles.coordinator_county_ids
    )


def managed_applications(user: AnyUser | None) -> QuerySet[Application]:
    """The applications of the counties the user coordinates (every county for staff)."""
    counties = coordinated_county_ids(user)
    applications = Application.objects.select_related(
        "call", "call__programme", "call__programme__county", "organisation"
    )
    return (
        applications
        if counties is None
        else applications.filter(call__programme__county_id__in=counties)
    )


def managed_calls(user: AnyUser | None) -> QuerySet[Call]:
    """The calls of the counties the user coordinates (every county for staff)."""
    counties = coordinated_county_ids(user)
    calls = Call.objects.select_related("programme", "programme__county")
    return calls if counties is None else calls.filter(programme__county_id__in=counties)


def represented_organisation_ids(user: AnyUser | None) -> frozenset[int]:
    """The organisations the user acts for."""
    return frozenset(roles_of(user).organisation_ids)


def may_read_attachments(user: AnyUser | None, application: Application) -> bool:
    """Read an application's attachments: its representatives, the county's coordinators
    (and staff), and a reviewer given it who has declared not being disqualified."""
    roles = roles_of(user)
    if (
        roles.is_staff
        or roles.represents(application.organisation_id)
        or application.call.programme.county_id in roles.coordinator_county_ids
    ):
        return True
    return application.assignments.filter(
        reviewer_id=getattr(user, "pk", None), disqualified=False
    ).exists()


def partner_requests(user: AnyUser | None) -> QuerySet[Partner]:
    """The partnerships the user's organisations are asked to confirm, in drafts."""
    roles = roles_of(user)
    return (
        Partner.objects.filter(
            organisation_id__in=roles.organisation_ids,
            confirmed_at__isnull=True,
            application__status__in=[
                ApplicationStatus.DRAFT,
                ApplicationStatus.INFO_REQUESTED,
            ],
        )
        .select_related("organisation", "application__organisation", "application__call")
        .order_by("application__created_at", "id")
    )


def is_coordinator(user: AnyUser | None) -> bool:
    """Coordinates the grants of some county (or is staff)."""
    counties = coordinated_county_ids(user)
    return counties is None or bool(counties)


def managed_counties(user: AnyUser | None) -> QuerySet[County]:
    """The counties whose grants the user runs (every county for staff)."""
    counties = coordinated_county_ids(user)
    found = County.objects.order_by("code")
    return found if counties is None else found.filter(pk__in=counties)


def managed_programmes(user: AnyUser | None) -> QuerySet[Programme]:
    """The programmes of the counties the user coordinates (every county for staff)."""
    counties = coordinated_county_ids(user)
    programmes = Programme.objects.select_related("county")
    return programmes if counties is None else programmes.filter(county_id__in=counties)


def managed_goals(user: AnyUser | None) -> QuerySet[CountyGoal]:
    counties = coordinated_county_ids(user)
    goals = CountyGoal.objects.select_related("county")
    return goals if counties is None else goals.filter(county_id__in=counties)
