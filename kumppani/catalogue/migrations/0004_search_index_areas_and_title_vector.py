"""PostgreSQL search tables for speed at 100,000 services (docs/decisions/0006-search.md).

The PostgreSQL document tables are rebuilt (they are derived data: run
``manage.py rebuild_search_index`` afterwards) with:

* ``areas``: the municipality codes a service is offered in (whole counties expanded to their
  municipalities), ``c<county code>`` for every county touched, and ``all`` for nationwide
  services; GIN-indexed so that a municipality filter restricts the text match itself;
* ``verified_at``: the freshness the ranking needs, so that the ranked query joins nothing;
* ``tsv``: every analyzed term, weighted by field (name A, summary B, description C, extra D),
  compressed with lz4; no text columns, so the heap stays narrow;
* ``ab``: name (A) and summary (B) only: a small vector, stored inline, for the "title-first"
  match and rank of queries that match thousands of documents.

No foreign keys: Django's ``flush`` (transactional tests) truncates ``catalogue_service``
without knowing about these tables, and PostgreSQL refuses to truncate a table referenced by
a foreign key. Triggers do what ``ON DELETE CASCADE`` did, and a ``TRUNCATE`` of the owner
table empties the documents and the vocabulary too. SQLite is unchanged (FTS5, see 0003).
"""

from django.db import migrations

# The statements are built from the constant table names below only.
# ruff: noqa: S608

KINDS = (
    ("catalogue_search_service", "catalogue_service", "service_id"),
    ("catalogue_search_task", "catalogue_volunteertask", "task_id"),
)


def _postgres_sql(doc: str, owner: str, column: str) -> list[str]:
    return [
        f"DROP TABLE IF EXISTS {doc}",
        f"DELETE FROM {doc}_vocab",
        f"""CREATE TABLE {doc} (
            {column} integer PRIMARY KEY,
            langs text NOT NULL DEFAULT '',
            areas text[] NOT NULL DEFAULT '{{}}',
            verified_at timestamptz,
            tsv tsvector COMPRESSION lz4 NOT NULL,
            ab tsvector NOT NULL
        )""",
        f"ALTER TABLE {doc} ALTER COLUMN ab SET STORAGE MAIN",
        f"CREATE INDEX {doc}_tsv ON {doc} USING gin (tsv)",
        f"CREATE INDEX {doc}_ab ON {doc} USING gin (ab)",
        f"CREATE INDEX {doc}_areas ON {doc} USING gin (areas)",
        f"""CREATE FUNCTION {doc}_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {doc} WHERE {column} = OLD.id;
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER {doc}_delete AFTER DELETE ON {owner}
            FOR EACH ROW EXECUTE FUNCTION {doc}_delete()""",
        f"""CREATE FUNCTION {doc}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE {doc}, {doc}_vocab;
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER {doc}_truncate AFTER TRUNCATE ON {owner}
            FOR EACH STATEMENT EXECUTE FUNCTION {doc}_truncate()""",
    ]


def _postgres_undo(doc: str, owner: str, column: str) -> list[str]:
    tsv = " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, coalesce({field}, '')), '{label}')"
        for field, label in (("name", "A"), ("summary", "B"), ("description", "C"), ("extra", "D"))
    )
    return [
        f"DROP TRIGGER IF EXISTS {doc}_truncate ON {owner}",
        f"DROP TRIGGER IF EXISTS {doc}_delete ON {owner}",
        f"DROP FUNCTION IF EXISTS {doc}_truncate()",
        f"DROP FUNCTION IF EXISTS {doc}_delete()",
        f"DROP TABLE IF EXISTS {doc}",
        f"DELETE FROM {doc}_vocab",
        f"""CREATE TABLE {doc} (
            {column} integer PRIMARY KEY REFERENCES {owner} (id)
                ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            langs text NOT NULL DEFAULT '',
            name text NOT NULL DEFAULT '',
            summary text NOT NULL DEFAULT '',
            description text NOT NULL DEFAULT '',
            extra text NOT NULL DEFAULT '',
            tsv tsvector GENERATED ALWAYS AS ({tsv}) STORED
        )""",
        f"CREATE INDEX {doc}_tsv ON {doc} USING gin (tsv)",
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind in KINDS:
        for sql in _postgres_sql(*kind):
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind in KINDS:
        for sql in _postgres_undo(*kind):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_search_index")]

    operations = [migrations.RunPython(forwards, backwards)]
