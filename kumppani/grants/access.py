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

from .models import Application, Call, Decision

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


def calls_managed(user: AnyUser | None) -> QuerySet[Call]:
    """The calls of the counties the user coordinates (every call for staff)."""
    counties = coordinated_county_ids(user)
    calls = Call.objects.select_related("programme", "programme__county")
    return calls if counties is None else calls.filter(programme__county_id__in=counties)
