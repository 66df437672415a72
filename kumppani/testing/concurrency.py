"""Run the same thing in parallel threads, each with its own database connection, to test
that writes hold under concurrency. The tests that use it run on PostgreSQL (SQLite queues
its writers anyway); mark their module with ``pytestmark = PARALLEL_WRITES``, which skips them
at collection there, so they set up no database."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections
from django.db.models import Model
from django.test import Client

from kumppani.accounts.models import User

# serialized_rollback: the flush after each test would take the counties and municipalities
# (loaded by a migration) with it.
PARALLEL_WRITES = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writes: PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def in_parallel(calls: list[Callable[[], Any]]) -> list[Any]:
    """Start the calls together (a barrier), wait for all; each returns its value or the
    exception it raised."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        try:
            barrier.wait()
            return call()
        except Exception as error:
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def on_own_copies(instance: Model, argument: str, *writes: Callable[..., Any]) -> list[Any]:
    """Run the writes in parallel, each given its own copy of the row as the keyword
    `argument`, loaded beforehand as the request of each writer would load it."""
    model = type(instance)
    copies = [model._default_manager.get(pk=instance.pk) for _ in writes]
    return in_parallel(
        [partial(write, **{argument: copy}) for write, copy in zip(writes, copies, strict=True)]
    )


def signed_in_clients(user: User, count: int) -> list[Client]:
    """Test clients with a session each, all of the same user."""
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients
