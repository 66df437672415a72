"""Django's flush, allowed to empty the append-only audit table too (see core.audit_guard).

Flushing wipes the whole database; the test suite does it between transactional tests.
"""

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlush

from kumppani.core.audit_guard import purge_allowed


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        with purge_allowed(options.get("database") or "default"):
            super().handle(**options)
