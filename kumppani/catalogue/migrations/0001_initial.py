"""Taxonomies, services, locations, schedules, volunteer tasks and the search index.

Squashed before the first release (docs/decisions/0011-migrations-squashed-before-first-release.md)
from 0001 and 0003-0008; 0002_load_taxonomies, which loads the vocabularies, follows this one.

The search index tables are plain SQL (no Django model): only kumppani.catalogue.search reads
and writes them (docs/decisions/0006-search.md). Each backend gets its own DDL.

PostgreSQL, for speed at 100,000 services: per document, ``langs``, ``areas`` (the
municipality codes it is offered in, whole counties expanded, ``c<county code>`` for every
county touched and ``all`` for nationwide services; GIN-indexed so that a municipality filter
restricts the text match itself), ``verified_at`` (the freshness the ranking needs), ``tsv``
(every analyzed term weighted by field: name A, summary B, description C, extra D; compressed
with lz4) and ``ab`` (name and summary only, stored inline, for the "title-first" match of
queries that match thousands of documents); services also keep one ready-made result card per
reader language (``card_fi``, ``card_sv``, ``card_en``: the API list item as JSON with the
language fallback applied). No foreign keys: Django's ``flush`` truncates ``catalogue_service``
without knowing about these tables, and PostgreSQL refuses to truncate a table referenced by a
foreign key. Triggers on the owner table delete a document with its owner and empty the
documents and the vocabulary when the owner table is truncated.

SQLite: an FTS5 table over each document table's text (external content), kept in step by
triggers, and its vocabulary.
"""

import django.db.models.deletion
import django.utils.timezone
import kumppani.catalogue.models
import uuid
from django.conf import settings
from django.db import migrations, models

# The statements are built from the constant table names below only.
# ruff: noqa: S608

# One document table per searchable kind: (document table, owner table, owner column).
SEARCH_KINDS = (
    ("catalogue_search_service", "catalogue_service", "service_id"),
    ("catalogue_search_task", "catalogue_volunteertask", "task_id"),
)
# The ready-made result cards, one per reader language (services only).
CARD_LANGUAGES = ("fi", "sv", "en")


