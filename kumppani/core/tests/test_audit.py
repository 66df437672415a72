import pytest
from django.contrib.admin.sites import site
from django.db.models import ProtectedError
from django.test import Client, RequestFactory

from kumppani.accounts.models import User
from kumppani.accounts.services import user_anonymise
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import AuditEvent, County

pytestmark = pytest.mark.django_db


def make_event(actor: User | None = None, county_code: str = "16") -> AuditEvent:
    return audit_record(
        actor=Actor(user=actor, ip_address="192.0.2.10"),
        action="organisations.organisation.update",
        county=County.objects.get(code=county_code),
        details={"fields": ["name"]},
    )


def test_an_event_records_who_what_where_and_outcome(alice: User) -> None:
    event = make_event(alice)
    event.refresh_from_db()
    assert event.actor == alice
    assert event.actor_label == "alice@ep.example.fi"
    assert event.action == "organisations.organisation.update"
    assert event.ip_address == "192.0.2.10"
    assert event.outcome == "success"
    assert event.occurred_at is not None


def test_an_event_cannot_be_changed_or_deleted_through_the_orm(alice: User) -> None:
    event = make_event(alice)
    event.action = "something.else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "organisations.organisation.update"


def test_the_admin_offers_no_add_change_or_delete(alice: User) -> None:
    alice.is_staff = alice.is_superuser = True
    alice.save()
    request = RequestFactory().get("/")
    request.user = alice
    model_admin = site._registry[AuditEvent]
    event = make_event(alice)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)


def test_an_event_keeps_a_snapshot_of_its_actor(dave: User) -> None:
    event = make_event(dave)
    event.refresh_from_db()
    assert (event.actor_id, event.actor_label, event.actor_name) == (
        dave.pk,
        "dave@example.fi",
        "Dave Ulkopuolinen",
    )


def test_a_user_cannot_be_deleted(dave: User) -> None:
    make_event(dave)
    with pytest.raises(PermissionError):
        dave.delete()
    with pytest.raises(ProtectedError):
        User.objects.filter(pk=dave.pk).delete()
    assert User.objects.filter(pk=dave.pk).exists()


def test_anonymising_a_user_keeps_the_audit_trail(dave: User, alice: User) -> None:
    event = make_event(dave)

    user_anonymise(user=dave, actor=Actor(user=alice))

    dave.refresh_from_db()
    assert (dave.email, dave.full_name, dave.is_active) == (
        f"anonymised-{dave.pk}@anonymised.invalid",
        "",
        False,
    )
    assert not dave.has_usable_password()
    event.refresh_from_db()
    assert event.actor_id == dave.pk and event.actor_label == "dave@example.fi"
    erased = AuditEvent.objects.get(action="accounts.user.anonymise")
    assert erased.object_id == str(dave.pk) and erased.actor == alice


def test_coordinators_see_only_their_own_countys_events(
    client: Client, alice: User, carol: User
) -> None:
    make_event(alice, "16")
    make_event(carol, "17")
    client.force_login(alice)
    page = client.get("/fi/audit/")
    assert page.status_code == 200
    assert "alice@ep.example.fi" in page.content.decode()
    assert "carol@pohjanmaa.example.fi" not in page.content.decode()


def test_people_without_a_coordinator_role_see_no_events(client: Client, dave: User) -> None:
    make_event(dave, "16")
    client.force_login(dave)
    page = client.get("/fi/audit/")
    assert "dave@example.fi" not in page.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/fi/audit/")
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]
