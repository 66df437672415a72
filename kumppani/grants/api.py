"""The grants API: published calls and the register of decisions for everyone; decision
documents and payments for those whose work they are."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.utils import check_csrf

from kumppani.core.access import declare, public
from kumppani.core.actor import Actor
from kumppani.core.api import ErrorOut, Pagination, api_error, error_responses, valid_query
from kumppani.core.documents import PDF_CONTENT_TYPE
from kumppani.core.idempotency import idempotency_openapi, idempotent
from kumppani.core.languages import translated

from . import access, selectors
from .documents import decision_pdf
from .forms import (
    ApplicationFilterForm,
    CallFilterForm,
    DecisionFilterForm,
    PaymentFilterForm,
)
from .funding_forms import ReportFilterForm
from .holds import payment_holds
from .models import Application, Assignment, Call, Decision, Payment, UsageReport
from .services.funding import Held, payment_approve, payment_hold

router = Router(tags=["grants"])


class CallOut(Schema):
    id: UUID = Field(alias="public_id")
    county_code: str = Field(alias="programme.county.code")
    kind: str = Field(alias="programme.kind")
    year: int = Field(alias="programme.year")
    title: str
    language: str
    opens_on: date
    closes_on: date  # the last day as published
    deadline: datetime  # the end of the effective last day (150/1930 §5), with its offset
    notices_open_on: date | None
    notices_close_on: date | None
    status: str  # upcoming, open, closed

    @staticmethod
    def resolve_title(call: Call) -> str:
        return translated(call, "title").text

    @staticmethod
    def resolve_language(call: Call) -> str:
        return translated(call, "title").language

    @staticmethod
    def resolve_deadline(call: Call) -> datetime:
        return call.deadline.replace(microsecond=0)

    @staticmethod
    def resolve_status(call: Call) -> str:
        return selectors.call_phase(call, timezone.now())


@router.get(
    "/calls",
    response=list[CallOut],
    summary="Published calls for grant applications",
    openapi_extra=error_responses(400),
)
@paginate(Pagination)
@public
def list_calls(request: HttpRequest, county: str = "", kind: str = "", year: str = "") -> object:
    """Published calls, the latest last day first; filter by county (2-digit code), kind
    (operating, partnership, one_off, project) and year. ``closes_on`` is the last day as
    published, ``deadline`` the moment applications stop being accepted by the law."""
    form = valid_query(CallFilterForm({"county": county, "kind": kind, "year": year}))
    return selectors.published_calls(**form.filters())


@router.get(
    "/calls/{call_id}",
    response=CallOut,
    summary="One published call",
    openapi_extra=error_responses(400, 404),
)
@public
def get_call(request: HttpRequest, call_id: UUID) -> Call:
    call = selectors.published_calls().filter(public_id=call_id).first()
    if call is None:
        raise HttpError(404, _("No published call has this id."))
    return call


class DecisionOut(Schema):
    id: UUID = Field(alias="public_id")
    county_code: str = Field(alias="application.call.programme.county.code")
    organisation: str = Field(alias="application.organisation.name")
    business_id: str = Field(alias="application.organisation.business_id")
    call: str
    kind: str = Field(alias="application.call.programme.kind")
    year: int = Field(alias="application.call.programme.year")
    purpose: str = Field(alias="application.activity")
    amount: Decimal
    decided_on: date

    @staticmethod
    def resolve_call(decision: Decision) -> str:
        return translated(decision.application.call, "title").text


@router.get(
    "/decisions",
    response=list[DecisionOut],
    summary="The public register of grant decisions",
    openapi_extra=error_responses(400),
)
@paginate(Pagination)
@public
def list_decisions(
    request: HttpRequest,
    county: str = "",
    kind: str = "",
    year: str = "",
    organisation: str = "",
) -> object:
    """Grants given, the latest first, as open data; filter by county (2-digit code), kind,
    year and organisation (business ID)."""
    form = valid_query(
        DecisionFilterForm(
            {"county": county, "kind": kind, "year": year, "organisation": organisation}
        )
    )
    return selectors.decision_register(**form.filters())


@router.get(
    "/decisions/{decision_id}/document",
    response={200: None},
    summary="A decision as a PDF document",
    openapi_extra=error_responses(400, 403, 404),
)
@declare(access.APPLICANT)
def decision_document(request: HttpRequest, decision_id: UUID, lang: str = "") -> HttpResponse:
    """The decision in Finnish or Swedish (the applicant's language when ``lang`` is not
    given), for the applicant's representatives and the county's coordinators."""
    if lang not in {"", "fi", "sv"}:
        raise HttpError(400, _("Choose fi or sv as the language of the document."))
    decision = (
        Decision.objects.filter(public_id=decision_id)
        .select_related("application__organisation", "application__call__programme__county")
        .first()
    )
    if decision is None or not access.may_read_decision(request.user, decision):
        raise HttpError(404, _("No decision with this id is yours to read."))
    pdf = decision_pdf(decision, lang or None)
    return HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)


def _hold(payment: Payment) -> str:
    """The payment's hold reason: set for the whole page by `PaymentPagination`, looked up
    for a lone payment (the approve operation's answer)."""
    if not hasattr(payment, "_hold_reason"):
        payment._hold_reason = payment_hold(payment)  # type: ignore[attr-defined]
    return str(payment._hold_reason)  # type: ignore[attr-defined]


class PaymentPagination(Pagination):
    """`Pagination` that looks up the hold reasons of the page's payments in one pass."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        holds = payment_holds(items)
        for payment in items:
            payment._hold_reason = holds[payment.pk]
        return {**page, self.items_attribute: items}


class PaymentOut(Schema):
    id: UUID = Field(alias="public_id")
    organisation: str = Field(alias="decision.application.organisation.name")
    business_id: str = Field(alias="decision.application.organisation.business_id")
    amount: Decimal
    due_on: date
    status: str
    on_hold: bool
    hold_reason: str

    @staticmethod
    def resolve_hold_reason(payment: Payment) -> str:
        return _hold(payment)

    @staticmethod
    def resolve_on_hold(payment: Payment) -> bool:
        return bool(_hold(payment))


@router.get(
    "/payments",
    response=list[PaymentOut],
    summary="Payments of the counties you coordinate",
    openapi_extra=error_responses(400, 403),
)
@paginate(PaymentPagination)
@declare(access.COORDINATOR)
def list_payments(
    request: HttpRequest, county: str = "", status: str = "", on_hold: str = ""
) -> object:
    """Instalments by due date, each with ``hold_reason`` (empty when it may be paid)."""
    counties = access.coordinated_county_ids(request.user)
    if counties is not None and not counties:
        raise HttpError(403, _("Only the wellbeing services county's coordinators see payments."))
    form = valid_query(PaymentFilterForm({"county": county, "status": status, "on_hold": on_hold}))
    return selectors.payments_matching(counties, **form.cleaned_data)


@router.post(
    "/payments/{payment_id}/approve",
    response={200: PaymentOut, 409: ErrorOut},
    summary="Approve a payment",
    openapi_extra=idempotency_openapi(400, 403, 404),
)
@declare(access.COORDINATOR)
def approve_payment(request: HttpRequest, payment_id: UUID) -> HttpResponse:
    """Approve an instalment. While the organisation's money is held (an earlier usage
    report not accepted, an open recovery) the answer is 409 with the reason. Approving an
    approved payment again answers as the first time. With an ``Idempotency-Key`` a retry
    gets the first answer without approving again."""
    return idempotent(request, partial(_approve, request, payment_id))


def _approve(request: HttpRequest, payment_id: UUID) -> HttpResponse:
    if check_csrf(request) is not None:
        # A browser session's write needs its CSRF token, as on the pages.
        raise HttpError(403, _("The request lacks its CSRF token. Reload the page and try again."))
    counties = access.coordinated_county_ids(request.user)
    payments = selectors.payments_for(counties)
    payment = payments.filter(public_id=payment_id).first()
    if payment is None:
        raise HttpError(404, _("No payment with this id is yours to approve."))
    try:
        payment_approve(payment=payment, actor=Actor.from_request(request))
    except Held as held:
        return api_error(409, " ".join(held.messages))
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from None
    return JsonResponse(PaymentOut.from_orm(payment).model_dump(mode="json"))


class ReportOut(Schema):
    id: UUID = Field(alias="decision.public_id")  # the decision's id
    organisation: str = Field(alias="decision.application.organisation.name")
    business_id: str = Field(alias="decision.application.organisation.business_id")
    purpose: str = Field(alias="decision.application.activity")
    year: int = Field(alias="decision.application.call.programme.year")
    amount_granted: Decimal = Field(alias="decision.amount")
    due_on: date = Field(alias="decision.report_due")
    status: str
    submitted_at: datetime | None
    amount_used: Decimal | None
    unused: Decimal | None

    @staticmethod
    def resolve_unused(report: UsageReport) -> Decimal | None:
        return report.unused  # type: ignore[return-value]


@router.get(
    "/reports",
    response=list[ReportOut],
    summary="Usage reports: your counties' or your organisations'",
    openapi_extra=error_responses(400, 403),
)
@paginate(Pagination)
@declare(access.APPLICANT)
def list_reports(
    request: HttpRequest, county: str = "", status: str = "", overdue: str = "", year: str = ""
) -> object:
    """Usage reports, the earliest due first: a coordinator sees the county's, an
    organisation's representative the organisation's. ``overdue=yes`` lists those not sent
    (or not completed) by their day."""
    counties = access.coordinated_county_ids(request.user)
    organisations = access.represented_organisation_ids(request.user)
    if counties is not None and not counties and not organisations:
        raise HttpError(403, _("Sign in as a coordinator or an organisation's representative."))
    form = valid_query(
        ReportFilterForm({"county": county, "status": status, "overdue": overdue, "year": year})
    )
    return selectors.reports_matching(
        selectors.reports_for(counties, organisations), **form.filters()
    )


class ApplicationOut(Schema):
    id: UUID = Field(alias="public_id")
    call: UUID = Field(alias="call.public_id")
    county_code: str = Field(alias="call.programme.county.code")
    organisation: str = Field(alias="organisation.name")
    business_id: str = Field(alias="organisation.business_id")
    status: str
    activity: str
    requested_amount: Decimal | None
    submitted_at: datetime | None
    granted_amount: Decimal | None  # null until decided

    @staticmethod
    def resolve_granted_amount(application: Application) -> Decimal | None:
        decision = getattr(application, "decision", None)
        return decision.amount if decision is not None else None


@router.get(
    "/applications",
    response=list[ApplicationOut],
    summary="Applications of your organisations, or of the counties you coordinate",
    openapi_extra=error_responses(400, 403),
)
@paginate(Pagination)
@declare(access.APPLICANT)
def list_applications(request: HttpRequest, call: str = "", status: str = "") -> object:
    """The latest first. A representative sees their organisations' applications, drafts
    included; a coordinator every application to their county's calls. Filter by ``call``
    (id) and ``status``."""
    if not request.user.is_authenticated:
        raise HttpError(403, _("Sign in to see applications."))
    form = valid_query(ApplicationFilterForm({"call": call, "status": status}))
    applications = access.applications_visible(request.user).select_related("decision")
    if form.cleaned_data["call"]:
        applications = applications.filter(call__public_id=form.cleaned_data["call"])
    if form.cleaned_data["status"]:
        applications = applications.filter(status=form.cleaned_data["status"])
    return applications.order_by("-created_at", "-id")


class ReviewScoreOut(Schema):
    criterion: str
    score: int
    comment: str


class ReviewOut(Schema):
    id: int
    application: UUID = Field(alias="application.public_id")
    organisation: str = Field(alias="application.organisation.name")
    activity: str = Field(alias="application.activity")
    declared: bool
    disqualified: bool | None  # null until declared
    scores: list[ReviewScoreOut]  # your own scores

    @staticmethod
    def resolve_declared(assignment: Assignment) -> bool:
        return assignment.disqualified is not None

    @staticmethod
    def resolve_scores(assignment: Assignment) -> list[dict[str, object]]:
        return [
            {"criterion": str(s.criterion.title), "score": s.score, "comment": s.comment}
            for s in assignment.scores.all()
        ]


@router.get(
    "/reviews",
    response=list[ReviewOut],
    summary="The applications given to you to review",
    openapi_extra=error_responses(400, 403),
)
@paginate(Pagination)
@declare(access.REVIEWER)
def list_reviews(request: HttpRequest) -> object:
    """Your review assignments, the newest first, with your declaration of
    disqualification and your own scores (nothing of other reviewers')."""
    if not request.user.is_authenticated:
        raise HttpError(403, _("Sign in to see your reviews."))
    return (
        Assignment.objects.filter(reviewer_id=request.user.pk)
        .select_related("application__organisation")
        .prefetch_related("scores__criterion")
        .order_by("-assigned_at", "-id")
    )
