"""The coordinator's money pages: the county's payments (approve, sent, paid) and their list
for the finance system, the usage reports (accept, ask for more information, recover part
of a grant), and the recoveries until they are repaid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.core import lists, workflow
from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import add_service_errors
from kumppani.core.submissions import new_token, submit_once, token_from

from .. import access, selectors
from ..exports import PAYMENT_COLUMNS, REPORT_COLUMNS
from ..funding_forms import (
    InfoRequestForm,
    PaymentListForm,
    RecoveryFilterForm,
    RecoveryForm,
    RepaidForm,
    ReportFilterForm,
)
from ..holds import payment_holds
from ..models import Payment, PaymentStatus, Recovery, ReportStatus, UsageReport
from ..services.finance import payment_paid, payment_send, report_request_info
from ..services.funding import (
    Held,
    payment_approve,
    recovery_create,
    recovery_repaid,
    report_accept,
)
from .grantee import report_lines

PAYMENT_ACTIONS: dict[str, Callable[..., Payment]] = {
    "approve": payment_approve,
    "send": payment_send,
    "pay": payment_paid,
}


def _counties(request: HttpRequest) -> frozenset[int] | None:
    """The counties whose money the user manages (None for staff); 403 for anyone else."""
    counties = access.coordinated_county_ids(request.user)
    require(counties is None or bool(counties))
    return counties


def _back(name: str, query: str) -> str:
    """The list page at ``name`` with its filters (re-encoded, so only a query string)."""
    cleaned = QueryDict(query).urlencode()
    return reverse(name) + (f"?{cleaned}" if cleaned else "")


# Payments


def _payments(request: HttpRequest) -> lists.Listing[Payment]:
    counties = _counties(request)
    form = PaymentListForm(request.GET)
    return lists.list_page(
        request, form, lambda _cleaned: selectors.payments_matching(counties, **form.filters())
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def payment_list(request: HttpRequest) -> HttpResponse:
    """The county's payments by due date, each held one with its reason, and the next step
    of each as a button."""
    listing = _payments(request)
    rows = list(listing.page) if listing.page else []
    holds = payment_holds(rows)
    return lists.render_list(
        request,
        listing,
        "grants/payment_list.html",
        "grants/_payment_results.html",
        {
            "rows": [
                {"payment": p, "hold_reason": holds[p.pk], "token": new_token()} for p in rows
            ],
            "statuses": PaymentStatus,
        },
    )


@declare(access.COORDINATOR)
@signed_in
@require_POST
def payment_action(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Approve a payment (refused with the reason while it is held), or mark it sent or
    paid. A repeated click changes nothing."""
    payment = first_or_404(selectors.payments_for(_counties(request)), public_id=public_id)
    verb = request.POST.get("action", "")
    if verb not in PAYMENT_ACTIONS:
        raise SuspiciousOperation("Unknown payment action.")
    back = _back("grants:payment_list", request.POST.get("query", ""))
    try:
        outcome = submit_once(
            token=token_from(request),
            user=request.user,
            create=lambda: PAYMENT_ACTIONS[verb](
                payment=payment, actor=Actor.from_request(request)
            ),
            result_url=lambda _payment: back,
        )
    except Held as held:
        messages.error(
            request,
            _("The payment cannot be approved: %(reason)s") % {"reason": " ".join(held.messages)},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if not outcome.repeated:
            messages.success(
                request,
                {
                    "approve": _("The payment was approved."),
                    "send": _("The payment was marked sent to payment."),
                    "pay": _("The payment was marked paid."),
                }[verb],
            )
    return redirect(back)


@declare(access.COORDINATOR)
@signed_in
@require_GET
def payment_finance_list(request: HttpRequest) -> HttpResponseBase:
    """The approved payments (with the page's other filters) as CSV or Excel for the
    finance system: payee, business ID, IBAN, BIC, amount, day and reference."""
    counties = _counties(request)
    query = request.GET.copy()
    query["status"] = PaymentStatus.APPROVED
    form = PaymentListForm(query)
    listing = lists.list_page(
        request, form, lambda _cleaned: selectors.payments_matching(counties, **form.filters())
    )
    return lists.export_list(
        request,
        listing,
        ("grants/payment_list.html", "grants/_payment_results.html"),
        context={"rows": [], "statuses": PaymentStatus},
        columns=PAYMENT_COLUMNS,
        filename="grant-payments",
        title=_("Payments"),
        action="grants.payment.export",
    )


# Usage reports


def _reports(request: HttpRequest) -> lists.Listing[UsageReport]:
    counties = _counties(request)
    form = ReportFilterForm(request.GET)
    return lists.list_page(
        request,
        form,
        lambda _cleaned: selectors.reports_matching(
            selectors.reports_for(counties), **form.filters()
        ),
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    return lists.render_list(
        request, _reports(request), "grants/report_list.html", "grants/_report_results.html"
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def report_list_export(request: HttpRequest) -> HttpResponseBase:
    listing = _reports(request)
    return lists.export_list(
        request,
        listing,
        ("grants/report_list.html", "grants/_report_results.html"),
        columns=REPORT_COLUMNS,
        filename="usage-reports",
        title=_("Usage reports"),
        action="grants.report.export",
    )


def _report_action(
    request: HttpRequest, report: UsageReport, info: InfoRequestForm, recovery: RecoveryForm
) -> str | None:
    """Carry out the posted action; its success message, or None when a form has errors."""
    actor = Actor.from_request(request)
    here = reverse("grants:report_review", args=[report.decision.public_id])
    verb = request.POST.get("action", "")
    form: Any = {"info": info, "recover": recovery}.get(verb)
    if verb not in {"accept", "info", "recover"}:
        raise SuspiciousOperation("Unknown report action.")
    if form is not None and not form.is_valid():
        return None
    create: dict[str, Callable[[], Any]] = {
        "accept": lambda: report_accept(report=report, actor=actor),
        "info": lambda: report_request_info(
            report=report,
            actor=actor,
            message=info.cleaned_data["message"],
            due=info.cleaned_data["due"],
        ),
        "recover": lambda: recovery_create(
            decision=report.decision,
            actor=actor,
            amount=recovery.cleaned_data["amount"],
            reason=recovery.cleaned_data["reason"],
        ),
    }
    try:
        outcome = submit_once(
            token=token_from(request),
            user=request.user,
            create=create[verb],
            result_url=lambda _result: here,
        )
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
            return ""
        add_service_errors(form, error)
        return None
    if outcome.repeated:
        return ""
    return {
        "accept": _("The usage report was accepted."),
        "info": _("More information was asked for; the organisation was told by email."),
        "recover": _("The recovery was recorded."),
    }[verb]


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def report_review(request: HttpRequest, decision_id: UUID) -> HttpResponse:
    """One usage report with the money used against the budget, and what the coordinator
    does with it: accept it, ask for more information, recover part of the grant."""
    report = first_or_404(
        selectors.reports_for(_counties(request)), decision__public_id=decision_id
    )
    posted = request.POST if request.method == "POST" else None
    info = InfoRequestForm(posted if posted and posted.get("action") == "info" else None)
    recovery = RecoveryForm(posted if posted and posted.get("action") == "recover" else None)
    if posted is not None:
        done = _report_action(request, report, info, recovery)
        if done is not None:
            if done:
                messages.success(request, done)
            return redirect("grants:report_review", decision_id=decision_id)
    decision = report.decision
    return render(
        request,
        "grants/report_review.html",
        {
            "report": report,
            "decision": decision,
            "application": decision.application,
            "lines": report_lines(report),
            "recoveries": list(decision.recoveries.all()),
            "info": info,
            "recovery": recovery,
            "may_decide": report.status == ReportStatus.SUBMITTED,
            "history": workflow.history(report),
            "token": token_from(request),
        },
    )


# Recoveries


def _recoveries(request: HttpRequest) -> lists.Listing[Recovery]:
    counties = _counties(request)
    form = RecoveryFilterForm(request.GET)
    return lists.list_page(
        request, form, lambda _cleaned: selectors.recoveries_for(counties, **form.filters())
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def recovery_list(request: HttpRequest) -> HttpResponse:
    return lists.render_list(
        request,
        _recoveries(request),
        "grants/recovery_list.html",
        "grants/_recovery_results.html",
    )


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def recovery_mark_repaid(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the day a recovered amount was paid back (once; a repeat changes nothing)."""
    recovery = first_or_404(selectors.recoveries_for(_counties(request)), pk=pk)
    form = RepaidForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        recovery_repaid(
            recovery=recovery,
            actor=Actor.from_request(request),
            repaid_on=form.cleaned_data["repaid_on"],
        )
        messages.success(request, _("The recovery was marked repaid."))
        return redirect(_back("grants:recovery_list", request.POST.get("query", "")))
    return render(
        request,
        "grants/recovery_repaid.html",
        {"recovery": recovery, "form": form, "query": request.GET.urlencode()},
    )
