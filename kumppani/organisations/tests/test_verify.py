"""Verifying an organisation: a checklist page, every item confirmed, recorded once."""

import pytest
from django.urls import reverse

from kumppani.core import workflow
from kumppani.core.models import AuditEvent
from kumppani.testing.factories import VERIFY_FORM, with_contact
from kumppani.testing.urls import reverse_en


def _verify_url(organisation, *, english: bool = True) -> str:
    reverse_to = reverse_en if english else reverse
    return reverse_to("organisations:verify", args=[organisation.public_id])


def test_the_verify_page_shows_the_checklist_and_the_details_to_check(client, alice, org_x):
    client.force_login(alice)
    response = client.get(_verify_url(org_x))
    assert response.status_code == 200
    page = response.text
    assert 'type="checkbox" name="checks" value="business_id"' in page
    assert "The contact details were tried and they work." in page
    assert "tietopalvelu.ytj.fi/yritys/0201256-6" in page
    assert "<legend>What did you check?</legend>" in page
    assert page.count("not given") >= 3  # no email, phone or website yet
    org_x.refresh_from_db()
    assert org_x.verified_at is None  # looking is not verifying


def test_the_detail_page_links_to_the_checklist_instead_of_verifying_at_once(client, alice, org_x):
    client.force_login(alice)
    page = client.get(reverse_en("organisations:detail", args=[org_x.public_id])).text
    assert f'<a href="{_verify_url(org_x)}">Verify…</a>' in page
    assert f'action="{_verify_url(org_x)}"' not in page


def test_verifying_with_an_item_unchecked_is_refused_with_a_message(client, alice, org_x):
    client.force_login(alice)
    response = client.post(
        _verify_url(with_contact(org_x)), {"checks": ["business_id", "activities"]}
    )
    assert response.status_code == 200
    assert "Check every item before verifying." in response.text
    assert "Not yet checked: The contact details were tried and they work." in response.text
    org_x.refresh_from_db()
    assert org_x.verified_at is None


def test_verifying_with_nothing_checked_is_refused(client, alice, org_x):
    client.force_login(alice)
    response = client.post(_verify_url(with_contact(org_x)), {})
    assert response.status_code == 200
    assert "Check every item before verifying." in response.text
    assert not AuditEvent.objects.filter(action="organisations.organisation.verify").exists()


def test_verifying_an_organisation_without_contact_details_is_refused(client, alice, org_x):
    client.force_login(alice)
    response = client.post(_verify_url(org_x), VERIFY_FORM)
    assert response.status_code == 200
    assert "Ask it to add contact details before verifying." in response.text
    org_x.refresh_from_db()
    assert org_x.verified_at is None


def test_verifying_with_the_checklist_complete_shows_it_in_the_history(client, alice, org_x):
    client.force_login(alice)
    response = client.post(
        _verify_url(with_contact(org_x)), {**VERIFY_FORM, "note": "Soitettu 3.12."}
    )
    assert response.status_code == 302
    page = client.get(response["Location"].replace("/fi/", "/en/", 1)).text
    assert "business ID checked in the trade register" in page
    assert "Soitettu 3.12." in page
    org_x.refresh_from_db()
    assert org_x.is_verified and org_x.verified_by == alice


@pytest.mark.django_db
def test_a_repeated_verification_form_records_one_verification(client, alice, org_x):
    client.force_login(alice)
    token = client.get(_verify_url(org_x)).context["submission_token"]
    with_contact(org_x)
    for _ in range(2):
        response = client.post(_verify_url(org_x), {**VERIFY_FORM, "submission_token": token})
        assert response.status_code == 302
    assert len(workflow.history(org_x)) == 1
    assert AuditEvent.objects.filter(action="organisations.organisation.verify").count() == 1


def test_the_verify_page_is_refused_to_a_representative(client, bob, org_x):
    client.force_login(bob)
    assert client.get(_verify_url(org_x)).status_code == 403
