"""Services: every write validates, saves and leaves an audit event."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, Municipality
from kumppani.organisations.models import (
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    VerificationCheck,
)
from kumppani.organisations.services import (
    organisation_create,
    organisation_dissolve,
    organisation_reactivate,
    organisation_update,
    organisation_verify,
)
from kumppani.testing.factories import OrganisationFactory, county, verify, with_contact


def test_create_saves_names_municipalities_and_audits_in_the_coordinators_county(alice):
    organisation = organisation_create(
        actor=Actor(user=alice),
        name_fi="Ilmajoen Omaiset ry",
        name_sv="Ilmola närstående rf",
        kind=OrganisationKind.ASSOCIATION,
        business_id="02012566",
        municipalities=Municipality.objects.filter(code__in=["145", "905"]),
    )

    organisation.refresh_from_db()
    assert organisation.name_fi == "Ilmajoen Omaiset ry"
    assert organisation.name_sv == "Ilmola närstående rf"
    assert organisation.business_id == "0201256-6"  # normalised
    assert sorted(m.code for m in organisation.municipalities.all()) == ["145", "905"]
    event = AuditEvent.objects.get(action="organisations.organisation.create")
    assert event.actor == alice
    assert event.object_id == str(organisation.pk)
    assert event.county == county("16")


def test_create_by_system_audits_in_the_first_county_the_organisation_operates_in(db):
    organisation_create(
        actor=Actor.system("test"),
        name_fi="Vaasan Yhdistys ry",
        municipalities=Municipality.objects.filter(code__in=["905", "743"]),
    )
    assert AuditEvent.objects.get(action="organisations.organisation.create").county == county("16")


def test_create_without_any_name_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        organisation_create(actor=Actor.system("test"), name_fi="", name_sv=" ")
    assert "name_fi" in caught.value.message_dict
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_create_with_a_swedish_name_only_is_accepted(db):
    organisation = organisation_create(actor=Actor.system("test"), name_sv="Vasa förening rf")
    assert organisation.name_sv == "Vasa förening rf"


def test_a_second_organisation_with_the_same_business_id_is_refused(org_x):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        organisation_create(actor=Actor.system("test"), name_fi="Kopio ry", business_id="0201256-6")
    assert "already has business ID 0201256-6" in caught.value.message_dict["business_id"][0]


def test_update_changes_the_given_fields_and_records_which(bob, org_x):
    organisation_update(
        organisation=org_x,
        actor=Actor(user=bob, ip_address="192.0.2.1"),
        name_en="Seinäjoki Family Carers",
        description_fi="Uusi kuvaus.",
        municipalities=Municipality.objects.filter(code__in=["743", "408"]),
        website="https://omaishoitajat.example.fi",
    )

    org_x.refresh_from_db()
    assert org_x.name_en == "Seinäjoki Family Carers"
    assert org_x.name_fi == "Seinäjoen Omaishoitajat ry"  # untouched
    assert org_x.website == "https://omaishoitajat.example.fi"
    assert sorted(m.code for m in org_x.municipalities.all()) == ["408", "743"]
    event = AuditEvent.objects.get(action="organisations.organisation.update")
    assert event.actor == bob
    assert event.ip_address == "192.0.2.1"
    assert event.county == county("16")
    assert event.details["changed"] == sorted(
        ["name_en", "description_fi", "municipalities", "website"]
    )


def test_update_refuses_an_umbrella_that_is_one_of_its_own_members(org_x):
    member = OrganisationFactory.create(umbrella=org_x)
    with pytest.raises(ValidationError) as caught:
        organisation_update(organisation=org_x, actor=Actor.system("test"), umbrella=member)
    assert "umbrella" in caught.value.message_dict


def test_update_refuses_the_organisation_as_its_own_umbrella(org_x):
    with pytest.raises(ValidationError):
        organisation_update(organisation=org_x, actor=Actor.system("test"), umbrella=org_x)


def test_verify_sets_time_and_verifier_and_audits(alice, org_x):
    verify(org_x, alice)

    org_x.refresh_from_db()
    assert org_x.is_verified
    assert org_x.verified_by == alice
    event = AuditEvent.objects.get(action="organisations.organisation.verify")
    assert event.county == county("16")
    assert event.actor == alice


def test_verify_without_a_person_is_refused(org_x):
    with pytest.raises(ValidationError):
        organisation_verify(
            organisation=with_contact(org_x),
            actor=Actor.system("test"),
            checks=list(VerificationCheck),
        )
    org_x.refresh_from_db()
    assert not org_x.is_verified


def test_verify_with_the_checklist_incomplete_is_refused_and_says_what_is_missing(alice, org_x):
    with_contact(org_x)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        organisation_verify(
            organisation=org_x,
            actor=Actor(user=alice),
            checks=[VerificationCheck.BUSINESS_ID, VerificationCheck.ACTIVITIES],
        )
    assert refused.value.message_dict["checks"] == [
        "Check every item before verifying. Not yet checked: "
        "The contact details were tried and they work."
    ]
    org_x.refresh_from_db()
    assert org_x.verified_at is None and org_x.verification_checks == []
    assert not AuditEvent.objects.filter(action="organisations.organisation.verify").exists()
    assert workflow.history(org_x) == []


def test_verify_without_any_contact_details_is_refused(alice, org_x):
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="no email address, phone number or website"),
    ):
        organisation_verify(
            organisation=org_x, actor=Actor(user=alice), checks=list(VerificationCheck)
        )
    org_x.refresh_from_db()
    assert org_x.verified_at is None


def test_verify_records_the_checklist_and_the_note_in_the_history_and_audit(alice, org_x):
    with_contact(org_x)
    organisation_verify(
        organisation=org_x,
        actor=Actor(user=alice),
        checks=list(VerificationCheck),
        note="  Soitettu puheenjohtajalle 3.12.2026  ",
    )
    org_x.refresh_from_db()
    assert org_x.verification_checks == ["business_id", "contact", "activities"]
    (change,) = workflow.history(org_x)
    assert (change.to_state, change.reason, change.actor) == (
        "verified",
        "Soitettu puheenjohtajalle 3.12.2026",
        alice,
    )
    with translation.override("en"):
        assert "business ID checked in the trade register" in workflow.history(org_x)[0].to_label
    event = AuditEvent.objects.get(action="organisations.organisation.verify")
    assert event.details["checks"] == ["business_id", "contact", "activities"]


def test_dissolve_marks_dissolved_audits_and_keeps_the_history(carol, org_y):
    organisation_dissolve(organisation=org_y, actor=Actor(user=carol), reason="Ceased in 2026")

    org_y.refresh_from_db()
    assert org_y.status == OrganisationStatus.DISSOLVED
    event = AuditEvent.objects.get(action="organisations.organisation.dissolve")
    assert event.details == {"from": "active", "to": "dissolved", "reason": "Ceased in 2026"}
    assert event.county == county("17")
    (change,) = workflow.history(org_y)
    assert (change.from_state, change.to_state, change.reason) == (
        "active",
        "dissolved",
        "Ceased in 2026",
    )
    assert change.actor == carol


def test_dissolving_twice_is_refused_and_records_nothing_more(carol, org_y):
    organisation_dissolve(organisation=org_y, actor=Actor(user=carol), reason="Lopetettu")
    with pytest.raises(ValidationError):
        organisation_dissolve(organisation=org_y, actor=Actor(user=carol), reason="Lopetettu")
    assert AuditEvent.objects.filter(action="organisations.organisation.dissolve").count() == 1
    assert len(workflow.history(org_y)) == 1


def test_reactivate_brings_a_dissolved_organisation_back(carol, org_y):
    organisation_dissolve(organisation=org_y, actor=Actor(user=carol), reason="Lopetettu")
    organisation_reactivate(organisation=org_y, actor=Actor(user=carol))

    org_y.refresh_from_db()
    assert org_y.status == OrganisationStatus.ACTIVE
    assert [change.to_state for change in workflow.history(org_y)] == ["dissolved", "active"]


def test_a_representatives_change_of_key_details_takes_the_verified_badge_away(alice, bob, org_x):
    verify(org_x, alice)
    organisation_update(organisation=org_x, actor=Actor(user=bob), phone="06 123 4567")
    org_x.refresh_from_db()
    assert org_x.is_verified  # a phone number is not a key detail

    organisation_update(organisation=org_x, actor=Actor(user=bob), name_fi="Uusi Nimi ry")

    org_x.refresh_from_db()
    assert not org_x.is_verified and org_x.changed_since_verification
    assert Organisation.objects.filter(pk=org_x.pk).exists()
    verify(org_x, alice)
    org_x.refresh_from_db()
    assert org_x.is_verified and not org_x.changed_since_verification


def test_a_coordinators_own_change_keeps_the_verification(alice, org_x):
    verify(org_x, alice)
    organisation_update(organisation=org_x, actor=Actor(user=alice), kind=OrganisationKind.OTHER)
    org_x.refresh_from_db()
    assert org_x.is_verified


def test_every_name_cannot_be_emptied(bob, org_x):
    with pytest.raises(ValidationError):
        organisation_update(
            organisation=org_x, actor=Actor(user=bob), name_fi="", name_sv="", name_en=""
        )
    org_x.refresh_from_db()
    assert org_x.name_fi == "Seinäjoen Omaishoitajat ry"
