"""Organisations and their changes waiting for approval.

Squashed before the first release (docs/decisions/0011-migrations-squashed-before-first-release.md).
"""

import django.db.models.deletion
import kumppani.organisations.validators
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("organisations", "0001_organisation"),
        ("organisations", "0002_changed_since_verification"),
        ("organisations", "0003_change_requests"),
    ]

    dependencies = [
        ("core", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Organisation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('name_fi', models.CharField(max_length=255, null=True, verbose_name='name')),
                ('name_sv', models.CharField(max_length=255, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=255, null=True, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_fi', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_sv', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('kind', models.CharField(choices=[('association', 'association'), ('foundation', 'foundation'), ('parish', 'parish'), ('municipality', 'municipality'), ('county_unit', 'county unit'), ('company', 'company'), ('other', 'other')], default='association', max_length=20, verbose_name='kind')),
                ('business_id', models.CharField(blank=True, help_text='Y-tunnus, e.g. 1234567-8.', max_length=9, validators=[kumppani.organisations.validators.validate_business_id], verbose_name='business ID')),
                ('register_number', models.CharField(blank=True, help_text='Number in the Register of Associations.', max_length=32, verbose_name='register number')),
                ('is_non_profit', models.BooleanField(default=True, verbose_name='non-profit')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('street_address', models.CharField(blank=True, max_length=200, verbose_name='street address')),
                ('postal_code', models.CharField(blank=True, max_length=5, verbose_name='postal code')),
                ('post_office', models.CharField(blank=True, max_length=100, verbose_name='post office')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('status', models.CharField(choices=[('active', 'active'), ('dissolved', 'dissolved')], default='active', max_length=20, verbose_name='status')),
                ('verified_at', models.DateTimeField(blank=True, null=True, verbose_name='verified')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('municipalities', models.ManyToManyField(blank=True, related_name='organisations', to='core.municipality', verbose_name='municipalities of operation')),
                ('umbrella', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='members', to='organisations.organisation', verbose_name='umbrella organisation')),
                ('verified_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='verified by')),
                ('changed_since_verification_at', models.DateTimeField(blank=True, null=True, verbose_name='key details changed since verification')),
            ],
            options={
                'verbose_name': 'organisation',
                'verbose_name_plural': 'organisations',
                'ordering': ['name', 'id'],
                'indexes': [models.Index(fields=['kind', 'status'], name='organisation_kind_status')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('business_id', ''), _negated=True), fields=('business_id',), name='organisation_business_id_unique')],
            },
        ),
        migrations.CreateModel(
            name='ChangeRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('area', 'municipalities of operation'), ('umbrella', 'umbrella organisation')], max_length=16, verbose_name='change')),
                ('status', models.CharField(choices=[('pending', 'waiting for approval'), ('approved', 'approved'), ('refused', 'refused')], default='pending', max_length=16, verbose_name='status')),
                ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided')),
                ('decision_reason', models.TextField(blank=True, verbose_name='reason')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('counties', models.ManyToManyField(blank=True, related_name='+', to='core.county')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipalities', models.ManyToManyField(blank=True, related_name='+', to='core.municipality', verbose_name='new municipalities of operation')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='change_requests', to='organisations.organisation', verbose_name='organisation')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('umbrella', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation', verbose_name='umbrella organisation to join')),
            ],
            options={
                'verbose_name': 'change waiting for approval',
                'verbose_name_plural': 'changes waiting for approval',
                'ordering': ['-requested_at', '-id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('organisation', 'kind'), name='one_pending_change_request_per_kind')],
            },
        ),
    ]
