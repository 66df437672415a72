"""PostgreSQL: each service's result card, ready-made, in the search table.

``card`` (jsonb) holds what a search result shows (every language's name and summary, the
organisation, municipalities, counties, languages, activity types and flags), written by the
indexer in the same pass as the vectors, so that a result page is the ranked ids and one
look-up by primary key (``listing.service_cards``). Rows indexed before this migration have
no card and are answered by the slower joined query until ``manage.py rebuild_search_index``.
SQLite is unchanged.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE catalogue_search_service ADD COLUMN IF NOT EXISTS card jsonb"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE catalogue_search_service DROP COLUMN IF EXISTS card")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_search_index_areas_and_title_vector")]

    operations = [migrations.RunPython(forwards, backwards)]
