"""The grantee's side of a decided application: the decision and its document, the payments
with any hold, and the usage report form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts.roles import roles_of
from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.documents import pdf_response
from kumppani.core.submissions import create_from_form, token_from

from .. import access
from ..documents import decision_pdf
from ..funding_forms import UsageReportForm
from ..holds import payment_holds
from ..models import Application, BudgetCategory, Decision, Payment, ReportStatus, UsageReport
from ..services.funding import report_submit

OPEN_REPORT = {ReportStatus.DUE, ReportStatus.INFO_REQUESTED}


def _application(request: HttpRequest, public_id: UUID) -> Application:
    return first_or_404(access.applications_visible(request.user), public_id=public_id)


def _decision(application: Application) -> Decision | None:
    return (
        Decision.objects.filter(application=application)
        .select_related("application__organisation", "application__call__programme__county")
        .first()
    )


def report_lines(report: UsageReport) -> dict[str, Any]:
    """The budget against the money used, by cost category, with the totals and the
    amount left unused."""
    labels = dict(BudgetCategory.choices)
    planned: dict[str, Decimal] = {}
    for line in report.decision.application.budget_lines.all():
        planned[line.category] = planned.get(line.category, Decimal(0)) + line.amount
    used = {line.category: line.amount for line in report.lines.all()}
    order = [c for c in BudgetCategory.values if c in planned or c in used]
    return {
        "rows": [
            {"label": labels[c], "planned": planned.get(c), "used": used.get(c)} for c in order
        ],
        "planned_total": sum(planned.values(), Decimal(0)),
        "used_total": report.amount_used,
        "granted": report.decision.amount,
        "unused": report.unused,
    }


def funding(application: Application, user: Any) -> dict[str, Any]:
    """What the applicant's page shows once the application is decided: the decision, its
    payments with any hold reason, the usage report and any open recovery."""
    decision = _decision(application)
    if decision is None:
        return {}
    payments = list(
        Payment.objects.filter(decision=decision).select_related(
            "decision__application__call__programme"
        )
    )
    holds = payment_holds(payments)
    report = UsageReport.objects.filter(decision=decision).first()
    return {
        "decision": decision,
        "payments": [{"payment": p, "hold_reason": holds[p.pk]} for p in payments],
        "report": report,
        "may_report": report is not None
        and report.status in OPEN_REPORT
        and roles_of(user).represents(application.organisation_id),
        "open_recoveries": list(decision.recoveries.filter(repaid_on__isnull=True)),
    }


@declare(access.APPLICANT)
@signed_in
@require_GET
def decision_document(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The decision as a PDF, in the application's language (or ``?lang=fi`` / ``sv``)."""
    application = _application(request, public_id)
    decision = _decision(application)
    if decision is None or not access.may_read_decision(request.user, decision):
        raise Http404
    language = request.GET.get("lang", "")
    pdf = decision_pdf(decision, language if language in {"fi", "sv"} else None)
    return pdf_response(pdf, filename="decision.pdf", inline=True)


def _planned(application: Application) -> list[tuple[str, Any, Decimal]]:
    labels = dict(BudgetCategory.choices)
    planned: dict[str, Decimal] = {}
    for line in application.budget_lines.all():
        planned[line.category] = planned.get(line.category, Decimal(0)) + line.amount
    if not planned:
        planned[BudgetCategory.OTHER] = Decimal(0)
    return [(c, labels[c], planned[c]) for c in BudgetCategory.values if c in planned]


@declare(access.APPLICANT)
@signed_in
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The usage report: what was done, whom it reached, and the money used in each cost
    category of the budget; sent once (again when more information is asked for)."""
    application = _application(request, public_id)
    require(roles_of(request.user).represents(application.organisation_id))
    decision = _decision(application)
    report = UsageReport.objects.filter(decision=decision).first() if decision else None
    if report is None:
        raise Http404
    detail_url = reverse("grants:application_detail", args=[application.public_id])
    if report.status not in OPEN_REPORT:
        messages.info(request, _("The usage report has already been sent."))
        return redirect(detail_url)
    used = {line.category: line.amount for line in report.lines.all()}
    initial = {
        "what_was_done": report.what_was_done,
        "people_reached": report.people_reached,
        "volunteers": report.volunteers,
        "volunteer_hours": report.volunteer_hours,
        **{f"used_{category}": amount for category, amount in used.items()},
    }
    form = UsageReportForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        planned=_planned(application),
    )
    if form.is_valid():
        sent = create_from_form(
            request,
            form,
            create=lambda: report_submit(
                report=report,
                actor=Actor.from_request(request),
                lines=form.lines(),
                **form.report_fields(),
            ),
            result_url=lambda _report: detail_url,
            success=_("The usage report was sent."),
        )
        if sent:
            return sent
    return render(
        request,
        "grants/report_form.html",
        {
            "application": application,
            "decision": decision,
            "report": report,
            "form": form,
            "submission_token": token_from(request),
        },
    )
