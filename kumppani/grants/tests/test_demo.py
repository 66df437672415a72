"""The demo's grants: both counties' programmes with this year's calls, and the demo
representative's organisation with one sent application and one draft."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kumppani.accounts.models import User
from kumppani.grants.models import Application, ApplicationStatus, Call, CallStatus, Programme


@pytest.mark.django_db
def test_the_demo_has_calls_in_both_counties_and_the_representative_has_applications(
    settings,
) -> None:
    settings.DEBUG = True
    call_command("seed_demo")
    assert Programme.objects.filter(county__code="16").count() == 3
    assert Programme.objects.filter(county__code="17").count() == 3
    assert Call.objects.filter(status=CallStatus.PUBLISHED).count() == 6
    representative = User.objects.get(email__startswith="yhdistys@")
    organisation = representative.organisation_roles.get().organisation
    statuses = set(
        Application.objects.filter(organisation=organisation).values_list("status", flat=True)
    )
    assert statuses == {ApplicationStatus.SUBMITTED, ApplicationStatus.DRAFT}
    assert Application.objects.filter(call__programme__county__code="17").count() >= 1

    before = Application.objects.count()
    call_command("seed_demo")
    assert Application.objects.count() == before
    assert Programme.objects.count() == 6
