"""The database itself refuses to change or delete audit events.

Migration ``core.0005`` adds triggers on both backends that refuse every UPDATE and DELETE of
``core_auditevent`` (and, on PostgreSQL, TRUNCATE), whatever path the statement comes by:
the ORM's base manager, ``_raw_delete()``, an upsert, raw SQL. The only exception is wiping
the whole database with ``manage.py flush`` (the test suite does it between transactional
tests), which opens the guard for its own statements with `purge_allowed`.

On SQLite the triggers ask the function ``kumppani_audit_purge_allowed()``, which
`register_sqlite_guard` gives every connection; a connection without it (the sqlite3 shell)
fails closed. On PostgreSQL they read the session setting ``kumppani.audit_purge``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connections

_PURGE_ALLOWED: ContextVar[bool] = ContextVar("kumppani_audit_purge_allowed", default=False)

SQLITE_FUNCTION = "kumppani_audit_purge_allowed"
POSTGRES_SETTING = "kumppani.audit_purge"


def register_sqlite_guard(connection: Any) -> None:
    """Give an SQLite connection the function the audit triggers consult."""
    connection.create_function(SQLITE_FUNCTION, 0, lambda: int(_PURGE_ALLOWED.get()))


@contextmanager
def purge_allowed(using: str = "default") -> Iterator[None]:
    """Let the statements inside delete audit events: only for wiping the whole database."""
    connection = connections[using]
    token = _PURGE_ALLOWED.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET {POSTGRES_SETTING} = 'on'")
        yield
    finally:
        _PURGE_ALLOWED.reset(token)
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"RESET {POSTGRES_SETTING}")
