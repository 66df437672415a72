from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .actions import discover_actions
from .audit_guard import register_sqlite_guard
from .languages import register_sqlite_collations


def _add_collations(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite has no Finnish or Swedish collation: give each new connection ours, and the
    function the audit table's triggers consult."""
    if connection.vendor == "sqlite":
        register_sqlite_collations(connection.connection)
        register_sqlite_guard(connection.connection)


class CoreConfig(AppConfig):
    name = "kumppani.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        connection_created.connect(_add_collations, dispatch_uid="kumppani-collations")
        discover_actions()
