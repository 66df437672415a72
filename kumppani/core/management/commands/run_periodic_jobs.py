import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from kumppani.core.jobs import periodic_jobs_run


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs that are due (settings.PERIODIC_JOBS). Run it every "
        "minute from cron or a systemd timer; any number of hosts may run it at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and look again every SECONDS (as `make run` does).",
        )

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        try:
            while True:
                enqueued = periodic_jobs_run()
                if enqueued or options["verbosity"] > 1:
                    self.stdout.write(f"Enqueued: {', '.join(enqueued) or 'nothing due'}.")
                if not every:
                    return
                time.sleep(every)
                close_old_connections()  # as after a request: drop a broken or old connection
        except KeyboardInterrupt:
            return
