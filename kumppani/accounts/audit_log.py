"""The audit log page: a county's coordinators read their counties' events, staff all.

Events show in words: the declared action's label, the object's type and label, the reason
and the changed fields when the event carries them. The page filters by action, person,
object, dates and (for staff and coordinators of several counties) county; it is paged, it
exports as CSV or Excel, and every reading and export is itself recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kumppani.core import lists
from kumppani.core.access import signed_in
from kumppani.core.actions import action_label, declared_actions
from kumppani.core.actor import Actor
from kumppani.core.exports import Column, ColumnType, export_response
from kumppani.core.forms import CountyChoiceField, DateField, SearchField
from kumppani.core.languages import current_language, sort_key
from kumppani.core.models import AuditEvent, County

from .models import User
from .roles import AnyUser, coordinated_counties, roles_of
from .services import audit_log_read_record

PAGE_SIZE = 50
TEMPLATES = ("accounts/audit_log.html", "accounts/includes/audit_results.html")
SORTS = {
    "newest": lists.Sort(gettext_lazy("Newest first"), ("-occurred_at", "-id")),
    "oldest": lists.Sort(gettext_lazy("Oldest first"), ("occurred_at", "id")),
}


# --- who sees which events, and which match the filters ----------------------------------


def audit_events_visible_to(user: AnyUser) -> QuerySet[AuditEvent]:
    """A county's coordinators see that county's events; staff see all; others none."""
    events = AuditEvent.objects.select_related("county", "actor")
    roles = roles_of(user)
    if roles.is_staff:
        return events
    return events.filter(county_id__in=roles.coordinator_county_ids)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_events_matching(user: AnyUser, filters: Mapping[str, Any]) -> QuerySet[AuditEvent]:
    """The user's visible events matching cleaned filters (AuditLogFilterForm), newest first."""
    events = audit_events_visible_to(user)
    if action := filters.get("action"):
        events = events.filter(action=action)
    if person := (filters.get("person") or "").strip():
        events = events.filter(
            Q(actor_label__icontains=person) | Q(actor__full_name__icontains=person)
        )
    if obj := (filters.get("object") or "").strip():
        events = events.filter(Q(object_label__icontains=obj) | Q(object_id__icontains=obj))
    if date_from := filters.get("date_from"):
        events = events.filter(occurred_at__gte=_start_of(date_from))
    if (date_to := filters.get("date_to")) and date_to < date.max:
        events = events.filter(occurred_at__lt=_start_of(date_to + timedelta(days=1)))
    if county := filters.get("county"):
        events = events.filter(county=county)
    return events.order_by("-occurred_at", "-id")


def county_choices(user: AnyUser) -> QuerySet[County]:
    """The counties whose events the user may read: every county for staff."""
    if roles_of(user).is_staff:
        return County.objects.order_by("code")
    return coordinated_counties(user)


# --- the filter form -----------------------------------------------------------------------


class AuditLogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose an action from the list.")},
    )
    person = SearchField(
        label=gettext_lazy("Person"),
        max_length=254,
        help_text=gettext_lazy("A part of the name or email address."),
    )
    object = SearchField(
        label=gettext_lazy("Object"),
        max_length=255,
        help_text=gettext_lazy("A part of the object's name or identifier."),
    )
    date_from = DateField(label=gettext_lazy("From"), required=False)
    date_to = DateField(label=gettext_lazy("To"), required=False)
    county = CountyChoiceField(
        required=False,
        empty_label=gettext_lazy("All counties"),
        error_messages={"invalid_choice": gettext_lazy("Choose a county from the list.")},
    )

    def __init__(self, *args: Any, counties: QuerySet[County], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = current_language()
        actions = sorted(declared_actions(), key=lambda a: sort_key(str(a.label), language))
        self.fields["action"].choices = [  # type: ignore[attr-defined]
            ("", _("All actions")),
            *((action.code, str(action.label)) for action in actions),
        ]
        county_list = list(counties)
        if len(county_list) > 1:
            self.fields["county"].queryset = counties  # type: ignore[attr-defined]
        else:
            del self.fields["county"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise ValidationError(
                _("The start date is after the end date. Check the dates."), code="date_order"
            )
        return data


# --- events in words -----------------------------------------------------------------------


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(event: AuditEvent) -> str:
    """The object's type in words ("organisation"), or as recorded when it is unknown."""
    model = _model(event.object_type) if event.object_type else None
    return str(model._meta.verbose_name) if model is not None else event.object_type


def changed_fields(event: AuditEvent) -> list[str]:
    """The names of the fields the event changed, in words where the model knows them."""
    names = event.details.get("changed") or event.details.get("fields") or []
    if not isinstance(names, list):
        return []
    model = _model(event.object_type) if event.object_type else None
    labels = []
    for name in names:
        try:
            field = model._meta.get_field(str(name)) if model is not None else None
        except FieldDoesNotExist:
            field = None
        labels.append(str(getattr(field, "verbose_name", name)))
    return labels


def reason(event: AuditEvent) -> str:
    value = event.details.get("reason")
    return str(value) if value else ""


def person(event: AuditEvent) -> str:
    """The actor's name and the address they signed in with, as recorded then."""
    name = event.actor.full_name if event.actor is not None else ""
    return f"{name} ({event.actor_label})" if name else event.actor_label


@dataclass(frozen=True)
class EventInWords:
    """An event as the page shows it."""

    event: AuditEvent
    person: str
    action: str
    object_type: str
    reason: str
    changed_fields: list[str]


def in_words(event: AuditEvent) -> EventInWords:
    return EventInWords(
        event=event,
        person=person(event),
        action=action_label(event.action),
        object_type=object_type_label(event),
        reason=reason(event),
        changed_fields=changed_fields(event),
    )


COLUMNS: list[Column[AuditEvent]] = [
    Column(gettext_lazy("Time"), lambda event: event.occurred_at, ColumnType.DATETIME),
    Column(gettext_lazy("Person"), person, width=36),
    Column(gettext_lazy("Action"), lambda event: action_label(event.action), width=36),
    Column(gettext_lazy("Action code"), lambda event: event.action, width=36),
    Column(gettext_lazy("Object type"), object_type_label, width=20),
    Column(gettext_lazy("Object"), lambda event: event.object_label, width=36),
    Column(gettext_lazy("Object identifier"), lambda event: event.object_id, width=20),
    Column(gettext_lazy("Reason"), reason, width=36),
    Column(
        gettext_lazy("Changed fields"), lambda event: ", ".join(changed_fields(event)), width=36
    ),
    Column(gettext_lazy("Wellbeing services county"), lambda event: event.county or "", width=24),
    Column(gettext_lazy("Outcome"), lambda event: event.get_outcome_display(), width=12),
    Column(gettext_lazy("IP address"), lambda event: event.ip_address or "", width=16),
]


# --- pages ---------------------------------------------------------------------------------


def _listing(request: HttpRequest) -> lists.Listing[AuditEvent]:
    user: User = request.user  # type: ignore[assignment]
    return lists.list_page(
        request,
        AuditLogFilterForm(request.GET, counties=county_choices(user)),
        lambda filters: audit_events_matching(user, filters),
        sorts=SORTS,
        page_size=PAGE_SIZE,
    )


def counties_read(user: AnyUser, county: County | None) -> list[County]:
    """The counties whose events a reading covers: the one filtered by, else the user's
    (none for staff, who read every county's events and those of no county)."""
    if county is not None:
        return [county]
    if roles_of(user).is_staff:
        return []
    return list(coordinated_counties(user))


@signed_in
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """Coordinators read their counties' audit events, newest first; the reading is
    recorded."""
    listing = _listing(request)
    if listing.page is not None:
        audit_log_read_record(
            actor=Actor.from_request(request),
            counties=counties_read(request.user, listing.form.cleaned_data.get("county")),
            filters=listing.filter_values(),
            page=listing.page.number,
            rows=len(listing.page.object_list),
        )
    events = [in_words(event) for event in listing.page or []]
    return lists.render_list(request, listing, *TEMPLATES, {"events": events})


@signed_in
@require_GET
def audit_log_export(request: HttpRequest) -> HttpResponseBase:
    """The filtered audit log as CSV or Excel; the export is recorded."""
    listing = _listing(request)
    file_format = lists.export_format(request, listing)
    if file_format is None or listing.rows is None:
        return lists.render_list(request, listing, *TEMPLATES, {"events": []}, status=400)
    counties = counties_read(request.user, listing.form.cleaned_data.get("county"))
    # The export holds the events recorded before it began: not its own record, which
    # is written as it begins and would otherwise stream out with the rest.
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return export_response(
        listing.rows.filter(id__lte=last),
        columns=COLUMNS,
        file_format=file_format,
        filename="audit-log",
        title=_("Audit log"),
        actor=Actor.from_request(request),
        action="accounts.audit_log.export",
        county=counties[0] if counties else None,
        filters=listing.filter_values(),
        details={"counties": [county.code for county in counties]},
    )
