"""Grants work done in the background: the usage-report reminders (a periodic job, see
settings.PERIODIC_JOBS) and a call's decision documents."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from .documents import decision_pdf
from .models import (
    BatchStatus,
    Decision,
    DecisionDocument,
    DocumentBatch,
    ReportStatus,
    UsageReport,
)
from .notifications import tell_applicant
from .selectors import current_document

logger = logging.getLogger(__name__)

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


@task()
def decision_documents(batch_id: int) -> int:
    """Make the decision documents of a batch (see `services.documents`)."""
    return documents_make(batch_id=batch_id)


def documents_make(*, batch_id: int) -> int:
    """Make each decision's PDF of the batch's call in the application's language, counting
    ``done`` as it goes; return how many were made now. Safe to run twice: a document of the
    same decision version and language is not made again."""
    batch = DocumentBatch.objects.select_related("call").get(pk=batch_id)
    if batch.status != BatchStatus.RUNNING:
        return 0
    decisions = (
        Decision.objects.filter(application__call=batch.call)
        .select_related("application__organisation", "application__call__programme__county")
        .order_by("pk")
    )
    made = failed = 0
    for position, decision in enumerate(decisions.iterator(chunk_size=100), start=1):
        try:
            made += _document_make(decision, batch)
        except Exception:  # one broken document must not stop the rest
            logger.exception("Decision document of decision %s could not be made", decision.pk)
            failed += 1
        # Never backwards: a second run of the same batch counts from the start again.
        DocumentBatch.objects.filter(pk=batch.pk, done__lt=position - failed).update(
            done=position - failed
        )
    DocumentBatch.objects.filter(pk=batch.pk, status=BatchStatus.RUNNING).update(
        status=BatchStatus.FINISHED, failed=failed, finished_at=timezone.now()
    )
    return made


def _document_make(decision: Decision, batch: DocumentBatch) -> int:
    if current_document(decision) is not None:
        return 0
    language = decision.application.language
    pdf = decision_pdf(decision, language)
    document = DecisionDocument(
        decision=decision,
        version=decision.updated_at,
        language=language,
        batch=batch,
        size=len(pdf),
    )
    document.file.save(f"decision-{language}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # Another run made it meanwhile: keep theirs.
        document.file.storage.delete(document.file.name)
        return 0
    return 1
