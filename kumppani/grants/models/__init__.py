"""The grants app's data: a county's goals and programmes, the calls that open them, the
applications made to them, their review, and the decisions with payments and reports."""

from .application import (
    Answer,
    Application,
    ApplicationRevision,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    IncomeLine,
    IncomeSource,
    Partner,
)
from .funding import Decision, Payment, PaymentStatus, Recovery, ReportStatus, UsageReport
from .programme import (
    AppealInstructions,
    Call,
    CallStatus,
    CountyGoal,
    Criterion,
    GoalKind,
    GrantKind,
    Programme,
    Question,
    QuestionKind,
)
from .review import MAX_SCORE, Assignment, Score

__all__ = [
    "MAX_SCORE",
    "Answer",
    "AppealInstructions",
    "Application",
    "ApplicationRevision",
    "ApplicationStatus",
    "Assignment",
    "BudgetCategory",
    "BudgetLine",
    "Call",
    "CallStatus",
    "CountyGoal",
    "Criterion",
    "Decision",
    "GoalKind",
    "GrantKind",
    "IncomeLine",
    "IncomeSource",
    "Partner",
    "Payment",
    "PaymentStatus",
    "Programme",
    "Question",
    "QuestionKind",
    "Recovery",
    "ReportStatus",
    "Score",
    "UsageReport",
]

from .documents import BatchStatus, DecisionDocument, DocumentBatch

__all__ += ["BatchStatus", "DecisionDocument", "DocumentBatch"]

from .agreements import PartnershipAgreement, Tranche, TrancheStatus  # noqa: E402

__all__ += ["PartnershipAgreement", "Tranche", "TrancheStatus"]
