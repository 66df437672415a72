"""Run the same thing in parallel threads, each with its own database connection, to test
that writes hold under concurrency (on PostgreSQL; SQLite queues its writers anyway)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("parallel writes are tested on PostgreSQL")


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
