"""Usage-report reminders: 30 and 7 days before the due date and once after it, to every
representative, each once however often the job runs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType

from kumppani.core.actor import Actor
from kumppani.core.models import OutgoingEmail
from kumppani.grants.models import UsageReport
from kumppani.grants.services.applications import application_submit
from kumppani.grants.services.funding import report_submit
from kumppani.grants.tasks import send_report_reminders

from .conftest import decide

pytestmark = pytest.mark.django_db


def test_reminders_come_before_and_after_the_due_date_once_each(draft, sanna, carol) -> None:
    application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    decision = decide(draft, carol, "5000")
    due = decision.report_due

    def reminders() -> list[str]:
        return list(
            OutgoingEmail.objects.filter(
                recipient=sanna.email,
                related_type=ContentType.objects.get_for_model(UsageReport),
                related_id=str(decision.usage_report.pk),
            )
            .order_by("id")
            .values_list("subject", flat=True)
        )

    assert send_report_reminders(today=due - timedelta(days=31)) == 0
    assert send_report_reminders(today=due - timedelta(days=30)) == 1
    assert send_report_reminders(today=due - timedelta(days=29)) == 0
    assert send_report_reminders(today=due - timedelta(days=7)) == 1
    assert send_report_reminders(today=due) == 0
    assert send_report_reminders(today=due + timedelta(days=1)) == 1
    assert send_report_reminders(today=due + timedelta(days=20)) == 0
    subjects = reminders()
    assert len(subjects) == 3
    assert "myöhässä" in subjects[-1].lower()


def test_a_sent_report_is_not_reminded_and_a_first_run_late_sends_one(draft, sanna, carol) -> None:
    application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    decision = decide(draft, carol, "5000")
    # The job first runs six days before the due date: one reminder, not two.
    assert send_report_reminders(today=decision.report_due - timedelta(days=6)) == 1
    report_submit(report=decision.usage_report, actor=Actor(user=sanna), what_was_done="Tehty.")
    assert send_report_reminders(today=date(2030, 1, 1)) == 0
