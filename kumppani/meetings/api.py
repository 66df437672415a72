"""The meetings API: open meetings, liaison persons, statements, consultations and the
statutory calendar for everyone; registrations for signed-in users."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["meetings"])


# Statements and consultations (views/voice.py has their pages).
from datetime import date  # noqa: E402
from uuid import UUID  # noqa: E402

from django.http import HttpRequest  # noqa: E402
from ninja import Field, Schema  # noqa: E402
from ninja.errors import HttpError  # noqa: E402
from ninja.pagination import paginate  # noqa: E402

from kumppani.core.access import public  # noqa: E402
from kumppani.core.api import Pagination, error_responses  # noqa: E402
from kumppani.core.languages import translated  # noqa: E402

from .access import public_consultations  # noqa: E402
from .models import Consultation, Statement, StatementKind, StatementStatus  # noqa: E402
from .models import ConsultationStatus as _ConsultationStatus  # noqa: E402


class StatementOut(Schema):
    id: UUID = Field(alias="public_id")
    county_code: str = Field(alias="county.code")
    kind: str
    subject: str
    given_on: date
    given_by: str
    text: str
    status: str
    answered_by: str | None = None
    answered_on: date | None = None
    answer: str | None = None

    @staticmethod
    def resolve_answered_by(statement: Statement) -> str | None:
        return (
            statement.answer.answered_by if statement.status == StatementStatus.ANSWERED else None
        )

    @staticmethod
    def resolve_answered_on(statement: Statement) -> date | None:
        return (
            statement.answer.answered_on if statement.status == StatementStatus.ANSWERED else None
        )

    @staticmethod
    def resolve_answer(statement: Statement) -> str | None:
        return statement.answer.text if statement.status == StatementStatus.ANSWERED else None


@router.get(
    "/statements",
    response=list[StatementOut],
    url_name="api_statements",
    summary="Statements, initiatives and feedback with the county's answers",
    openapi_extra=error_responses(400),
)
@paginate(Pagination)
@public
def list_statements(request: HttpRequest, county: str = "", kind: str = "") -> object:
    """The newest first; filter by county (2-digit code) and kind (statement, initiative,
    feedback)."""
    if kind and kind not in StatementKind.values:
        raise HttpError(400, "kind: " + ", ".join(StatementKind.values))
    rows = Statement.objects.select_related("county", "answer").order_by("-given_on", "-id")
    if county:
        rows = rows.filter(county__code=county)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


class ConsultationOut(Schema):
    id: UUID = Field(alias="public_id")
    county_code: str = Field(alias="county.code")
    title: str
    kind: str
    status: str
    opens_on: date
    closes_on: date  # the last day as published
    deadline: date  # the effective last day (150/1930 §5)
    questions: list[str]
    summary: str
    outcome: str

    @staticmethod
    def resolve_title(consultation: Consultation) -> str:
        return translated(consultation, "title").text

    @staticmethod
    def resolve_deadline(consultation: Consultation) -> date:
        return consultation.deadline_day


@router.get(
    "/consultations",
    response=list[ConsultationOut],
    url_name="api_consultations",
    summary="Published consultations",
    openapi_extra=error_responses(400),
)
@paginate(Pagination)
@public
def list_consultations(request: HttpRequest, county: str = "", status: str = "") -> object:
    """Open and closed consultations, the newest first; filter by county (2-digit code)
    and status (open, closed)."""
    if status and status not in (_ConsultationStatus.OPEN, _ConsultationStatus.CLOSED):
        raise HttpError(400, "status: open, closed")
    rows = public_consultations().order_by("-opens_on", "-id")
    if county:
        rows = rows.filter(county__code=county)
    if status:
        rows = rows.filter(status=status)
    return rows
