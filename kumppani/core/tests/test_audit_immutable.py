"""The database refuses every change and deletion of audit events, whatever the path."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import AuditEvent, County

TABLE = AuditEvent._meta.db_table


def _event(county_code: str | None = "16") -> AuditEvent:
    return audit_record(
        actor=Actor.system("test"),
        action="organisations.organisation.update",
        county=County.objects.get(code=county_code) if county_code else None,
    )


def _raw(sql: str) -> Callable[[AuditEvent], Any]:
    def run(event: AuditEvent) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql.format(table=TABLE), [event.pk] if "%s" in sql else [])

    return run


PATHS: dict[str, Callable[[AuditEvent], Any]] = {
    "base manager update": lambda e: AuditEvent._base_manager.filter(pk=e.pk).update(action="x"),
    "raw delete": lambda e: AuditEvent._base_manager.filter(pk=e.pk)._raw_delete("default"),
    "upsert": lambda e: AuditEvent._base_manager.bulk_create(
        [AuditEvent(public_id=e.public_id, action="x", details={})],
        update_conflicts=True,
        unique_fields=["public_id"],
        update_fields=["action"],
    ),
    "raw update": _raw("UPDATE {table} SET action = 'x' WHERE id = %s"),
    "raw delete statement": _raw("DELETE FROM {table} WHERE id = %s"),
    "raw delete of all": _raw("DELETE FROM {table}"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(PATHS), ids=list(PATHS))
def test_the_database_refuses_to_change_or_delete_an_event(path: str) -> None:
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic():
        PATHS[path](event)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.action == "organisations.organisation.update"


@pytest.mark.django_db
def test_postgresql_refuses_to_truncate_the_log() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic():
        _raw("TRUNCATE {table}")(event)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_flush_may_empty_the_log_and_nothing_else_may() -> None:
    """`manage.py flush` (and the suite between transactional tests) wipes the whole database,
    the log included; the guard opens for that command only. Run inside the test's
    transaction, so the wiped rows come back when it rolls back."""
    _event()
    if connection.vendor == "postgresql":  # TRUNCATE refuses while deferred checks are pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    assert not AuditEvent.objects.exists()

    after = _event(county_code=None)
    with pytest.raises(DatabaseError), transaction.atomic():
        _raw("DELETE FROM {table}")(after)
    assert AuditEvent.objects.filter(pk=after.pk).exists()
