"""Real worker processes, with the database backend and with RQ on Redis: an email waits
while the relay is down and goes once it answers; a worker killed (SIGKILL) in the middle of
the SMTP conversation is recovered by the sweeper and the outbox retry, and the email still
goes exactly once.

Redis is expected at 127.0.0.1:6379 (REDIS_TEST_URL to change it). Each test reserves a
database number of its own there (8-15) with a lock key, so parallel runs do not meet; the
RQ cases are skipped when Redis does not answer, except under CI=true.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from kumppani.core.jobs import stuck_tasks_requeue
from kumppani.core.models import OutgoingEmail, OutgoingEmailStatus
from kumppani.core.outbox import email_queue, outbox_retry_due
from kumppani.testing.smtp import free_port, smtp_relay

ROOT = Path(__file__).resolve().parents[3]
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379")
REDIS_TEST_DATABASES = range(8, 16)
LOCK_KEY = "kumppani-test:lock"
WAIT = 120  # seconds a worker may take before the test gives up (not a timing assertion)

pytestmark = [
    pytest.mark.usefixtures("emptied_database"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.parametrize("backend", ["db", "rq"], indirect=True),
]


@dataclass
class Backend:
    """A task backend shared by this test process and the worker processes it starts."""

    name: str
    redis_url: str
    log: Path

    def settings(self) -> dict[str, Any]:
        if self.name == "db":
            return {"TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}}
        return {
            "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend"}},
            "RQ_QUEUES": {"default": {"URL": self.redis_url}},
        }

    def start_worker(self, smtp_port: int, *, until_idle: bool = False) -> subprocess.Popen[bytes]:
        if self.name == "db":
            command = ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"]
            command += ["--batch"] if until_idle else []
        else:
            command = ["rqworker", "--job-class", "django_tasks_rq.Job"]
            command += ["--burst"] if until_idle else []
            command += ["default"]
        with self.log.open("ab") as log:
            return subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=self._environment(smtp_port),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, RQ's work horses included
            )

    def run_worker_until_idle(self, smtp_port: int) -> None:
        worker = self.start_worker(smtp_port, until_idle=True)
        assert worker.wait(timeout=WAIT) == 0, self.log.read_text()

    def _environment(self, smtp_port: int) -> dict[str, str]:
        return {
            **os.environ,
            "KUMPPANI_TESTING": "1",
            "KUMPPANI_ENV_FILE": "",
            "DATABASE_URL": shared_database_url(),
            "TASKS_BACKEND": self.name,
            "REDIS_URL": self.redis_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "0",
            "EMAIL_TIMEOUT": str(WAIT),
        }


def shared_database_url() -> str:
    """The test database this process uses, for the worker processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    log = tmp_path / "worker.log"
    if request.param == "db":
        chosen = Backend(name="db", redis_url="", log=log)
        with override_settings(**chosen.settings()):
            yield chosen
        return
    with reserved_redis_database() as redis_url:
        chosen = Backend(name="rq", redis_url=redis_url, log=log)
        with override_settings(**chosen.settings()):
            yield chosen


@pytest.fixture(autouse=True)
def workers_stopped() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Whatever worker a test leaves running is killed with its work horses."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for worker in started:
        if worker.poll() is None:
            kill(worker)


def kill(worker: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker and then its children (RQ's work horse has a session of its own)."""
    children = descendants(worker.pid)
    os.killpg(worker.pid, signal.SIGKILL)
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    worker.wait(timeout=WAIT)


def descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                found += [int(child), *descendants(int(child))]
    return found


@contextlib.contextmanager
def reserved_redis_database() -> Iterator[str]:
    """Reserve one of Redis' test databases with a lock key, emptied of RQ's keys."""
    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        message = f"Redis does not answer at {REDIS_TEST_URL}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    token = uuid.uuid4().hex
    for number in REDIS_TEST_DATABASES:
        client = redis.Redis.from_url(f"{REDIS_TEST_URL}/{number}")
        if client.set(LOCK_KEY, token, nx=True, ex=15 * 60):
            break
    else:
        pytest.fail(f"Every Redis test database ({REDIS_TEST_DATABASES}) is in use.")
    try:
        empty_rq_keys(client)
        yield f"{REDIS_TEST_URL}/{number}"
    finally:
        empty_rq_keys(client)
        if client.get(LOCK_KEY) == token.encode():
            client.delete(LOCK_KEY)


def empty_rq_keys(client: redis.Redis) -> None:
    for key in client.scan_iter("rq:*"):
        client.delete(key)


def queue_email(to: str) -> OutgoingEmail:
    """Queue an email as a service does; outside a transaction it is enqueued at once."""
    return email_queue(to=to, subject="Tervetuloa", body="Hei!", language="fi")


def test_emails_wait_while_smtp_is_down_and_go_once_it_answers(
    backend: Backend, workers_stopped: list[subprocess.Popen[bytes]]
) -> None:
    emails = [queue_email("bob@example.fi"), queue_email("sven@example.fi")]

    # The worker tries each once against a closed port
    backend.run_worker_until_idle(free_port())
    for email in emails:
        email.refresh_from_db()
        assert (email.status, email.attempts) == (OutgoingEmailStatus.PENDING, 1)
        assert "Connection refused" in email.last_error

    # A while later the relay answers and the outbox retry enqueues them again, twice over
    later = timezone.now() + timedelta(hours=1)
    with smtp_relay() as relay:
        assert outbox_retry_due(now=later) == 2
        backend.run_worker_until_idle(relay.port)
        assert outbox_retry_due(now=later + timedelta(hours=1)) == 0
        backend.run_worker_until_idle(relay.port)

    assert sorted(relay.message_ids()) == sorted(email.message_id for email in emails)
    for email in emails:
        email.refresh_from_db()
        assert (email.status, email.attempts) == (OutgoingEmailStatus.SENT, 2)


def test_a_worker_killed_mid_conversation_is_recovered_and_the_email_goes_once(
    backend: Backend, workers_stopped: list[subprocess.Popen[bytes]]
) -> None:
    email = queue_email("bob@example.fi")

    # Given a worker stuck waiting for the relay's answer to the message data
    with smtp_relay(stall=True) as stalling:
        worker = backend.start_worker(stalling.port)
        workers_stopped.append(worker)
        assert stalling.data_arrived.wait(timeout=WAIT), backend.log.read_text()
        # When it is killed there, its work horse with it
        kill(worker)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmailStatus.SENDING, 1), (
        backend.log.read_text()
    )

    # Then, once the leases have run out, the sweeper enqueues the lost task again and the
    # outbox retry returns the email to pending and enqueues it too
    later = timezone.now() + timedelta(hours=1)
    with smtp_relay() as relay:
        assert stuck_tasks_requeue(now=later) == 1
        assert outbox_retry_due(now=later) == 1
        backend.run_worker_until_idle(relay.port)
        # and running the recovery again finds nothing to do
        assert stuck_tasks_requeue(now=later) == 0
        assert outbox_retry_due(now=later) == 0
        backend.run_worker_until_idle(relay.port)

    assert relay.message_ids() == [email.message_id]
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmailStatus.SENT, 2)
