"""Counties and municipalities, the audit log, status history, form submissions, the outbox.

Squashed before the first release (docs/decisions/0011-migrations-squashed-before-first-release.md)
from 0001 and 0003-0009; 0002_load_reference_data, which loads the counties and
municipalities, follows this one. The rename of recorded audit actions (the old 0004) is not
carried over: a new database has no audit events to rename.
"""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models

# Database triggers that refuse to change or delete audit events (see core.audit_guard).
AUDIT_TRIGGERS = {
    "sqlite": [
        """
    CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
    WHEN kumppani_audit_purge_allowed() = 0
    BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END
    """,
        """
    CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
    WHEN kumppani_audit_purge_allowed() = 0
    BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END
    """,
    ],
    "postgresql": [
        """
    CREATE FUNCTION core_auditevent_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(current_setting('kumppani.audit_purge', true), '') = 'on' THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit events cannot be changed or deleted (%)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
        """
    CREATE TRIGGER core_auditevent_no_change BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse()
    """,
        """
    CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse()
    """,
    ],
}
AUDIT_TRIGGERS_REVERSE = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS core_auditevent_no_update",
        "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent",
        "DROP TRIGGER IF EXISTS core_auditevent_no_change ON core_auditevent",
        "DROP FUNCTION IF EXISTS core_auditevent_refuse()",
    ],
}


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            # No parameters: the PostgreSQL function's message contains a literal %.
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("core", "0001_counties_municipalities_audit"),
        ("core", "0003_status_history"),
        ("core", "0004_audit_action_names"),
        ("core", "0005_audit_actor_snapshot"),
        ("core", "0006_audit_events_immutable"),
        ("core", "0007_form_submissions"),
        ("core", "0008_outbox_and_periodic_job_runs"),
        ("core", "0009_status_change_cause"),
    ]

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='County',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=2, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_fi', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_sv', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
            ],
            options={
                'verbose_name': 'wellbeing services county',
                'verbose_name_plural': 'wellbeing services counties',
                'ordering': ['code'],
            },
        ),
        migrations.CreateModel(
            name='Municipality',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=3, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('name_fi', models.CharField(max_length=100, null=True, verbose_name='name')),
                ('name_sv', models.CharField(max_length=100, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=100, null=True, verbose_name='name')),
                ('language', models.CharField(choices=[('unilingual_fi', 'Finnish-speaking'), ('bilingual_fi_majority', 'bilingual, Finnish majority'), ('bilingual_sv_majority', 'bilingual, Swedish majority'), ('unilingual_sv', 'Swedish-speaking')], max_length=32, verbose_name='language status')),
                ('county', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='municipalities', to='core.county', verbose_name='wellbeing services county')),
            ],
            options={
                'verbose_name': 'municipality',
                'verbose_name_plural': 'municipalities',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('occurred_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='time')),
                ('actor_label', models.CharField(blank=True, max_length=254, verbose_name='actor')),
                ('action', models.CharField(db_index=True, max_length=64, verbose_name='action')),
                ('object_type', models.CharField(blank=True, max_length=64, verbose_name='object type')),
                ('object_id', models.CharField(blank=True, max_length=64, verbose_name='object')),
                ('object_label', models.CharField(blank=True, max_length=255, verbose_name='object')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('outcome', models.CharField(choices=[('success', 'success'), ('denied', 'denied'), ('failure', 'failure')], default='success', max_length=16, verbose_name='outcome')),
                ('details', models.JSONField(blank=True, default=dict, verbose_name='details')),
                ('actor', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='actor')),
                ('county', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.county', verbose_name='wellbeing services county')),
                ('actor_name', models.CharField(blank=True, max_length=200, verbose_name="actor's name")),
            ],
            options={
                'verbose_name': 'audit event',
                'verbose_name_plural': 'audit events',
                'ordering': ['-occurred_at', '-id'],
                'indexes': [models.Index(fields=['county', '-occurred_at'], name='audit_county_time')],
            },
        ),
        migrations.CreateModel(
            name='StatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.CharField(max_length=64)),
                ('field', models.CharField(default='status', max_length=32)),
                ('from_state', models.CharField(blank=True, max_length=32, verbose_name='from')),
                ('to_state', models.CharField(max_length=32, verbose_name='to')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('actor_label', models.CharField(blank=True, max_length=254, verbose_name='by')),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='time')),
                ('actor', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('cause', models.CharField(blank=True, db_index=True, max_length=64)),
            ],
            options={
                'verbose_name': 'status change',
                'verbose_name_plural': 'status changes',
                'ordering': ['changed_at', 'id'],
                'indexes': [models.Index(fields=['content_type', 'object_id', 'changed_at'], name='status_change_object')],
            },
        ),
        migrations.CreateModel(
            name='Submission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.UUIDField(unique=True)),
                ('result_url', models.CharField(blank=True, max_length=500)),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'form submission',
                'verbose_name_plural': 'form submissions',
            },
        ),
        migrations.CreateModel(
            name='PeriodicJobRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                ('last_run_at', models.DateTimeField(blank=True, null=True, verbose_name='last run')),
            ],
            options={
                'verbose_name': 'periodic job run',
                'verbose_name_plural': 'periodic job runs',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='OutgoingEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('recipient', models.EmailField(max_length=254, verbose_name='recipient')),
                ('language', models.CharField(max_length=10, verbose_name='language')),
                ('subject', models.CharField(max_length=998, verbose_name='subject')),
                ('body', models.TextField(blank=True, verbose_name='body')),
                ('related_id', models.CharField(blank=True, max_length=64, verbose_name='related object')),
                ('status', models.CharField(choices=[('pending', 'waiting to be sent'), ('sending', 'being sent'), ('sent', 'sent'), ('failed', 'failed')], default='pending', max_length=16, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt')),
                ('lease_expires_at', models.DateTimeField(blank=True, null=True, verbose_name='lease expires')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created')),
                ('message_id', models.CharField(max_length=255, unique=True, verbose_name='Message-ID')),
                ('related_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contenttypes.contenttype', verbose_name='related object type')),
            ],
            options={
                'verbose_name': 'outgoing email',
                'verbose_name_plural': 'outgoing emails',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='outbox_status_next'), models.Index(fields=['status', 'lease_expires_at'], name='outbox_status_lease')],
            },
        ),
        migrations.RunPython(_run(AUDIT_TRIGGERS), _run(AUDIT_TRIGGERS_REVERSE)),
    ]
