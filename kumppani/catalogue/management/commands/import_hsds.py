"""manage.py import_hsds PATH [--language fi|sv|en] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations
from django.utils.translation import gettext as _

from kumppani.catalogue.hsds.importer import HsdsFileError, import_file
from kumppani.core.actor import Actor
from kumppani.core.languages import content_languages


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 services from a JSON file (array, single service, Page or organization)"
        " or a Tabular Data Package (directory, datapackage.json or a zip of the package)."
        " Imports all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--language",
            choices=content_languages(),
            help="Language of the texts (default: each service's first language, else fi).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only check the file.")

    @no_translations  # speaks English, like Django's own commands
    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = import_file(
                path=options["path"],
                language=options["language"],
                actor=Actor.system("import_hsds"),
                dry_run=options["dry_run"],
            )
        except HsdsFileError as error:
            raise CommandError(_("Nothing was imported.") + f"\n{error}") from None
        for warning in result.warnings:
            self.stderr.write(_("warning: %(warning)s") % {"warning": warning})
        if options["dry_run"]:
            self.stdout.write(_("%(count)s services checked.") % {"count": result.services})
            return
        self.stdout.write(
            _("%(count)s services imported: %(created)s new, %(updated)s updated.")
            % {"count": result.services, "created": result.created, "updated": result.updated}
        )
