"""The coordinator's partnership agreements: the list (filtered, paged), each with its yearly
tranches, why a tranche not yet released waits, and a button to release it; and the pages to
make an agreement and to change one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kumppani.core import lists
from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.concurrency import VERSION_FIELD, ChangedMeanwhile
from kumppani.core.forms import add_service_errors, service_told
from kumppani.core.models import County
from kumppani.core.submissions import create_from_form, new_token

from .. import access
from ..agreement_forms import (
    AgreementFilterForm,
    AgreementForm,
    NewAgreementForm,
    TrancheRows,
    tranche_rows,
)
from ..holds import tranche_holds
from ..models import PartnershipAgreement, Tranche, TrancheStatus
from ..services import agreements as services
from .programmes import managed_county

PAGE_SIZE = 20
AGREEMENT_YEARS = 3


def _agreements(request: HttpRequest) -> QuerySet[PartnershipAgreement]:
    counties = access.coordinated_county_ids(request.user)
    agreements = PartnershipAgreement.objects.select_related("county", "organisation")
    return agreements if counties is None else agreements.filter(county_id__in=counties)


def _matching(
    agreements: QuerySet[PartnershipAgreement], filters: Mapping[str, Any]
) -> QuerySet[PartnershipAgreement]:
    if filters.get("county"):
        agreements = agreements.filter(county__code=filters["county"])
    name = (filters.get("organisation") or "").strip()
    if name:
        agreements = agreements.filter(
            Q(organisation__name__icontains=name)
            | Q(organisation__name_fi__icontains=name)
            | Q(organisation__name_sv__icontains=name)
        )
    if filters.get("year"):
        agreements = agreements.filter(
            starts_year__lte=filters["year"], ends_year__gte=filters["year"]
        )
    return agreements.prefetch_related(
        Prefetch("tranches", queryset=Tranche.objects.order_by("year"))
    ).order_by("county__code", "organisation__name", "id")


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET"])
def agreement_list(request: HttpRequest) -> HttpResponse:
    """The partnership agreements of the counties the user coordinates, with tranches and
    why each one not yet released waits."""
    require(access.is_coordinator(request.user))
    agreements = _agreements(request)
    listing = lists.list_page(
        request,
        AgreementFilterForm(request.GET),
        lambda filters: _matching(agreements, filters),
        page_size=PAGE_SIZE,
    )
    shown = list(listing.page) if listing.page else []
    planned = [t for a in shown for t in a.tranches.all() if t.status == TrancheStatus.PLANNED]
    holds = tranche_holds(planned)
    return lists.render_list(
        request,
        listing,
        "grants/agreements.html",
        "grants/_agreement_results.html",
        {
            "rows": [
                {
                    "agreement": a,
                    "tranches": [
                        {"tranche": t, "hold": holds.get(t.pk, "")} for t in a.tranches.all()
                    ],
                }
                for a in shown
            ],
            "counties": list(access.managed_counties(request.user)),
        },
    )


def _tranche_forms(request: HttpRequest, initial: list[dict[str, Any]]) -> Any:
    return TrancheRows(
        request.POST if request.method == "POST" else None, initial=initial, prefix="tranches"
    )


def _render(
    request: HttpRequest,
    county: County,
    agreement: PartnershipAgreement | None,
    form: AgreementForm,
    tranches: Any,
) -> HttpResponse:
    released = (
        list(agreement.tranches.filter(status=TrancheStatus.RELEASED).order_by("year"))
        if agreement
        else []
    )
    return render(
        request,
        "grants/agreement_edit.html",
        {
            "county": county,
            "agreement": agreement,
            "form": form,
            "tranches": tranches,
            "released": released,
            "submission_token": new_token(),
        },
    )


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def agreement_new(request: HttpRequest, code: str) -> HttpResponse:
    """A new partnership agreement of the county, with a row for each year's tranche."""
    county = managed_county(request, code)
    first = timezone.localdate().year + 1
    last = first + AGREEMENT_YEARS - 1
    form = NewAgreementForm(
        request.POST if request.method == "POST" else None,
        county=county,
        initial={"starts_year": first, "ends_year": last},
    )
    tranches = _tranche_forms(request, tranche_rows(first, last))
    if request.method == "POST" and form.is_valid() and tranches.is_valid():
        saved = create_from_form(
            request,
            form,
            create=lambda: services.agreement_create(
                actor=Actor.from_request(request),
                county=county,
                organisation=form.cleaned_data["organisation"],
                tranches=tranches.tranches(),
                **form.values(),
            ),
            result_url=lambda _made: reverse("grants:agreements"),
            success=_("The partnership agreement was saved."),
            tell_repeat=True,
        )
        if saved:
            return saved
    return _render(request, county, None, form, tranches)


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement and its tranches not yet released (those released are shown, fixed)."""
    require(access.is_coordinator(request.user))
    agreement = first_or_404(_agreements(request), pk=pk)
    form = AgreementForm(
        request.POST if request.method == "POST" else None,
        initial=AgreementForm.initial_for(agreement),
    )
    planned = list(agreement.tranches.filter(status=TrancheStatus.PLANNED).order_by("year"))
    released_years = set(
        agreement.tranches.filter(status=TrancheStatus.RELEASED).values_list("year", flat=True)
    )
    rows = [
        row
        for row in tranche_rows(agreement.starts_year, agreement.ends_year, planned)
        if row["year"] not in released_years
    ]
    tranches = _tranche_forms(request, rows)
    if request.method == "POST" and form.is_valid() and tranches.is_valid():
        data = form.values()
        released = [
            (t.year, t.amount) for t in agreement.tranches.filter(status=TrancheStatus.RELEASED)
        ]
        try:
            services.agreement_update(
                actor=Actor.from_request(request),
                agreement=agreement,
                base_version=form.cleaned_data.get(VERSION_FIELD),
                tranches=[*released, *tranches.tranches()],
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, ChangedMeanwhile):
                form.renew_version(agreement)
        else:
            messages.success(request, _("The partnership agreement was saved."))
            return redirect("grants:agreement_edit", pk=agreement.pk)
    return _render(request, agreement.county, agreement, form, tranches)


@declare(access.COORDINATOR)
@signed_in
@require_POST
def tranche_release(request: HttpRequest, pk: int) -> HttpResponse:
    """Release a tranche, or say why it waits."""
    tranche = first_or_404(
        Tranche.objects.select_related("agreement__organisation", "agreement__county"),
        agreement__in=_agreements(request),
        pk=pk,
    )
    service_told(
        request,
        services.tranche_release,
        success=_("The tranche for %(year)s of “%(title)s” has been released.")
        % {"year": tranche.year, "title": tranche.agreement.title},
        tranche=tranche,
        actor=Actor.from_request(request),
    )
    return redirect("grants:agreements")
