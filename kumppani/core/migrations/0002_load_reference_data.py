from django.db import migrations


def load(apps, schema_editor):
    from kumppani.core.reference_data import load_reference_data

    load_reference_data(apps.get_model("core", "County"), apps.get_model("core", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
