"""The meetings app's data: a county's cooperation structures (meeting series), their
meetings and the registrations for them, with waiting lists."""

from .meeting import Meeting, MeetingStatus, Mode, QuestionKind
from .registration import LIVE, Registration, RegistrationStatus
from .series import Audience, Series, SeriesKind

__all__ = [
    "LIVE",
    "Audience",
    "Meeting",
    "MeetingStatus",
    "Mode",
    "QuestionKind",
    "Registration",
    "RegistrationStatus",
    "Series",
    "SeriesKind",
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
