from django.db.models import QuerySet

from kumppani.accounts.models import CountyRoleKind, User

from .models import AuditEvent


def audit_events_visible_to(user: User) -> QuerySet[AuditEvent]:
    """A county's coordinators see that county's events; staff see all; others none."""
    events = AuditEvent.objects.select_related("county")
    if user.is_staff:
        return events
    counties = user.county_roles.filter(role=CountyRoleKind.COORDINATOR).values("county_id")
    return events.filter(county_id__in=counties)
