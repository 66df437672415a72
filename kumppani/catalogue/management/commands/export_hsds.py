"""manage.py export_hsds [--format json|tabular] [--language fi|sv|en] OUTPUT"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kumppani.catalogue.hsds.exporter import write_json, write_tabular


class Command(BaseCommand):
    help = "Export published services as HSDS 3.0 JSON or as a zipped Tabular Data Package."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path)
        parser.add_argument("--format", choices=["json", "tabular"], default="json")
        parser.add_argument("--language", choices=["fi", "sv", "en"], default="fi")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        if options["format"] == "json":
            with output.open("w", encoding="utf-8") as handle:
                count = write_json(handle, language=options["language"])
        else:
            with output.open("wb") as handle:
                count = write_tabular(handle, language=options["language"])
        self.stdout.write(f"{count} services written to {output}.")
