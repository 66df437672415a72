"""Periodic jobs and the sweeper for tasks whose worker died.

The periodic jobs are declared in one place, `settings.PERIODIC_JOBS` (dotted path of a task
taking no arguments, and its interval). `manage.py run_periodic_jobs`, run every minute on
any number of hosts, enqueues each job at most once per interval: intervals are slots of
fixed length counted from the Unix epoch, and a row per job in `PeriodicJobRun`, locked while
it is read and written, records the last run. Every job works from the database state, so
one that is skipped (its enqueue failed) catches up in the next slot.

Every task must be safe to run twice: a worker can die after a task's effect and before its
result is recorded, and the sweeper then runs it again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import django_rq
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task, task_backends
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_rq.backend import Job, RQBackend
from rq.exceptions import InvalidJobOperation
from rq.results import Result

from .models import PeriodicJobRun

logger = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# A database task still RUNNING this long after it started has lost its worker. Longer than
# any task runs; a slow task that is swept anyway merely runs twice.
RUNNING_LEASE = timedelta(minutes=30)
# A task whose worker keeps dying (it kills the worker) is run again at most this often.
MAX_REQUEUES = 3
WORKER_LOST = "kumppani.core.jobs.WorkerLost"
# What RQ records when a job's worker stopped heartbeating, or its work horse was killed.
RQ_WORKER_LOST_MARKS = ("AbandonedJobError", "Work-horse terminated unexpectedly")


class WorkerLost(Exception):
    """The worker running a task stopped before the task finished."""


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task[[], Any]
    every: timedelta


def periodic_jobs() -> list[PeriodicJob]:
    """The periodic jobs of settings.PERIODIC_JOBS."""
    return [
        PeriodicJob(name=name, task=import_string(spec["task"]), every=spec["every"])
        for name, spec in settings.PERIODIC_JOBS.items()
    ]


def periodic_jobs_run(*, now: datetime | None = None) -> list[str]:
    """Enqueue each periodic job not yet run in its current slot; return their names."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        if _periodic_job_claim(job, now):
            # After the commit: with the immediate backend the job runs here and now.
            job.task.enqueue()
            enqueued.append(job.name)
    return enqueued


def slot_start(now: datetime, every: timedelta) -> datetime:
    """The start of the interval slot `now` falls in."""
    return EPOCH + ((now - EPOCH) // every) * every


def _periodic_job_claim(job: PeriodicJob, now: datetime) -> bool:
    with transaction.atomic():
        run, _ = PeriodicJobRun.objects.select_for_update().get_or_create(name=job.name)
        if run.last_run_at is not None and run.last_run_at >= slot_start(now, job.every):
            return False
        run.last_run_at = now
        run.save(update_fields=["last_run_at"])
    return True


@task()
def tasks_sweep() -> int:
    """Periodic job: run again the tasks whose worker died mid-task."""
    return stuck_tasks_requeue()


def stuck_tasks_requeue(*, now: datetime | None = None) -> int:
    """Fail the tasks left running by a dead worker and enqueue each again; return how many.

    Database backend: rows RUNNING for longer than RUNNING_LEASE. RQ: the jobs RQ finds
    abandoned (no worker heartbeat) or whose work horse was killed.
    """
    now = now or timezone.now()
    requeued = 0
    for alias in settings.TASKS:
        backend = task_backends[alias]
        if isinstance(backend, DatabaseBackend):
            requeued += _requeue_database_tasks(alias, now)
        elif isinstance(backend, RQBackend):
            requeued += _requeue_rq_jobs(backend, now)
    return requeued


def _requeue_database_tasks(alias: str, now: datetime) -> int:
    stuck = DBTaskResult.objects.running().filter(
        backend_name=alias, started_at__lt=now - RUNNING_LEASE
    )
    requeued = 0
    for row in stuck:
        with transaction.atomic():
            # Only one sweeper wins the row; the new task commits together with the mark.
            marked = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=WORKER_LOST,
                traceback=f"{WorkerLost.__doc__} (still running after {RUNNING_LEASE})",
            )
            if not marked or _times_lost(row, now) > MAX_REQUEUES:
                continue
            try:
                task_to_run = row.task
            except ImportError:
                logger.error("Task %s (%s) no longer exists", row.pk, row.task_path)
                continue
            task_to_run.enqueue(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
            requeued += 1
            logger.warning("Task %s (%s) lost its worker: enqueued again", row.pk, row.task_path)
    return requeued


def _times_lost(row: DBTaskResult, now: datetime) -> int:
    """How often this task (same function and arguments) lost its worker in the last day."""
    return sum(
        1
        for args_kwargs in DBTaskResult.objects.filter(
            task_path=row.task_path,
            exception_class_path=WORKER_LOST,
            finished_at__gte=now - timedelta(days=1),
        ).values_list("args_kwargs", flat=True)
        if args_kwargs == row.args_kwargs
    )


def _requeue_rq_jobs(backend: RQBackend, now: datetime) -> int:
    requeued = 0
    for queue_name in sorted(backend.queues):
        queue = django_rq.get_queue(queue_name, job_class=Job)
        # RQ's own clean-up: jobs whose worker stopped heartbeating go to the failed registry.
        queue.started_job_registry.cleanup(timestamp=now.timestamp())
        failed = queue.failed_job_registry
        for job_id in failed.get_job_ids():
            job = queue.fetch_job(job_id)
            if job is None:
                continue
            results = job.results()  # newest first
            lost = [result for result in results if _rq_worker_lost(result)]
            if not results or not _rq_worker_lost(results[0]) or len(lost) > MAX_REQUEUES:
                continue
            try:
                failed.requeue(job)  # removes it from the registry first: one sweeper wins
            except InvalidJobOperation:
                continue
            requeued += 1
            logger.warning("RQ job %s (%s) lost its worker: enqueued again", job.id, job.func_name)
    return requeued


def _rq_worker_lost(result: Result) -> bool:
    return result.type == Result.Type.FAILED and any(
        mark in (result.exc_string or "") for mark in RQ_WORKER_LOST_MARKS
    )
