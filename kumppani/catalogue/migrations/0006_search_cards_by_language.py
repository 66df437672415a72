"""PostgreSQL: the stored result card becomes one ready-made card per reader language.

``card_fi``, ``card_sv`` and ``card_en`` (text) each hold a service's API list item as JSON,
with the language fallback already applied, so that a result page reads its cards in the
reader's language along with the ranking and sends them as they are (``listing.card_texts``).
They replace ``card`` (migration 0005), which held every language's texts for the request to
choose from. Rows indexed before this migration have no cards and are answered from the
catalogue tables until ``manage.py rebuild_search_index``. SQLite is unchanged.
"""

from django.db import migrations

LANGUAGES = ("fi", "sv", "en")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"ADD COLUMN IF NOT EXISTS card_{code} text" for code in LANGUAGES)
    schema_editor.execute(
        f"ALTER TABLE catalogue_search_service DROP COLUMN IF EXISTS card, {columns}"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"DROP COLUMN IF EXISTS card_{code}" for code in LANGUAGES)
    schema_editor.execute(
        f"ALTER TABLE catalogue_search_service {columns}, ADD COLUMN IF NOT EXISTS card jsonb"
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_search_card")]

    operations = [migrations.RunPython(forwards, backwards)]
