"""Periodic jobs: declared in settings.PERIODIC_JOBS, each enqueued once per interval however
many hosts run `run_periodic_jobs`; the sweeper runs again the tasks whose worker died."""

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from kumppani.core.idempotency import idempotency_keys_purge
from kumppani.core.jobs import (
    MAX_REQUEUES,
    RUNNING_LEASE,
    WORKER_LOST,
    periodic_jobs,
    periodic_jobs_run,
    slot_start,
    stuck_tasks_requeue,
)
from kumppani.core.models import IdempotencyKey, PeriodicJobRun
from kumppani.core.outbox import outbox_send
from kumppani.testing.factories import UserFactory

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Just past midnight UTC: the start of a minute, a five-minute slot and a day.
T0 = datetime(2026, 3, 2, 0, 0, 10, tzinfo=UTC)


@pytest.fixture
def dummy_backend() -> Iterator[None]:
    with override_settings(TASKS=DUMMY):
        yield


# Every job, in the order they are declared (and run when all are due).
EVERY_JOB = [
    "outbox-retry",
    "tasks-sweep",
    "hsds-dumps",
    "freshness-reminders",
    "grant-report-reminders",
    "idempotency-keys-purge",
    "meeting-reminders",
    "meeting-registrations-anonymise",
    "memo-reminders",
    "occurrences-roll",
]


def enqueued_tasks() -> list[str]:
    names = [result.task.name for result in default_task_backend.results]
    default_task_backend.clear()
    return sorted(names)


def test_every_declared_job_is_a_task_taking_no_arguments() -> None:
    jobs = periodic_jobs()
    assert [job.name for job in jobs] == EVERY_JOB
    for job in jobs:
        assert isinstance(job.task, Task)
        job.task.get_backend().validate_task(job.task)


def test_slots_are_whole_intervals_from_the_epoch() -> None:
    assert slot_start(T0, timedelta(minutes=1)) == T0.replace(second=0)
    assert slot_start(T0 + timedelta(hours=5), timedelta(days=1)) == T0.replace(second=0)


@pytest.mark.django_db
def test_each_job_is_enqueued_once_per_interval(dummy_backend: None) -> None:
    assert periodic_jobs_run(now=T0) == EVERY_JOB
    assert enqueued_tasks() == [
        "freshness_reminders",
        "hsds_dumps_refresh",
        "idempotency_keys_purge",
        "memo_reminders",
        "occurrences_roll_forward",
        "outbox_retry",
        "registration_reminders",
        "registrations_anonymise",
        "report_reminders",
        "tasks_sweep",
    ]

    assert periodic_jobs_run(now=T0 + timedelta(seconds=40)) == []
    every_minute = ["outbox-retry", "hsds-dumps"]
    assert periodic_jobs_run(now=T0 + timedelta(minutes=1)) == every_minute
    assert periodic_jobs_run(now=T0 + timedelta(minutes=5)) == [
        "outbox-retry",
        "tasks-sweep",
        "hsds-dumps",
    ]
    assert periodic_jobs_run(now=T0 + timedelta(hours=23)) == [
        "outbox-retry",
        "tasks-sweep",
        "hsds-dumps",
        "idempotency-keys-purge",
        "meeting-reminders",
    ]
    assert periodic_jobs_run(now=T0 + timedelta(days=1)) == EVERY_JOB
    assert enqueued_tasks().count("freshness_reminders") == 1


@pytest.mark.django_db
def test_the_command_says_what_it_enqueued(dummy_backend: None) -> None:
    out = StringIO()
    call_command("run_periodic_jobs", stdout=out)
    call_command("run_periodic_jobs", stdout=out)
    assert (
        out.getvalue().count(
            "Enqueued: outbox-retry, tasks-sweep, hsds-dumps, freshness-reminders, "
            "grant-report-reminders, idempotency-keys-purge, meeting-reminders, "
            "meeting-registrations-anonymise, memo-reminders, occurrences-roll."
        )
        == 1
    )


@pytest.mark.usefixtures("emptied_database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hosts_running_in_the_same_minute_enqueue_each_job_once() -> None:
    hosts = 4
    start = threading.Barrier(hosts)
    errors: list[BaseException] = []

    def host() -> None:
        try:
            start.wait()
            periodic_jobs_run(now=T0)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    with override_settings(TASKS=DATABASE):
        threads = [threading.Thread(target=host) for _ in range(hosts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert Counter(DBTaskResult.objects.values_list("task_path", flat=True)) == {
        "kumppani.core.outbox.outbox_retry": 1,
        "kumppani.core.jobs.tasks_sweep": 1,
        "kumppani.catalogue.tasks.freshness_reminders": 1,
        "kumppani.catalogue.hsds.tasks.hsds_dumps_refresh": 1,
        "kumppani.grants.tasks.report_reminders": 1,
        "kumppani.core.idempotency.idempotency_keys_purge": 1,
        "kumppani.meetings.tasks.registration_reminders": 1,
        "kumppani.meetings.tasks.registrations_anonymise": 1,
        "kumppani.meetings.memo_tasks.memo_reminders": 1,
        "kumppani.catalogue.occurrences.occurrences_roll_forward": 1,
    }
    assert PeriodicJobRun.objects.count() == 10


@pytest.mark.django_db
def test_a_task_left_running_by_a_dead_worker_is_failed_and_enqueued_again_once() -> None:
    with override_settings(TASKS=DATABASE):
        outbox_send.enqueue(42)
        DBTaskResult.objects.update(
            status=TaskResultStatus.RUNNING,
            started_at=timezone.now() - timedelta(minutes=1),
            worker_ids=["dead-worker"],
        )
        assert stuck_tasks_requeue() == 0  # still within its lease

        later = timezone.now() + RUNNING_LEASE
        assert stuck_tasks_requeue(now=later) == 1
        assert stuck_tasks_requeue(now=later) == 0

    lost, again = DBTaskResult.objects.order_by("enqueued_at")
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == WORKER_LOST
    assert again.status == TaskResultStatus.READY
    assert again.task_path == "kumppani.core.outbox.outbox_send"
    assert again.args_kwargs == {"args": [42], "kwargs": {}}


@pytest.mark.django_db
def test_a_task_that_keeps_killing_its_worker_is_given_up_after_a_few_tries() -> None:
    requeued = []
    with override_settings(TASKS=DATABASE):
        outbox_send.enqueue(7)
        for attempt in range(MAX_REQUEUES + 2):
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
                status=TaskResultStatus.RUNNING,
                started_at=timezone.now() - RUNNING_LEASE - timedelta(minutes=attempt + 1),
            )
            requeued.append(stuck_tasks_requeue())

    assert requeued == [1] * MAX_REQUEUES + [0, 0]
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.FAILED).exists()


@pytest.mark.django_db
@override_settings(IDEMPOTENCY_KEY_LIFETIME=timedelta(hours=24))
def test_idempotency_keys_older_than_their_lifetime_are_deleted_by_the_periodic_job() -> None:
    user = UserFactory.create()
    now = timezone.now()
    for key, age in [("fresh", timedelta(hours=23)), ("old", timedelta(hours=25))]:
        IdempotencyKey.objects.create(
            key=key, user=user, method="POST", path="/api/v1/x", created_at=now - age
        )

    assert idempotency_keys_purge.enqueue().return_value == 1

    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["fresh"]
    with override_settings(IDEMPOTENCY_KEY_LIFETIME=timedelta(hours=1)):
        assert idempotency_keys_purge.enqueue().return_value == 1
    assert not IdempotencyKey.objects.exists()
