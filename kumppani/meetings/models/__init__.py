"""The meetings app's data: a county's cooperation structures (meeting series), their
meetings and the registrations for them with waiting lists, memos and topics, the liaison
roster, the influence body, statements and consultations, and the statutory calendar."""

from .calendar import Requirement, Scope
from .liaisons import LiaisonPerson, LiaisonRole
from .meeting import Meeting, MeetingStatus, Mode, QuestionKind
from .memos import (
    Memo,
    MemoAttachment,
    MemoReminder,
    MemoStatus,
    Topic,
    TopicStatus,
    TopicSupport,
)
from .registration import LIVE, Registration, RegistrationStatus
from .series import Audience, Series, SeriesKind

__all__ = [
    "LIVE",
    "Audience",
    "LiaisonPerson",
    "LiaisonRole",
    "Meeting",
    "MeetingStatus",
    "Memo",
    "MemoAttachment",
    "MemoReminder",
    "MemoStatus",
    "Mode",
    "QuestionKind",
    "Registration",
    "RegistrationStatus",
    "Requirement",
    "Scope",
    "Series",
    "SeriesKind",
    "Topic",
    "TopicStatus",
    "TopicSupport",
]

from .body import Attendance, Attended, Body, Membership, Nomination, Seat, SeatCategory, Term
from .voice import (
    Consultation,
    ConsultationKind,
    ConsultationResponse,
    ConsultationStatus,
    Statement,
    StatementAnswer,
    StatementKind,
    StatementStatus,
)

__all__ += [
    "Attendance",
    "Attended",
    "Body",
    "Consultation",
    "ConsultationKind",
    "ConsultationResponse",
    "ConsultationStatus",
    "Membership",
    "Nomination",
    "Seat",
    "SeatCategory",
    "Statement",
    "StatementAnswer",
    "StatementKind",
    "StatementStatus",
    "Term",
]
