"""manage.py seed_demo: development only, idempotent, every role and kind."""

import pytest
from django.core.management import CommandError, call_command
from stdnum.fi import ytunnus

from kumppani.accounts.models import CountyRole, CountyRoleKind, OrganisationRole, User
from kumppani.core.models import AuditEvent
from kumppani.demo import people as demo_data
from kumppani.organisations.models import Organisation, OrganisationKind
from kumppani.testing.factories import municipality


def test_seed_demo_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not Organisation.objects.exists()


def test_seed_demo_is_idempotent(db, settings, capsys, tmp_path):
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = tmp_path  # the demo's grant attachments
    call_command("seed_demo")
    counts = (
        Organisation.objects.count(),
        User.objects.count(),
        CountyRole.objects.count(),
        OrganisationRole.objects.count(),
        AuditEvent.objects.count(),
    )
    first_updated = {o.pk: o.updated_at for o in Organisation.objects.all()}

    call_command("seed_demo")

    assert counts == (
        Organisation.objects.count(),
        User.objects.count(),
        CountyRole.objects.count(),
        OrganisationRole.objects.count(),
        AuditEvent.objects.count(),
    )
    assert {o.pk: o.updated_at for o in Organisation.objects.all()} == first_updated
    output = capsys.readouterr().out
    assert "organisations: 0 created" in output
    assert "Demo sign-ins" in output


def test_seed_demo_covers_both_counties_every_kind_and_every_role(db, settings, capsys, tmp_path):
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = tmp_path  # the demo's grant attachments
    call_command("seed_demo")

    organisations = Organisation.objects.all()
    assert 35 <= organisations.count() <= 45
    assert Organisation.objects.in_county("16").count() >= 15
    assert Organisation.objects.in_county("17").count() >= 12
    kinds = set(organisations.values_list("kind", flat=True))
    assert {
        OrganisationKind.ASSOCIATION,
        OrganisationKind.FOUNDATION,
        OrganisationKind.PARISH,
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.COUNTY_UNIT,
    } <= kinds
    assert Organisation.objects.filter(members__isnull=False).exists()  # an umbrella
    assert organisations.filter(verified_at__isnull=False).exists()
    assert organisations.filter(verified_at__isnull=True).exists()
    assert all(ytunnus.is_valid(o.business_id) for o in organisations)
    assert all(o.name_fi and o.name_sv for o in organisations)
    assert all(o.description_fi and o.description_sv for o in organisations)
    # Every municipality of Etelä-Pohjanmaa has at least one organisation.
    served = set(
        organisations.values_list("municipalities__code", flat=True).exclude(
            municipalities__code=None
        )
    )
    assert set(demo_data.SOUTH_OSTROBOTHNIA) <= served

    roles = set(CountyRole.objects.values_list("county__code", "role"))
    assert {
        ("16", CountyRoleKind.COORDINATOR),
        ("17", CountyRoleKind.COORDINATOR),
        ("16", CountyRoleKind.REVIEWER),
        ("16", CountyRoleKind.PROFESSIONAL),
        ("16", CountyRoleKind.UNIT_ORDERER),
        ("16", CountyRoleKind.LIAISON),
    } <= roles
    assert CountyRole.objects.get(role=CountyRoleKind.LIAISON).municipality == municipality("743")
    assert OrganisationRole.objects.exists()
    assert User.objects.filter(is_staff=True).exists()
    output = capsys.readouterr().out
    for user in demo_data.USERS:
        assert user.email in output
        assert user.password in output
        assert User.objects.get(email=user.email).check_password(user.password)
