"""The HSDS dumps' periodic job (settings.PERIODIC_JOBS)."""

from __future__ import annotations

from django_tasks import task

from .dumps import dumps_are_stale, dumps_build


@task()
def hsds_dumps_refresh() -> int:
    """Periodic job: rebuild the public HSDS dumps if the catalogue changed since the last
    build; return how many services they hold (0 when nothing was rebuilt)."""
    if not dumps_are_stale():
        return 0
    return dumps_build()
