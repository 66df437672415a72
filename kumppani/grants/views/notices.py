"""Advance notices: a representative's notice to a call while the window is open, and the
coordinator's budgeting view of a call's notices (list, export, sums by theme and
municipality against the appropriation)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts.roles import roles_of
from kumppani.core import charts, lists
from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.languages import translated
from kumppani.core.submissions import create_from_form, new_token
from kumppani.organisations.models import Organisation

from .. import access, selectors
from ..exports import NOTICE_COLUMNS
from ..forms import NoticeFilterForm, NoticeForm
from ..models import AdvanceNotice, Call
from ..services import notices as services
from .coordinators import _managed_calls
from .public import call_card


def represented_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation the user acts for here: the one chosen (``organisation``, a public
    id) among those they represent, or the only one."""
    roles = roles_of(request.user)
    chosen = request.POST.get("organisation") or request.GET.get("organisation") or ""
    try:
        chosen_id = UUID(chosen) if chosen else None
    except ValueError:
        chosen_id = None
    if chosen_id is not None:
        return Organisation.objects.filter(
            pk__in=roles.organisation_ids, public_id=chosen_id
        ).first()
    if len(roles.organisation_ids) == 1:
        return Organisation.objects.filter(pk__in=roles.organisation_ids).first()
    return None


@declare(access.APPLICANT)
@signed_in
@require_http_methods(["GET", "POST"])
def notice_edit(request: HttpRequest, call_id: UUID) -> HttpResponse:
    """The organisation's advance notice to the call: made, or changed until the window
    closes."""
    call = selectors.published_calls().filter(public_id=call_id).first()
    if call is None or call.notices_close_on is None:
        raise Http404
    organisation = represented_organisation(request)
    require(organisation is not None)
    assert organisation is not None
    notice = services.notice_of(call, organisation)
    is_open = call.accepts_notices(timezone.now())
    form = NoticeForm(
        request.POST if request.method == "POST" else None,
        initial=NoticeForm.initial_for(notice) if notice else None,
    )
    if request.method == "POST" and is_open and form.is_valid():
        data = dict(form.cleaned_data)
        url = reverse("grants:notice_edit", args=[call.public_id])
        url = f"{url}?organisation={organisation.public_id}"
        saved = create_from_form(
            request,
            form,
            create=lambda: services.notice_save(
                actor=Actor.from_request(request),
                call=call,
                organisation=organisation,
                municipalities=data.pop("municipalities"),
                **data,
            ),
            result_url=lambda _notice: url,
            success=_("The advance notice was saved."),
            tell_repeat=True,
        )
        if saved:
            return saved
    return render(
        request,
        "grants/notice_edit.html",
        {
            **call_card(call),
            "organisation": organisation,
            "notice": notice,
            "is_open": is_open,
            "form": form,
            "submission_token": new_token(),
        },
    )


def _notices(request: HttpRequest, call: Call) -> lists.Listing[AdvanceNotice]:
    def rows(cleaned: Any) -> Any:
        notices = (
            AdvanceNotice.objects.filter(call=call)
            .select_related("organisation")
            .prefetch_related("municipalities")
            .order_by("organisation__name", "id")
        )
        theme = cleaned.get("theme")
        if theme:
            ids = [n.pk for n in notices.only("pk", "themes") if theme in (n.themes or [])]
            notices = notices.filter(pk__in=ids)
        return notices

    return lists.list_page(request, NoticeFilterForm(request.GET), rows)


def _managed_call(request: HttpRequest, public_id: UUID) -> Call:
    return first_or_404(_managed_calls(request), public_id=public_id)


@declare(access.COORDINATOR)
@signed_in
@require_GET
def notice_budgeting(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The call's advance notices and what they add up to against the appropriation."""
    call = _managed_call(request, public_id)
    figures = services.budgeting(call)
    by_theme = charts.bar_chart(
        "notices-by-theme",
        caption=_("Estimated amounts by theme"),
        category_label=_("Theme"),
        value_label=_("Estimated amount (€)"),
        rows=[(label, amount) for label, _count, amount in figures.by_theme],
        euros=True,
    )
    by_municipality = charts.bar_chart(
        "notices-by-municipality",
        caption=_("Estimated amounts by municipality"),
        category_label=_("Municipality"),
        value_label=_("Estimated amount (€)"),
        rows=[(name, amount) for name, _count, amount in figures.by_municipality],
        euros=True,
    )
    against = charts.bar_chart(
        "notices-against-appropriation",
        caption=_("Advance notices against the appropriation"),
        category_label=_("Sum"),
        value_label=_("Euros"),
        rows=[
            (_("Appropriation"), figures.appropriation),
            (_("Estimated in the advance notices"), figures.total),
        ],
        euros=True,
    )
    return lists.render_list(
        request,
        _notices(request, call),
        "grants/notice_budgeting.html",
        "grants/_notice_results.html",
        {
            "call": call,
            "title": translated(call, "title"),
            "figures": figures,
            "charts": [against, by_theme, by_municipality],
        },
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def notice_export(request: HttpRequest, public_id: UUID) -> HttpResponseBase:
    call = _managed_call(request, public_id)
    listing = _notices(request, call)
    return lists.export_list(
        request,
        listing,
        ("grants/notice_budgeting.html", "grants/_notice_results.html"),
        context={"call": call, "title": translated(call, "title"), "charts": []},
        columns=NOTICE_COLUMNS,
        filename="advance-notices",
        title=_("Advance notices"),
        action="grants.notice.export",
        county=call.programme.county,
    )
