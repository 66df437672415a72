from typing import Any

from django.core.management.base import BaseCommand

from kumppani.catalogue.notifications import send_freshness_reminders


class Command(BaseCommand):
    help = (
        "Email representatives about published services not confirmed for six months. "
        "Run daily from cron; a service is reminded once per period."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_freshness_reminders()
        self.stdout.write(f"Sent {sent} reminder emails.")
