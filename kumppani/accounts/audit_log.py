"""The audit log page: a county's coordinators read their county's events, staff all."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kumppani.core.access import signed_in
from kumppani.core.models import AuditEvent

from .models import User
from .roles import AnyUser, roles_of


def audit_events_visible_to(user: AnyUser) -> QuerySet[AuditEvent]:
    """A county's coordinators see that county's events; staff see all; others none."""
    events = AuditEvent.objects.select_related("county")
    roles = roles_of(user)
    if roles.is_staff:
        return events
    return events.filter(county_id__in=roles.coordinator_county_ids)


@signed_in
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """Coordinators read their county's audit events, newest first."""
    user: User = request.user  # type: ignore[assignment]
    events = audit_events_visible_to(user)
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page, "action": action})
