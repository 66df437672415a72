"""Partnership agreements: a tranche is released only once the previous year's usage report
is accepted, with the hold reason until then; releasing is audited and done once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent
from kumppani.grants.models import Tranche, TrancheStatus
from kumppani.grants.services.agreements import agreement_create, tranche_release
from kumppani.grants.services.funding import Held, report_accept, report_submit
from kumppani.testing.factories import county

from .conftest import decide, last_years_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(applicant, carol):
    return agreement_create(
        actor=Actor(user=carol),
        county=county("17"),
        organisation=applicant,
        title="Omaishoitajien tuki",
        starts_year=2027,
        ends_year=2029,
        tranches=[(2027, Decimal("20000")), (2028, Decimal("20000")), (2029, Decimal("20000"))],
        premises="Kokoustilat Vaasan sote-keskuksessa",
        communications="Tapahtumat hyvinvointialueen tiedotteissa",
    )


def test_a_tranche_waits_for_last_years_report_and_is_released_once(
    agreement, applicant, sanna, carol
) -> None:
    report = decide(last_years_application(applicant, sanna), carol, "5000").usage_report
    tranche = agreement.tranches.get(year=2027)

    with pytest.raises(Held) as held:
        tranche_release(tranche=tranche, actor=Actor(user=carol))
    assert "käyttöselvitys" in held.value.messages[0]
    assert Tranche.objects.get(pk=tranche.pk).status == TrancheStatus.PLANNED

    report_submit(report=report, actor=Actor(user=sanna), what_was_done="Ryhmiä.")
    report_accept(report=report, actor=Actor(user=carol))
    tranche_release(tranche=tranche, actor=Actor(user=carol))
    tranche_release(tranche=tranche, actor=Actor(user=carol))

    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.RELEASED and tranche.released_by == carol
    assert AuditEvent.objects.filter(action="grants.tranche.release").count() == 1


def test_the_page_lists_agreements_and_releases_with_the_reason_shown(
    client, agreement, applicant, sanna, carol, alice
) -> None:
    decide(last_years_application(applicant, sanna), carol, "5000")
    client.force_login(carol)
    page = client.get(reverse("grants:agreements")).content.decode()
    assert "Omaishoitajien tuki" in page and "Kokoustilat Vaasan sote-keskuksessa" in page
    tranche = agreement.tranches.get(year=2027)

    refused = client.post(reverse("grants:tranche_release", args=[tranche.pk]), follow=True)
    assert "käyttöselvitys" in refused.content.decode()
    assert Tranche.objects.get(pk=tranche.pk).status == TrancheStatus.PLANNED

    client.force_login(alice)  # another county's coordinator
    assert "Omaishoitajien tuki" not in client.get(reverse("grants:agreements")).content.decode()
    assert client.post(reverse("grants:tranche_release", args=[tranche.pk])).status_code == 404


def test_the_list_takes_the_same_queries_for_one_or_three_agreements(
    client, agreement, applicant, carol, django_assert_num_queries
) -> None:
    client.force_login(carol)
    client.get(reverse("grants:agreements"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("grants:agreements"))
    for title in ("Toinen", "Kolmas"):
        agreement_create(
            actor=Actor(user=carol),
            county=county("17"),
            organisation=applicant,
            title=title,
            starts_year=2027,
            ends_year=2028,
            tranches=[(2027, Decimal("1000"))],
        )
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("grants:agreements"))
