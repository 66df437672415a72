"""Rebuild the catalogue search index (services and volunteer tasks) from the database."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from kumppani.catalogue.search.index import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index of published services and volunteer tasks."

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        services, tasks = rebuild_index()
        self.stdout.write(
            f"Indexed {services} services and {tasks} volunteer tasks "
            f"in {time.perf_counter() - start:.1f} s."
        )
