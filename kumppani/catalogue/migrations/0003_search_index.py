"""Search index tables: PostgreSQL weighted tsvector + GIN, SQLite FTS5 (external content).

The tables are plain SQL (no Django model): only kumppani.catalogue.search reads and writes
them. Each backend gets its own DDL; the analyzed text columns are the same on both, so
both rank the same terms.
"""

from django.db import migrations

# The statements are built from the constant table names below only.
# ruff: noqa: S608

# One document table per searchable kind: (document table, owner table, owner column).
KINDS = (
    ("catalogue_search_service", "catalogue_service", "service_id"),
    ("catalogue_search_task", "catalogue_volunteertask", "task_id"),
)


def _postgres_sql(doc: str, owner: str, column: str) -> list[str]:
    tsv = " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, coalesce({field}, '')), '{label}')"
        for field, label in (("name", "A"), ("summary", "B"), ("description", "C"), ("extra", "D"))
    )
    return [
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
        f"CREATE TABLE {doc}_vocab (term text PRIMARY KEY, ndoc integer NOT NULL)",
        f"CREATE INDEX {doc}_vocab_prefix ON {doc}_vocab (term text_pattern_ops)",
    ]


def _sqlite_sql(doc: str, owner: str, column: str) -> list[str]:
    cols = "name, summary, description, extra"
    new = "new.name, new.summary, new.description, new.extra"
    old = "old.name, old.summary, old.description, old.extra"
    return [
        f"""CREATE TABLE {doc} (
            {column} integer PRIMARY KEY REFERENCES {owner} (id)
                ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            langs text NOT NULL DEFAULT '',
            name text NOT NULL DEFAULT '',
            summary text NOT NULL DEFAULT '',
            description text NOT NULL DEFAULT '',
            extra text NOT NULL DEFAULT ''
        )""",
        f"CREATE VIRTUAL TABLE {doc}_fts USING fts5({cols}, content='{doc}', "
        f"content_rowid='{column}', prefix='7')",
        f"CREATE VIRTUAL TABLE {doc}_vocab USING fts5vocab({doc}_fts, 'row')",
        f"""CREATE TRIGGER {doc}_ai AFTER INSERT ON {doc} BEGIN
            INSERT INTO {doc}_fts (rowid, {cols}) VALUES (new.{column}, {new});
        END""",
        f"""CREATE TRIGGER {doc}_ad AFTER DELETE ON {doc} BEGIN
            INSERT INTO {doc}_fts ({doc}_fts, rowid, {cols})
            VALUES ('delete', old.{column}, {old});
        END""",
        f"""CREATE TRIGGER {doc}_au AFTER UPDATE ON {doc} BEGIN
            INSERT INTO {doc}_fts ({doc}_fts, rowid, {cols})
            VALUES ('delete', old.{column}, {old});
            INSERT INTO {doc}_fts (rowid, {cols}) VALUES (new.{column}, {new});
        END""",
    ]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for doc, owner, column in KINDS:
        if vendor == "postgresql":
            statements = _postgres_sql(doc, owner, column)
        elif vendor == "sqlite":
            statements = _sqlite_sql(doc, owner, column)
        else:
            raise NotImplementedError(
                f"The search index supports PostgreSQL and SQLite, not {vendor}."
            )
        for sql in statements:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for doc, _owner, _column in KINDS:
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TABLE IF EXISTS {doc}_vocab")
            schema_editor.execute(f"DROP TABLE IF EXISTS {doc}_fts")
            schema_editor.execute(f"DROP TABLE IF EXISTS {doc}")
        else:
            schema_editor.execute(f"DROP TABLE IF EXISTS {doc}_vocab")
            schema_editor.execute(f"DROP TABLE IF EXISTS {doc}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_load_taxonomies")]

    operations = [migrations.RunPython(create, drop)]
