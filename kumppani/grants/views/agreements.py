"""The coordinator's partnership agreements: each with its yearly tranches and a button to
release the next one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kumppani.core.access import declare, require, signed_in
from kumppani.core.actor import Actor

from .. import access
from ..models import PartnershipAgreement, Tranche
from ..services.agreements import tranche_release as release

PAGE_SIZE = 50


def _agreements(request: HttpRequest) -> QuerySet[PartnershipAgreement]:
    counties = access.coordinated_county_ids(request.user)
    agreements = PartnershipAgreement.objects.select_related("county", "organisation")
    return agreements if counties is None else agreements.filter(county_id__in=counties)


@declare(access.COORDINATOR)
@signed_in
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    """The partnership agreements of the counties the user coordinates, with tranches."""
    counties = access.coordinated_county_ids(request.user)
    require(counties is None or bool(counties))
    agreements = _agreements(request).prefetch_related(
        Prefetch("tranches", queryset=Tranche.objects.order_by("year"))
    )
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "grants/agreements.html", {"page": page})


@declare(access.COORDINATOR)
@signed_in
@require_POST
def tranche_release(request: HttpRequest, pk: int) -> HttpResponse:
    """Release a tranche, or say why it waits."""
    tranche = (
        Tranche.objects.select_related("agreement__organisation", "agreement__county")
        .filter(agreement__in=_agreements(request), pk=pk)
        .first()
    )
    if tranche is None:
        raise Http404
    try:
        release(tranche=tranche, actor=Actor.from_request(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The tranche for %(year)s of “%(title)s” has been released.")
            % {"year": tranche.year, "title": tranche.agreement.title},
        )
    return redirect("grants:agreements")
