"""Grants work done in the background: the usage-report reminders (a periodic job, see
settings.PERIODIC_JOBS)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import ReportStatus, UsageReport
from .notifications import tell_applicant

# Reminders before the due date (days) and once after it.
BEFORE = (30, 7)
LATE = "late"
OPEN = [ReportStatus.DUE, ReportStatus.INFO_REQUESTED]


@task()
def report_reminders() -> int:
    """Periodic job: remind grantees of usage reports coming due or late."""
    return send_report_reminders()


def reminder_due(report: UsageReport, today: date) -> str:
    """The reminder the report is due for today and has not had, or ""."""
    due = report.decision.report_due
    if today > due:
        return LATE if LATE not in report.reminders_sent else ""
    for days in BEFORE:
        if today >= due - timedelta(days=days) and str(days) not in report.reminders_sent:
            return str(days)
    return ""


def send_report_reminders(*, today: date | None = None) -> int:
    """Queue each due reminder to every representative of the grantee, in the language of
    the application, once (the report is locked while its reminder is recorded)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=max(BEFORE))
    ids = list(
        UsageReport.objects.filter(status__in=OPEN, decision__report_due__lte=horizon)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(_remind(pk, today) for pk in ids)


@transaction.atomic
def _remind(report_id: int, today: date) -> int:
    report = (
        UsageReport.objects.select_for_update(of=("self",))
        .select_related("decision__application__organisation")
        .get(pk=report_id)
    )
    kind = reminder_due(report, today) if report.status in OPEN else ""
    if not kind:
        return 0
    application = report.decision.application
    sent = tell_applicant(
        application, "report_reminder", {"report": report, "late": kind == LATE}, related=report
    )
    # Days further off than the one just sent are covered by it.
    report.reminders_sent = sorted(
        {*report.reminders_sent, kind, *(str(d) for d in BEFORE if kind != LATE and d > int(kind))}
    )
    report.save(update_fields=["reminders_sent"])
    return sent