def _postgres_sql(doc: str, owner: str, column: str) -> list[str]:
    cards = ""
    if doc == "catalogue_search_service":
        cards = "".join(f",\n            card_{code} text" for code in CARD_LANGUAGES)
    return [
        f"""CREATE TABLE {doc} (
            {column} integer PRIMARY KEY,
            langs text NOT NULL DEFAULT '',
            areas text[] NOT NULL DEFAULT '{{}}',
            verified_at timestamptz,
            tsv tsvector COMPRESSION lz4 NOT NULL,
            ab tsvector NOT NULL{cards}
        )""",
        f"ALTER TABLE {doc} ALTER COLUMN ab SET STORAGE MAIN",
        f"CREATE INDEX {doc}_tsv ON {doc} USING gin (tsv)",
        f"CREATE INDEX {doc}_ab ON {doc} USING gin (ab)",
        f"CREATE INDEX {doc}_areas ON {doc} USING gin (areas)",
        f"CREATE TABLE {doc}_vocab (term text PRIMARY KEY, ndoc integer NOT NULL)",
        f"CREATE INDEX {doc}_vocab_prefix ON {doc}_vocab (term text_pattern_ops)",
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
    return [
        f"DROP TRIGGER IF EXISTS {doc}_truncate ON {owner}",
        f"DROP TRIGGER IF EXISTS {doc}_delete ON {owner}",
        f"DROP FUNCTION IF EXISTS {doc}_truncate()",
        f"DROP FUNCTION IF EXISTS {doc}_delete()",
        f"DROP TABLE IF EXISTS {doc}_vocab",
        f"DROP TABLE IF EXISTS {doc}",
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


def _sqlite_undo(doc: str, owner: str, column: str) -> list[str]:
    return [
        f"DROP TABLE IF EXISTS {doc}_vocab",
        f"DROP TABLE IF EXISTS {doc}_fts",
        f"DROP TABLE IF EXISTS {doc}",
    ]


def _search_index(builders):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in builders:
            raise NotImplementedError(
                f"The search index supports PostgreSQL and SQLite, not {vendor}."
            )
        for kind in SEARCH_KINDS:
            for sql in builders[vendor](*kind):
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("catalogue", "0001_services_locations_schedules_tasks"),
        ("catalogue", "0003_search_index"),
        ("catalogue", "0004_search_index_areas_and_title_vector"),
        ("catalogue", "0005_search_card"),
        ("catalogue", "0006_search_cards_by_language"),
        ("catalogue", "0007_accessibility_features"),
        ("catalogue", "0008_contact_role_and_consent"),
    ]

    dependencies = [
        ("core", "0001_initial"),
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Taxonomy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('code', models.SlugField(unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_fi', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_sv', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_fi', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_sv', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('uri', models.URLField(blank=True, verbose_name='URI')),
                ('version', models.CharField(blank=True, max_length=50, verbose_name='version')),
            ],
            options={
                'verbose_name': 'taxonomy',
                'verbose_name_plural': 'taxonomies',
                'ordering': ['code'],
            },
        ),
        migrations.CreateModel(
            name='TaxonomyTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('code', models.CharField(max_length=80, verbose_name='code')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_fi', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_sv', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_fi', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_sv', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('uri', models.URLField(blank=True, verbose_name='URI')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='children', to='catalogue.taxonomyterm')),
                ('taxonomy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='terms', to='catalogue.taxonomy')),
            ],
            options={
                'verbose_name': 'taxonomy term',
                'verbose_name_plural': 'taxonomy terms',
                'ordering': ['taxonomy__code', 'code'],
                'constraints': [models.UniqueConstraint(fields=('taxonomy', 'code'), name='taxonomy_term_code_unique')],
            },
        ),
        migrations.CreateModel(
            name='Location',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('name', models.CharField(blank=True, max_length=255, verbose_name='name')),
                ('name_fi', models.CharField(blank=True, max_length=255, null=True, verbose_name='name')),
                ('name_sv', models.CharField(blank=True, max_length=255, null=True, verbose_name='name')),
                ('name_en', models.CharField(blank=True, max_length=255, null=True, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_fi', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_sv', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='street address')),
                ('postal_code', models.CharField(blank=True, max_length=10, verbose_name='postal code')),
                ('city', models.CharField(blank=True, max_length=100, verbose_name='post office')),
                ('latitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
                ('longitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
                ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='locations', to='core.municipality')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='locations', to='organisations.organisation')),
            ],
            options={
                'verbose_name': 'location',
                'verbose_name_plural': 'locations',
                'ordering': ['name', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Service',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('name', models.CharField(blank=True, max_length=255, verbose_name='name')),
                ('name_fi', models.CharField(blank=True, max_length=255, null=True, verbose_name='name')),
                ('name_sv', models.CharField(blank=True, max_length=255, null=True, verbose_name='name')),
                ('name_en', models.CharField(blank=True, max_length=255, null=True, verbose_name='name')),
                ('summary', models.CharField(blank=True, max_length=400, verbose_name='short summary')),
                ('summary_fi', models.CharField(blank=True, max_length=400, null=True, verbose_name='short summary')),
                ('summary_sv', models.CharField(blank=True, max_length=400, null=True, verbose_name='short summary')),
                ('summary_en', models.CharField(blank=True, max_length=400, null=True, verbose_name='short summary')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_fi', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_sv', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('easy_read_summary', models.TextField(blank=True, help_text='A summary in easy-to-read language (selkokieli / lättläst).', verbose_name='easy-to-read summary')),
                ('easy_read_summary_fi', models.TextField(blank=True, help_text='A summary in easy-to-read language (selkokieli / lättläst).', null=True, verbose_name='easy-to-read summary')),
                ('easy_read_summary_sv', models.TextField(blank=True, help_text='A summary in easy-to-read language (selkokieli / lättläst).', null=True, verbose_name='easy-to-read summary')),
                ('easy_read_summary_en', models.TextField(blank=True, help_text='A summary in easy-to-read language (selkokieli / lättläst).', null=True, verbose_name='easy-to-read summary')),
                ('is_nationwide', models.BooleanField(default=False, verbose_name='nationwide')),
                ('is_online', models.BooleanField(default=False, verbose_name='online')),
                ('is_free', models.BooleanField(default=True, verbose_name='free of charge')),
                ('fee_description', models.CharField(blank=True, max_length=255, verbose_name='fee')),
                ('fee_description_fi', models.CharField(blank=True, max_length=255, null=True, verbose_name='fee')),
                ('fee_description_sv', models.CharField(blank=True, max_length=255, null=True, verbose_name='fee')),
                ('fee_description_en', models.CharField(blank=True, max_length=255, null=True, verbose_name='fee')),
                ('how_to_join', models.CharField(choices=[('drop_in', 'drop in'), ('sign_up', 'sign up in advance'), ('referral', 'by referral')], default='drop_in', max_length=20, verbose_name='how to join')),
                ('free_places', models.PositiveIntegerField(blank=True, null=True, verbose_name='free places for referrals')),
                ('step_free_access', kumppani.catalogue.models.AccessibilityFeature(default=False, verbose_name='step-free access')),
                ('accessible_toilet', kumppani.catalogue.models.AccessibilityFeature(default=False, verbose_name='accessible toilet')),
                ('induction_loop', kumppani.catalogue.models.AccessibilityFeature(default=False, verbose_name='induction loop')),
                ('sign_language', kumppani.catalogue.models.AccessibilityFeature(default=False, verbose_name='sign language')),
                ('easy_to_read', kumppani.catalogue.models.AccessibilityFeature(default=False, verbose_name='easy-to-read language')),
                ('remote_participation', kumppani.catalogue.models.AccessibilityFeature(default=False, verbose_name='remote participation')),
                ('contact_name', models.CharField(blank=True, max_length=200, verbose_name='contact person')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='contact email')),
                ('contact_phone', models.CharField(blank=True, max_length=40, verbose_name='contact phone')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('status', models.CharField(choices=[('draft', 'draft'), ('published', 'published'), ('archived', 'archived')], default='draft', max_length=20, verbose_name='status')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                ('last_verified_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='last confirmed')),
                ('reminder_sent_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('hidden_at', models.DateTimeField(blank=True, null=True, verbose_name='hidden')),
                ('hidden_reason', models.TextField(blank=True, verbose_name='reason for hiding')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('counties', models.ManyToManyField(blank=True, related_name='services', to='core.county', verbose_name='whole wellbeing services counties')),
                ('hidden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipalities', models.ManyToManyField(blank=True, related_name='services', to='core.municipality', verbose_name='municipalities')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='services', to='organisations.organisation', verbose_name='organisation')),
                ('terms', models.ManyToManyField(blank=True, help_text='Activity types, themes, target groups and service classes.', related_name='services', to='catalogue.taxonomyterm', verbose_name='classification')),
                ('contact_consent_at', models.DateTimeField(blank=True, null=True, verbose_name='consent to show the contact person recorded')),
                ('contact_consent_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='consent recorded by')),
                ('contact_title', models.CharField(blank=True, max_length=200, verbose_name="contact person's role")),
                ('contact_title_en', models.CharField(blank=True, max_length=200, null=True, verbose_name="contact person's role")),
                ('contact_title_fi', models.CharField(blank=True, max_length=200, null=True, verbose_name="contact person's role")),
                ('contact_title_sv', models.CharField(blank=True, max_length=200, null=True, verbose_name="contact person's role")),
            ],
            options={
                'verbose_name': 'service',
                'verbose_name_plural': 'services',
                'ordering': ['name', 'id'],
                'indexes': [models.Index(fields=['status', 'hidden_at'], name='service_visible'), models.Index(fields=['last_verified_at'], name='service_last_verified')],
            },
        ),
        migrations.CreateModel(
            name='Schedule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('starts_at', models.DateTimeField(verbose_name='first time starts')),
                ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='first time ends')),
                ('rrule', models.CharField(blank=True, help_text='Empty for a one-off event; e.g. FREQ=WEEKLY;BYDAY=TU for every Tuesday.', max_length=255, verbose_name='repeat rule')),
                ('until', models.DateField(blank=True, null=True, verbose_name='repeats until')),
                ('skip_public_holidays', models.BooleanField(default=True, verbose_name='not on public holidays')),
                ('description', models.CharField(blank=True, max_length=255, verbose_name='description')),
                ('description_fi', models.CharField(blank=True, max_length=255, null=True, verbose_name='description')),
                ('description_sv', models.CharField(blank=True, max_length=255, null=True, verbose_name='description')),
                ('description_en', models.CharField(blank=True, max_length=255, null=True, verbose_name='description')),
                ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='schedules', to='catalogue.location')),
                ('service', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='schedules', to='catalogue.service')),
            ],
            options={
                'verbose_name': 'schedule',
                'verbose_name_plural': 'schedules',
                'ordering': ['starts_at'],
            },
        ),
        migrations.CreateModel(
            name='VolunteerTask',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('title', models.CharField(blank=True, max_length=255, verbose_name='title')),
                ('title_fi', models.CharField(blank=True, max_length=255, null=True, verbose_name='title')),
                ('title_sv', models.CharField(blank=True, max_length=255, null=True, verbose_name='title')),
                ('title_en', models.CharField(blank=True, max_length=255, null=True, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_fi', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_sv', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('is_remote', models.BooleanField(default=False, verbose_name='remote')),
                ('time_commitment', models.CharField(blank=True, max_length=255, verbose_name='time commitment')),
                ('time_commitment_fi', models.CharField(blank=True, max_length=255, null=True, verbose_name='time commitment')),
                ('time_commitment_sv', models.CharField(blank=True, max_length=255, null=True, verbose_name='time commitment')),
                ('time_commitment_en', models.CharField(blank=True, max_length=255, null=True, verbose_name='time commitment')),
                ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends')),
                ('skills', models.TextField(blank=True, verbose_name='skills wanted')),
                ('skills_fi', models.TextField(blank=True, null=True, verbose_name='skills wanted')),
                ('skills_sv', models.TextField(blank=True, null=True, verbose_name='skills wanted')),
                ('skills_en', models.TextField(blank=True, null=True, verbose_name='skills wanted')),
                ('contact_name', models.CharField(blank=True, max_length=200, verbose_name='contact person')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='contact email')),
                ('contact_phone', models.CharField(blank=True, max_length=40, verbose_name='contact phone')),
                ('status', models.CharField(choices=[('draft', 'draft'), ('published', 'published'), ('archived', 'archived')], default='draft', max_length=20, verbose_name='status')),
                ('hidden_at', models.DateTimeField(blank=True, null=True, verbose_name='hidden')),
                ('hidden_reason', models.TextField(blank=True, verbose_name='reason for hiding')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='volunteer_tasks', to='core.municipality', verbose_name='municipality')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='volunteer_tasks', to='organisations.organisation', verbose_name='organisation')),
                ('terms', models.ManyToManyField(blank=True, related_name='volunteer_tasks', to='catalogue.taxonomyterm', verbose_name='classification')),
                ('contact_consent_at', models.DateTimeField(blank=True, null=True, verbose_name='consent to show the contact person recorded')),
                ('contact_consent_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='consent recorded by')),
                ('contact_title', models.CharField(blank=True, max_length=200, verbose_name="contact person's role")),
                ('contact_title_en', models.CharField(blank=True, max_length=200, null=True, verbose_name="contact person's role")),
                ('contact_title_fi', models.CharField(blank=True, max_length=200, null=True, verbose_name="contact person's role")),
                ('contact_title_sv', models.CharField(blank=True, max_length=200, null=True, verbose_name="contact person's role")),
            ],
            options={
                'verbose_name': 'volunteer task',
                'verbose_name_plural': 'volunteer tasks',
                'ordering': ['title', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ServiceLanguage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=3, verbose_name='language')),
                ('service', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='languages', to='catalogue.service')),
            ],
            options={
                'verbose_name': 'language',
                'verbose_name_plural': 'languages',
                'indexes': [models.Index(fields=['code'], name='service_language_code')],
                'constraints': [models.UniqueConstraint(fields=('service', 'code'), name='service_language_unique')],
            },
        ),
        migrations.CreateModel(
            name='ServiceLocation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('location', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='service_locations', to='catalogue.location')),
                ('service', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='service_locations', to='catalogue.service')),
            ],
            options={
                'verbose_name': 'service location',
                'verbose_name_plural': 'service locations',
                'constraints': [models.UniqueConstraint(fields=('service', 'location'), name='service_location_unique')],
            },
        ),
        migrations.RunPython(
            _search_index({"postgresql": _postgres_sql, "sqlite": _sqlite_sql}),
            _search_index({"postgresql": _postgres_undo, "sqlite": _sqlite_undo}),
        ),
    ]
