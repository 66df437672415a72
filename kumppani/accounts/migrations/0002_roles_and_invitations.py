"""County roles, representatives of organisations and invitations.

Squashed before the first release (docs/decisions/0011-migrations-squashed-before-first-release.md).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("accounts", "0002_roles_invitations"),
        ("accounts", "0003_invitation_language_and_withdrawal"),
        ("accounts", "0004_organisation_role_signing_right"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("core", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name='CountyRole',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('coordinator', 'NGO coordinator'), ('reviewer', 'grant reviewer'), ('professional', 'social and health professional'), ('unit_orderer', 'unit orderer'), ('liaison', 'NGO liaison person')], max_length=20, verbose_name='role')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('county', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='core.county', verbose_name='wellbeing services county')),
                ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='liaison_roles', to='core.municipality', verbose_name='municipality')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='county_roles', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'county role',
                'verbose_name_plural': 'county roles',
                'constraints': [models.UniqueConstraint(fields=('user', 'county', 'role', 'municipality'), name='county_role_unique'), models.UniqueConstraint(condition=models.Q(('municipality__isnull', True)), fields=('user', 'county', 'role'), name='county_role_unique_without_municipality')],
            },
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='email address')),
                ('county_role', models.CharField(blank=True, choices=[('coordinator', 'NGO coordinator'), ('reviewer', 'grant reviewer'), ('professional', 'social and health professional'), ('unit_orderer', 'unit orderer'), ('liaison', 'NGO liaison person')], max_length=20, verbose_name='county role')),
                ('title', models.CharField(blank=True, choices=[('chair', 'chair'), ('vice_chair', 'vice chair'), ('secretary', 'secretary'), ('treasurer', 'treasurer'), ('executive', 'executive director'), ('contact', 'contact person'), ('member', 'board member')], max_length=20, verbose_name='title')),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('expires_at', models.DateTimeField(verbose_name='expires')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='accepted')),
                ('county', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='core.county', verbose_name='wellbeing services county')),
                ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitations_sent', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.municipality', verbose_name='municipality')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='organisations.organisation', verbose_name='organisation')),
                ('language', models.CharField(choices=[('fi', 'Finnish'), ('sv', 'Swedish'), ('en', 'English')], default='fi', help_text='The invitation email and the first pages are in this language.', max_length=2, verbose_name='language of the invitation')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='withdrawn')),
            ],
            options={
                'verbose_name': 'invitation',
                'verbose_name_plural': 'invitations',
                'ordering': ['-created_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('organisation__isnull', False), ('county_role', '')), models.Q(('organisation__isnull', True), models.Q(('county_role', ''), _negated=True)), _connector='OR'), name='invitation_organisation_xor_county_role')],
            },
        ),
        migrations.CreateModel(
            name='OrganisationRole',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(choices=[('chair', 'chair'), ('vice_chair', 'vice chair'), ('secretary', 'secretary'), ('treasurer', 'treasurer'), ('executive', 'executive director'), ('contact', 'contact person'), ('member', 'board member')], default='contact', max_length=20, verbose_name='title')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='organisations.organisation', verbose_name='organisation')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='organisation_roles', to=settings.AUTH_USER_MODEL)),
                ('has_signing_right', models.BooleanField(default=False, help_text='The person may sign for the organisation (nimenkirjoitusoikeus), as the Register of Associations records.', verbose_name='signing right')),
            ],
            options={
                'verbose_name': 'representative',
                'verbose_name_plural': 'representatives',
                'constraints': [models.UniqueConstraint(fields=('user', 'organisation'), name='organisation_role_unique')],
            },
        ),
    ]
