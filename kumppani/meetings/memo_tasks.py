"""Reminders to organisers of meetings held without a published memo (a periodic job, see
settings.PERIODIC_JOBS): once a week for eight weeks after the meeting, through the outbox,
in each organiser's language."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from kumppani.accounts.models import CountyRoleKind, User
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.outbox import email_queue_templated

from .models import Meeting, MeetingStatus, MemoReminder, MemoStatus

EVERY = timedelta(days=7)
FOR = timedelta(weeks=8)
SYSTEM = Actor.system("memo reminders")


@task()
def memo_reminders() -> int:
    """Periodic job: remind organisers of memos not yet published."""
    return send_memo_reminders()


def meetings_without_memo(now: object = None) -> QuerySet[Meeting]:
    """Meetings that ended (a day ago at least, eight weeks at most) and were not
    cancelled, with no published memo."""
    current = timezone.now() if now is None else now
    return Meeting.objects.filter(
        ends_at__lte=current - timedelta(days=1),  # type: ignore[operator]
        ends_at__gte=current - FOR,  # type: ignore[operator]
    ).exclude(Q(status=MeetingStatus.CANCELLED) | Q(memo__status=MemoStatus.PUBLISHED))


def organisers(meeting: Meeting) -> QuerySet[User]:
    """Who organises the meeting: the county's coordinators, and the organising
    municipality's liaison persons."""
    who = Q(
        county_roles__county_id=meeting.county_id, county_roles__role=CountyRoleKind.COORDINATOR
    )
    municipality_id = meeting.series.organiser_municipality_id if meeting.series else None
    if municipality_id:
        who |= Q(
            county_roles__county_id=meeting.county_id,
            county_roles__role=CountyRoleKind.LIAISON,
            county_roles__municipality_id=municipality_id,
        )
    return User.objects.filter(who, is_active=True).distinct()


def send_memo_reminders(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for meeting in meetings_without_memo().select_related("series", "county"):
        for user in organisers(meeting):
            sent += _remind(meeting, user, today)
    return sent


def _remind(meeting: Meeting, user: User, today: date) -> int:
    """Queue one reminder unless one went to the user for the meeting within a week
    (the once-a-day constraint keeps two runs of the job from both sending)."""
    if MemoReminder.objects.filter(meeting=meeting, user=user, sent_on__gt=today - EVERY).exists():
        return 0
    try:
        with transaction.atomic():
            MemoReminder.objects.create(meeting=meeting, user=user, sent_on=today)
            email_queue_templated(
                to=user.email,
                language=user.language,
                subject_template="meetings/email/memo_reminder_subject.txt",
                body_template="meetings/email/memo_reminder.txt",
                context={"meeting": meeting, "memo_url": _memo_url(meeting, user.language)},
                related=meeting,
            )
            audit_record(
                actor=SYSTEM, action="meetings.memo.remind", obj=meeting, county=meeting.county
            )
    except IntegrityError:
        return 0
    return 1


def _memo_url(meeting: Meeting, language: str) -> str:
    with translation.override(language):
        path = reverse("meetings:memo_edit", args=[meeting.public_id])
    return f"{settings.SITE_URL}{path}"
