"""The grants API: published calls and the register of decisions for everyone; decision
documents and payments for those whose work they are."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import partial
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.utils import check_csrf

from kumppani.core.access import declare, public
from kumppani.core.actor import Actor
from kumppani.core.api import ErrorOut, Pagination, api_error, error_responses
from kumppani.core.documents import PDF_CONTENT_TYPE
from kumppani.core.idempotency import idempotency_openapi, idempotent
from kumppani.core.languages import translated

from . import access, selectors
from .documents import decision_pdf
from .forms import CallFilterForm, DecisionFilterForm, PaymentFilterForm
from .models import Call, Decision, Payment
from .services.funding import Held, payment_approve, payment_hold

router = Router(tags=["grants"])


class CallOut(Schema):
    id: UUID
    county_code: str
    kind: str
    year: int
    title: str
    language: str
    opens_on: date
    closes_on: date  # the last day as published
    deadline: datetime  # the end of the effective last day (150/1930 §5), with its offset
    notices_open_on: date | None
    notices_close_on: date | None
    status: str  # upcoming, open, closed

    @staticmethod
    def resolve_id(call: Call) -> UUID:
        return call.public_id

    @staticmethod
    def resolve_county_code(call: Call) -> str:
        return call.programme.county.code

    @staticmethod
    def resolve_kind(call: Call) -> str:
        return call.programme.kind

    @staticmethod
    def resolve_year(call: Call) -> int:
        return call.programme.year

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
    form = CallFilterForm({"county": county, "kind": kind, "year": year})
    if not form.is_valid():
        raise HttpError(400, " ".join(form.error_sentences()))
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
    id: UUID
    county_code: str
    organisation: str
    business_id: str
    call: str
    kind: str
    year: int
    purpose: str
    amount: Decimal
    decided_on: date

    @staticmethod
    def resolve_id(decision: Decision) -> UUID:
        return decision.public_id

    @staticmethod
    def resolve_county_code(decision: Decision) -> str:
        return decision.application.call.programme.county.code

    @staticmethod
    def resolve_organisation(decision: Decision) -> str:
        return str(decision.application.organisation.name)

    @staticmethod
    def resolve_business_id(decision: Decision) -> str:
        return decision.application.organisation.business_id

    @staticmethod
    def resolve_call(decision: Decision) -> str:
        return translated(decision.application.call, "title").text

    @staticmethod
    def resolve_kind(decision: Decision) -> str:
        return decision.application.call.programme.kind

    @staticmethod
    def resolve_year(decision: Decision) -> int:
        return decision.application.call.programme.year

    @staticmethod
    def resolve_purpose(decision: Decision) -> str:
        return decision.application.activity


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
    form = DecisionFilterForm(
        {"county": county, "kind": kind, "year": year, "organisation": organisation}
    )
    if not form.is_valid():
        raise HttpError(400, " ".join(form.error_sentences()))
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
    """The payment's hold reason, looked up once per payment object (a response reads it for
    ``hold_reason`` and ``on_hold``, the ``on_hold`` filter before them)."""
    if not hasattr(payment, "_hold_reason"):
        payment._hold_reason = payment_hold(payment)  # type: ignore[attr-defined]
    return str(payment._hold_reason)  # type: ignore[attr-defined]


class PaymentOut(Schema):
    id: UUID
    organisation: str
    business_id: str
    amount: Decimal
    due_on: date
    status: str
    on_hold: bool
    hold_reason: str

    @staticmethod
    def resolve_id(payment: Payment) -> UUID:
        return payment.public_id

    @staticmethod
    def resolve_organisation(payment: Payment) -> str:
        return str(payment.decision.application.organisation.name)

    @staticmethod
    def resolve_business_id(payment: Payment) -> str:
        return payment.decision.application.organisation.business_id

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
@paginate(Pagination)
@declare(access.COORDINATOR)
def list_payments(
    request: HttpRequest, county: str = "", status: str = "", on_hold: str = ""
) -> object:
    """Instalments by due date, each with ``hold_reason`` (empty when it may be paid)."""
    counties = access.coordinated_county_ids(request.user)
    if counties is not None and not counties:
        raise HttpError(403, _("Only the wellbeing services county's coordinators see payments."))
    form = PaymentFilterForm({"county": county, "status": status, "on_hold": on_hold})
    if not form.is_valid():
        raise HttpError(400, " ".join(form.error_sentences()))
    payments = selectors.payments_for(counties, status=form.cleaned_data["status"])
    if form.cleaned_data["county"]:
        payments = payments.filter(
            decision__application__call__programme__county__code=form.cleaned_data["county"]
        )
    wanted = form.cleaned_data["on_hold"]
    if wanted:
        return [p for p in payments if bool(_hold(p)) == (wanted == "yes")]
    return payments


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
