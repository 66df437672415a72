"""Who may see and change organisations: the access matrix through the pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from kumppani.core.models import AuditEvent
from kumppani.testing.factories import (
    VERIFY_FORM,
    UserFactory,
    county,
    county_role,
    representative,
    with_contact,
)


def _url(name: str, organisation) -> str:
    return reverse(f"organisations:{name}", args=[organisation.public_id])


# --- anonymous ---


def test_anonymous_sees_the_list_and_the_detail_page(client, org_x, org_y):
    assert client.get(reverse("organisations:list")).status_code == 200
    response = client.get(_url("detail", org_x))
    assert response.status_code == 200
    assert "Seinäjoen Omaishoitajat ry" in response.text


def test_anonymous_is_sent_to_sign_in_from_edit_verify_export_and_create(client, org_x):
    sign_in = reverse("accounts:sign_in")
    for response in (
        client.get(_url("edit", org_x)),
        client.post(_url("verify", org_x)),
        client.post(_url("dissolve", org_x), {"reason": "Lopetettu"}),
        client.get(reverse("organisations:export") + "?format=csv"),
        client.get(reverse("organisations:create")),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(sign_in)
    org_x.refresh_from_db()
    assert not org_x.is_verified
    assert org_x.status == "active"


def test_unknown_organisation_is_404(client, db):
    response = client.get("/fi/organisations/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


# --- representative ---


def test_representative_edits_their_own_organisation(client, bob, org_x):
    client.force_login(bob)
    assert client.get(_url("edit", org_x)).status_code == 200
    response = client.post(
        _url("edit", org_x),
        {
            "name_fi": "Seinäjoen Omaishoitajat ry",
            "name_sv": "Seinäjoki närståendevårdare rf",
            "kind": "association",
            "business_id": "0201256-6",
            "is_non_profit": "on",
            "municipalities": ["743", "408"],
            "email": "info@omaishoitajat.example.fi",
        },
    )
    assert response.status_code == 302
    org_x.refresh_from_db()
    assert org_x.name_sv == "Seinäjoki närståendevårdare rf"
    assert sorted(m.code for m in org_x.municipalities.all()) == ["408", "743"]
    assert AuditEvent.objects.filter(action="organisations.organisation.update", actor=bob).exists()


def test_representative_may_not_edit_another_organisation(client, bob, org_y):
    client.force_login(bob)
    assert client.get(_url("edit", org_y)).status_code == 403
    assert client.post(_url("edit", org_y), {"name_fi": "X", "kind": "other"}).status_code == 403
    org_y.refresh_from_db()
    assert org_y.name_fi == "Vaasanseudun Omaishoitajat ry"


def test_representative_may_not_verify_their_own_organisation(client, bob, org_x):
    client.force_login(bob)
    assert client.post(_url("verify", org_x)).status_code == 403
    org_x.refresh_from_db()
    assert not org_x.is_verified


def test_representative_may_not_export_or_create(client, bob):
    client.force_login(bob)
    assert client.get(reverse("organisations:export")).status_code == 403
    assert client.get(reverse("organisations:create")).status_code == 403


# --- coordinators ---


def test_coordinator_edits_and_verifies_an_organisation_in_their_county(client, alice, org_x):
    client.force_login(alice)
    assert client.get(_url("edit", org_x)).status_code == 200
    response = client.post(_url("verify", with_contact(org_x)), VERIFY_FORM)
    assert response.status_code == 302
    org_x.refresh_from_db()
    assert org_x.verified_by == alice
    assert AuditEvent.objects.get(action="organisations.organisation.verify").county == county("16")


@pytest.mark.parametrize("action", ["edit", "verify", "dissolve"])
def test_coordinator_may_not_change_an_organisation_of_another_county(
    client, alice, carol, org_x, org_y, action
):
    for user, other in ((alice, org_y), (carol, org_x)):
        client.force_login(user)
        if action == "edit":
            response = client.get(_url("edit", other))
        else:
            response = client.post(_url(action, other), {"reason": "Lopetettu"})
        assert response.status_code == 403
        other.refresh_from_db()
        assert not other.is_verified
        assert other.status == "active"


def test_carol_edits_and_verifies_org_y_in_pohjanmaa(client, carol, org_y):
    client.force_login(carol)
    assert client.get(_url("edit", org_y)).status_code == 200
    assert client.post(_url("verify", with_contact(org_y)), VERIFY_FORM).status_code == 302
    org_y.refresh_from_db()
    assert org_y.verified_by == carol


def test_coordinator_marks_an_organisation_dissolved(client, alice, org_x):
    client.force_login(alice)
    response = client.post(_url("dissolve", org_x), {"reason": "Lopetettu 1.12."})
    assert response.status_code == 302
    org_x.refresh_from_db()
    assert org_x.status == "dissolved"
    # Dissolved organisations stay public.
    client.logout()
    assert client.get(_url("detail", org_x)).status_code == 200


def test_coordinator_creates_an_organisation_in_their_county(client, alice):
    client.force_login(alice)
    assert client.get(reverse("organisations:create")).status_code == 200
    response = client.post(
        reverse("organisations:create"),
        {"name_fi": "Kurikan Kuntoilijat ry", "kind": "association", "municipalities": ["301"]},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="organisations.organisation.create")
    assert event.actor == alice
    assert event.county == county("16")


def test_coordinator_cannot_create_an_organisation_only_outside_their_county(client, alice):
    client.force_login(alice)
    with translation.override("en"):
        url = reverse("organisations:create")
    response = client.post(
        url,
        {"name_fi": "Vaasan Kuntoilijat ry", "kind": "association", "municipalities": ["905"]},
    )
    assert response.status_code == 200
    assert "Tick at least one municipality in your wellbeing services county" in response.text
    assert not AuditEvent.objects.filter(action="organisations.organisation.create").exists()


def test_a_reviewer_of_the_county_is_not_a_coordinator(client, org_x):
    reviewer = UserFactory.create()
    county_role(reviewer, "16", "reviewer")
    client.force_login(reviewer)
    assert client.get(_url("edit", org_x)).status_code == 403
    assert client.post(_url("verify", org_x)).status_code == 403


# --- outsider and staff ---


def test_outsider_may_do_nothing_but_read(client, dave, org_x):
    client.force_login(dave)
    assert client.get(_url("detail", org_x)).status_code == 200
    assert client.get(_url("edit", org_x)).status_code == 403
    assert client.post(_url("verify", org_x)).status_code == 403
    assert client.post(_url("dissolve", org_x), {"reason": "x"}).status_code == 403
    assert client.get(reverse("organisations:export")).status_code == 403
    assert client.get(reverse("organisations:create")).status_code == 403


def test_staff_may_edit_and_verify_any_organisation(client, org_y):
    staff = UserFactory.create(is_staff=True)
    client.force_login(staff)
    assert client.get(_url("edit", org_y)).status_code == 200
    assert client.post(_url("verify", with_contact(org_y)), VERIFY_FORM).status_code == 302


# --- representatives' personal data ---


def test_representatives_are_shown_to_the_organisations_representative_and_audited(
    client, bob, org_x
):
    client.force_login(bob)
    response = client.get(_url("detail", org_x))
    assert "bob@omaishoitajat.example.fi" in response.text
    assert "Bob Puheenjohtaja" in response.text
    event = AuditEvent.objects.get(action="organisations.organisation.read_representatives")
    assert event.actor == bob
    assert event.object_id == str(org_x.pk)


def test_representatives_are_shown_to_a_coordinator_of_the_county_and_audited(
    client, alice, bob, org_x
):
    client.force_login(alice)
    response = client.get(_url("detail", org_x))
    assert "bob@omaishoitajat.example.fi" in response.text
    event = AuditEvent.objects.get(action="organisations.organisation.read_representatives")
    assert event.actor == alice
    assert event.county == county("16")


@pytest.mark.parametrize("viewer", [None, "dave", "carol"])
def test_representatives_are_hidden_from_others_and_nothing_is_audited(
    client, request, bob, org_x, viewer
):
    if viewer:
        client.force_login(request.getfixturevalue(viewer))
    response = client.get(_url("detail", org_x))
    assert response.status_code == 200
    assert "bob@omaishoitajat.example.fi" not in response.text
    assert "Bob Puheenjohtaja" not in response.text
    assert not AuditEvent.objects.filter(
        action="organisations.organisation.read_representatives"
    ).exists()


def test_representative_of_one_organisation_does_not_see_anothers_people(client, bob, org_y):
    other = UserFactory.create(email="vasa@example.fi", full_name="Vera Vasa")
    representative(other, org_y)
    client.force_login(bob)
    response = client.get(_url("detail", org_y))
    assert "vasa@example.fi" not in response.text
