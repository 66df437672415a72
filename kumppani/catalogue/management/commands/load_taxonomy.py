from typing import Any

from django.core.management.base import BaseCommand

from kumppani.catalogue.models import Taxonomy, TaxonomyTerm
from kumppani.catalogue.taxonomy_data import load_taxonomies


class Command(BaseCommand):
    help = "Create or update the catalogue taxonomies (activity types, themes, PTV code lists)."

    def handle(self, *args: Any, **options: Any) -> None:
        for code, count in load_taxonomies(Taxonomy, TaxonomyTerm).items():
            self.stdout.write(f"{code}: {count} terms")
