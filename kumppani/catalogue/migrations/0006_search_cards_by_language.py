"""PostgreSQL: the stored result cards become one ready-made card per reader language.

``cards`` (jsonb) is ``{"fi": card, "sv": card, "en": card}``: each an API list item with the
language fallback already applied, so that a result page reads the JSON text of its cards in
the reader's language along with the ranking and sends it as it is (``listing.card_texts``).
It replaces ``card`` (migration 0005), which held every language's texts for the request to
choose from. Rows indexed before this migration have no cards and are answered from the
catalogue tables until ``manage.py rebuild_search_index``. SQLite is unchanged.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE catalogue_search_service DROP COLUMN IF EXISTS card, "
        "ADD COLUMN IF NOT EXISTS cards jsonb"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE catalogue_search_service DROP COLUMN IF EXISTS cards, "
        "ADD COLUMN IF NOT EXISTS card jsonb"
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_search_card")]

    operations = [migrations.RunPython(forwards, backwards)]
