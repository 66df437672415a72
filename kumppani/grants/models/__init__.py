"""The grants app's data: a county's goals and programmes, the calls that open them, and the
applications made to them."""

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
from .programme import (
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

__all__ = [
    "Answer",
    "Application",
    "ApplicationRevision",
    "ApplicationStatus",
    "BudgetCategory",
    "BudgetLine",
    "Call",
    "CallStatus",
    "CountyGoal",
    "Criterion",
    "GoalKind",
    "GrantKind",
    "IncomeLine",
    "IncomeSource",
    "Partner",
    "Programme",
    "Question",
    "QuestionKind",
]
