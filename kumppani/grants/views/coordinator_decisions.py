"""The coordinator's proposals for decisions on a call: the sent applications and those in
review, the best scored first, each with its decision form."""

from __future__ import annotations

from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kumppani.core.access import declare, signed_in
from kumppani.core.languages import translated
from kumppani.core.submissions import new_token

from .. import access
from ..coordinator_forms import decision_forms
from ..models import Assignment
from ..services.funding import decided_total
from ..services.review import summary
from .coordinator_applications import DECIDABLE, managed_call

PAGE_SIZE = 20


@declare(access.COORDINATOR)
@signed_in
@require_GET
def call_decisions(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Each application waiting for a decision, by score, with the appropriation left. The
    forms are sent to the application's page, which comes back here once decided."""
    call = managed_call(request, public_id)
    rows, appropriation = summary(call)
    waiting = [row for row in rows if row.application.status in DECIDABLE]
    decided = decided_total(call.programme)
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    disqualified = set(
        Assignment.objects.filter(
            application__call=call, reviewer_id=request.user.pk, disqualified=True
        ).values_list("application_id", flat=True)
    )
    items = []
    for row in page:
        forms = (
            None
            if row.application.pk in disqualified
            else decision_forms(
                row.application.pk,
                None,
                show_confirmation=decided + row.requested > appropriation,
                initial={"amount": row.application.requested_amount},
            )
        )
        items.append((row, forms, new_token()))
    return render(
        request,
        "grants/call_decisions.html",
        {
            "call": call,
            "title": translated(call, "title"),
            "items": items,
            "page": page,
            "query": "",
            "appropriation": appropriation,
            "decided": decided,
            "left": appropriation - decided,
        },
    )
