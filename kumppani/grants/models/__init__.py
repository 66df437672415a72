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
from .attachments import Attachment
from .funding import (
    Decision,
    Payment,
    PaymentStatus,
    Recovery,
    ReportLine,
    ReportStatus,
    UsageReport,
)
from .notices import AdvanceNotice, Theme
from .programme import (
    AppealInstructions,
    AttachmentKind,
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
from .requests import InfoRequest
from .review import MAX_SCORE, Assignment, Score

__all__ = [
    "MAX_SCORE",
    "AdvanceNotice",
    "Answer",
    "AppealInstructions",
    "Application",
    "ApplicationRevision",
    "ApplicationStatus",
    "Assignment",
    "Attachment",
    "AttachmentKind",
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
    "InfoRequest",
    "Partner",
    "Payment",
    "PaymentStatus",
    "Programme",
    "Question",
    "QuestionKind",
    "Recovery",
    "ReportLine",
    "ReportStatus",
    "Score",
    "Theme",
    "UsageReport",
]

from .documents import BatchStatus, DecisionDocument, DocumentBatch

__all__ += ["BatchStatus", "DecisionDocument", "DocumentBatch"]

from .agreements import PartnershipAgreement, Tranche, TrancheStatus  # noqa: E402

__all__ += ["PartnershipAgreement", "Tranche", "TrancheStatus"]
