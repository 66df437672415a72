from typing import Any

from django.core.management.base import BaseCommand

from kumppani.core.models import County, Municipality
from kumppani.core.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Create or update the wellbeing services counties and municipalities (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        counties, municipalities = load_reference_data(County, Municipality)
        self.stdout.write(f"{counties} counties, {municipalities} municipalities up to date.")
