"""The published calls, for everyone."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kumppani.accounts.roles import roles_of
from kumppani.core import deadlines, lists
from kumppani.core.access import first_or_404, public
from kumppani.core.languages import translated
from kumppani.core.submissions import new_token
from kumppani.organisations.models import Organisation

from .. import selectors
from ..exports import DECISION_COLUMNS
from ..forms import CallFilterForm, DecisionFilterForm
from ..models import Call, Decision


def call_card(call: Call) -> dict[str, object]:
    """What the pages show of a call: its title in the reader's language, its phase, and
    the published last day beside the effective deadline when the law moves it."""
    now = timezone.now()
    phase = selectors.call_phase(call, now)
    moved = call.deadline_day != call.closes_on
    return {
        "call": call,
        "title": translated(call, "title"),
        "text": translated(call, "text"),
        "programme_title": translated(call.programme, "title"),
        "phase": phase,
        "phase_label": selectors.PHASE_LABELS[phase],
        "deadline": call.deadline,
        "deadline_moved": moved,
        "moved_because": deadlines.non_working_reason(call.closes_on) if moved else "",
        "days_left": (call.deadline_day - timezone.localdate(now)).days,
    }


@public
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET)
    listing = lists.list_page(
        request, form, lambda _cleaned: selectors.published_calls(**form.filters())
    )
    cards = [call_card(call) for call in listing.page] if listing.page else []
    roles = roles_of(request.user)
    return lists.render_list(
        request,
        listing,
        "grants/call_list.html",
        "grants/_call_results.html",
        {"cards": cards, "coordinates": roles.is_staff or roles.is_coordinator},
    )


@public
@require_GET
def call_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    call = first_or_404(selectors.published_calls(), public_id=public_id)
    roles = roles_of(request.user)
    return render(
        request,
        "grants/call_detail.html",
        {
            **call_card(call),
            "criteria": list(call.programme.criteria.select_related("goal")),
            "may_apply": roles.is_representative and call.accepts_applications(timezone.now()),
            "organisations": list(
                Organisation.objects.filter(pk__in=roles.organisation_ids).order_by("name")
            ),
            "submission_token": new_token(),
            "may_notify": roles.is_representative and call.accepts_notices(timezone.now()),
        },
    )


def _register(request: HttpRequest) -> lists.Listing[Decision]:
    form = DecisionFilterForm(request.GET)
    return lists.list_page(
        request, form, lambda _cleaned: selectors.decision_register(**form.filters())
    )


@public
@require_GET
def decision_register(request: HttpRequest) -> HttpResponse:
    """The grants given, as a public register: filterable, paged, exportable."""
    return lists.render_list(
        request,
        _register(request),
        "grants/decision_register.html",
        "grants/_decision_results.html",
    )


@public
@require_GET
def decision_register_export(request: HttpRequest) -> HttpResponseBase:
    listing = _register(request)
    return lists.export_list(
        request,
        listing,
        ("grants/decision_register.html", "grants/_decision_results.html"),
        columns=DECISION_COLUMNS,
        filename="grant-decisions",
        title=_("Grant decisions"),
        action="grants.decision.export",
    )
