"""The grants API: published calls for everyone."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from kumppani.core.access import public
from kumppani.core.api import Pagination, error_responses
from kumppani.core.languages import translated

from . import selectors
from .forms import CallFilterForm
from .models import Call

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
