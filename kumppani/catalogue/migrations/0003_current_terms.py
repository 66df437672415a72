from django.db import migrations


def load(apps, schema_editor):
    from kumppani.catalogue.taxonomy_data import load_taxonomies

    load_taxonomies(apps.get_model("catalogue", "Taxonomy"), apps.get_model("catalogue", "TaxonomyTerm"))


class Migration(migrations.Migration):
    """The vocabularies loaded again: current names where the code lists' are dated."""

    dependencies = [("catalogue", "0002_load_taxonomies")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
