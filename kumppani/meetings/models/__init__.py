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

from .liaisons import LiaisonPerson, LiaisonRole
from .memos import (
    Memo,
    MemoAttachment,
    MemoReminder,
    MemoStatus,
    Topic,
    TopicStatus,
    TopicSupport,
)

__all__ += [
    "LiaisonPerson",
    "LiaisonRole",
    "Memo",
    "MemoAttachment",
    "MemoReminder",
    "MemoStatus",
    "Topic",
    "TopicStatus",
    "TopicSupport",
]
