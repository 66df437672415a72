"""Run the same thing in parallel threads, each with its own database connection, to test
that writes hold under concurrency. The tests that use it run on PostgreSQL (SQLite queues
its writers anyway); skip them at collection there, with
``pytest.mark.skipif(connection.vendor != "postgresql", ...)``, so they set up no database."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connections


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
