"""Making and changing partnership agreements: only what changed is written, a released
tranche stays as it was, an edit on an older version is refused; the pages make one
agreement however often the form is sent, show their errors, and are the county's
coordinator's only; the list shows why each tranche waits, filtered and paged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.core.concurrency import ChangedMeanwhile, version_of
from kumppani.core.models import AuditEvent
from kumppani.grants.models import PartnershipAgreement, Tranche, TrancheStatus
from kumppani.grants.services.agreements import (
    agreement_create,
    agreement_update,
    tranche_release,
)
from kumppani.testing.factories import county

from .conftest import decide, last_years_application

pytestmark = pytest.mark.django_db


def _make(organisation, user, title="Omaishoitajien tuki", **overrides):
    values = {
        "actor": Actor(user=user),
        "county": county("17"),
        "organisation": organisation,
        "title": title,
        "starts_year": 2027,
        "ends_year": 2029,
        "tranches": [(2027, Decimal("20000")), (2028, Decimal("20000"))],
        **overrides,
    }
    return agreement_create(**values)


@pytest.fixture
def agreement(applicant, carol):
    return _make(applicant, carol)


def test_create_makes_the_agreement_with_its_tranches_and_audits(agreement) -> None:
    assert agreement.organisation.business_id == "1234561-2"
    assert [(t.year, t.amount) for t in agreement.tranches.order_by("year")] == [
        (2027, Decimal("20000.00")),
        (2028, Decimal("20000.00")),
    ]
    assert AuditEvent.objects.filter(action="grants.agreement.create").count() == 1


def test_create_refuses_a_tranche_outside_the_years(applicant, carol) -> None:
    with pytest.raises(ValidationError):
        _make(applicant, carol, tranches=[(2031, Decimal("1000"))])
    assert not PartnershipAgreement.objects.exists()


def test_update_writes_only_what_changed_and_audits_it(agreement, carol) -> None:
    agreement_update(
        actor=Actor(user=carol),
        agreement=agreement,
        base_version=version_of(agreement),
        title="Omaishoitajien tuki",
        premises="Kokoustila",
        tranches=[(2027, Decimal("20000")), (2028, Decimal("25000")), (2029, Decimal("5000"))],
    )
    agreement_update(  # the same again: nothing changes
        actor=Actor(user=carol),
        agreement=agreement,
        title="Omaishoitajien tuki",
        premises="Kokoustila",
        tranches=[(2027, Decimal("20000")), (2028, Decimal("25000")), (2029, Decimal("5000"))],
    )

    agreement.refresh_from_db()
    assert agreement.premises == "Kokoustila"
    assert dict(agreement.tranches.values_list("year", "amount")) == {
        2027: Decimal("20000.00"),
        2028: Decimal("25000.00"),
        2029: Decimal("5000.00"),
    }
    events = AuditEvent.objects.filter(action="grants.agreement.update")
    assert events.count() == 1
    assert events.get().details["changed"] == ["premises", "tranches"]


def test_a_released_tranche_cannot_change_or_go(agreement, carol) -> None:
    tranche_release(tranche=agreement.tranches.get(year=2027), actor=Actor(user=carol))

    for tranches in (
        [(2027, Decimal("30000")), (2028, Decimal("20000"))],
        [(2028, Decimal("20000"))],
    ):
        with pytest.raises(ValidationError) as refused:
            agreement_update(actor=Actor(user=carol), agreement=agreement, tranches=tranches)
        assert "on jo vapautettu" in " ".join(refused.value.messages)
    released = Tranche.objects.get(agreement=agreement, year=2027)
    assert released.amount == Decimal("20000.00") and released.status == TrancheStatus.RELEASED


def test_an_edit_made_on_an_older_version_is_refused(agreement, carol) -> None:
    old = version_of(agreement)
    agreement_update(actor=Actor(user=carol), agreement=agreement, title="Uusi nimi")

    with pytest.raises(ChangedMeanwhile) as refused:
        agreement_update(
            actor=Actor(user=carol), agreement=agreement, base_version=old, title="Toinen nimi"
        )
    assert any("Uusi nimi" in message for message in refused.value.messages)
    agreement.refresh_from_db()
    assert agreement.title == "Uusi nimi"


def _form(organisation: str, token: str = "") -> dict[str, str]:
    return {
        "submission_token": token,
        "organisation": organisation,
        "title": "Vertaistuki",
        "description": "",
        "starts_year": "2027",
        "ends_year": "2028",
        "premises": "Kokoustila torstaisin",
        "communications": "",
        "other_support": "",
        "tranches-TOTAL_FORMS": "3",
        "tranches-INITIAL_FORMS": "2",
        "tranches-0-year": "2027",
        "tranches-0-amount": "10000",
        "tranches-1-year": "2028",
        "tranches-1-amount": "",
        "tranches-2-year": "",
        "tranches-2-amount": "",
    }


def test_the_same_form_sent_twice_makes_one_agreement(client, applicant, carol) -> None:
    client.force_login(carol)
    url = reverse("grants:agreement_new", args=["17"])
    page = client.get(url).content.decode()
    assert 'name="tranches-0-year"' in page and "submission_token" in page

    token = "4f1c2f8e9d3b4a5c8e7f6a5b4c3d2e1f"
    first = client.post(url, _form("1234561-2", token))
    second = client.post(url, _form("1234561-2", token))

    assert first.status_code == second.status_code == 302
    agreement = PartnershipAgreement.objects.get()
    assert agreement.organisation == applicant and agreement.county.code == "17"
    # An empty amount is a year without money.
    assert list(agreement.tranches.values_list("year", "amount")) == [(2027, Decimal("10000"))]


def test_the_organisation_is_found_by_name_and_errors_are_shown(client, applicant, carol) -> None:
    client.force_login(carol)
    url = reverse("grants:agreement_new", args=["17"])

    unknown = client.post(url, {**_form("Ei ole olemassa"), "title": "", "ends_year": "2026"})
    page = unknown.content.decode()
    assert unknown.status_code == 200 and "error-summary" in page
    assert "Ei ole olemassa" in page and "Anna sopimukselle nimi" in page
    assert "Viimeinen vuosi ei voi olla ennen ensimmäistä" in page
    assert not PartnershipAgreement.objects.exists()

    assert client.post(url, _form("Vaasanseudun Omaishoitajat ry")).status_code == 302
    assert PartnershipAgreement.objects.get().organisation == applicant


def test_the_edit_page_saves_and_keeps_a_released_tranche(client, agreement, carol) -> None:
    tranche_release(tranche=agreement.tranches.get(year=2027), actor=Actor(user=carol))
    client.force_login(carol)
    url = reverse("grants:agreement_edit", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert 'value="2028"' in page and 'value="2029"' in page

    data = {
        "base_version": version_of(agreement),
        "title": "Omaishoitajien tuki",
        "description": "",
        "starts_year": "2027",
        "ends_year": "2029",
        "premises": "",
        "communications": "Tiedotteet",
        "other_support": "",
        "tranches-TOTAL_FORMS": "2",
        "tranches-INITIAL_FORMS": "2",
        "tranches-0-year": "2028",
        "tranches-0-amount": "15000",
        "tranches-1-year": "2029",
        "tranches-1-amount": "",
    }
    assert client.post(url, data).status_code == 302
    assert dict(agreement.tranches.values_list("year", "amount")) == {
        2027: Decimal("20000.00"),
        2028: Decimal("15000.00"),
    }

    stale = client.post(url, {**data, "communications": "Jotain muuta"})
    assert "Joku muu tallensi" in stale.content.decode()
    agreement.refresh_from_db()
    assert agreement.communications == "Tiedotteet"


def test_another_countys_coordinator_and_an_applicant_are_refused(
    client, agreement, alice, sanna
) -> None:
    client.force_login(alice)
    assert client.get(reverse("grants:agreement_new", args=["17"])).status_code == 404
    assert client.get(reverse("grants:agreement_edit", args=[agreement.pk])).status_code == 404
    client.force_login(sanna)
    assert client.get(reverse("grants:agreement_new", args=["17"])).status_code == 403
    assert client.get(reverse("grants:agreement_edit", args=[agreement.pk])).status_code == 403
    assert client.get(reverse("grants:agreements")).status_code == 403


def test_the_list_says_why_a_tranche_waits_and_filters(
    client, agreement, applicant, org_x, sanna, carol
) -> None:
    decide(last_years_application(applicant, sanna), carol, "5000")
    client.force_login(carol)

    page = client.get(reverse("grants:agreements")).content.decode()
    assert page.count("käyttöselvitystä ei ole vielä hyväksytty") == 2  # 2027 and 2028

    url = reverse("grants:agreements")
    assert "Omaishoitajien tuki" in client.get(url, {"organisation": "vaasan"}).content.decode()
    assert "Omaishoitajien tuki" not in client.get(url, {"year": "2030"}).content.decode()
    assert "Omaishoitajien tuki" not in client.get(url, {"county": "16"}).content.decode()
    assert "Tarkista rajaukset" in client.get(url, {"year": "vuosi"}).content.decode()


def test_the_list_takes_the_same_queries_for_one_or_many_agreements(
    client, agreement, applicant, sanna, carol, django_assert_num_queries
) -> None:
    last_years_application(applicant, sanna)
    client.force_login(carol)
    client.get(reverse("grants:agreements"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("grants:agreements"))
    for number in range(4):
        _make(
            applicant,
            carol,
            title=f"Sopimus {number}",
            starts_year=2026 + number,
            ends_year=2030 + number,
            tranches=[(2026 + number + i, Decimal("1000")) for i in range(4)],
        )
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("grants:agreements"))


def test_the_admin_shows_an_agreement_and_its_tranches_read_only(client, stella, agreement) -> None:
    client.force_login(stella)
    url = reverse("admin:grants_partnershipagreement_change", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert "Omaishoitajien tuki" in page and "2028" in page
    model_admin = site._registry[PartnershipAgreement]
    request = RequestFactory().get("/")
    request.user = stella
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
