from datetime import timedelta

from django.core import mail
from django.utils import timezone

from kumppani.catalogue.models import PublicationStatus, Service
from kumppani.catalogue.tasks import freshness_reminders, send_freshness_reminders
from kumppani.core.models import AuditEvent
from kumppani.testing.factories import UserFactory, representative

from .factories import ServiceFactory


def unconfirmed_for(service: Service, days: int) -> Service:
    Service.objects.filter(pk=service.pk).update(
        last_verified_at=timezone.now() - timedelta(days=days)
    )
    return service


def test_reminds_each_representative_once_about_services_due(
    bob, org_x, django_capture_on_commit_callbacks
):
    due = unconfirmed_for(ServiceFactory.create(organisation=org_x, name_fi="Vanha ryhmä"), 200)
    unconfirmed_for(ServiceFactory.create(organisation=org_x, name_fi="Toinen vanha"), 190)
    ServiceFactory.create(organisation=org_x, name_fi="Tuore ryhmä")
    unconfirmed_for(
        ServiceFactory.create(
            organisation=org_x, name_fi="Luonnos", status=PublicationStatus.DRAFT
        ),
        400,
    )

    with django_capture_on_commit_callbacks(execute=True):
        result = freshness_reminders.enqueue()

    [message] = mail.outbox
    assert message.to == [bob.email]
    assert "Vanha ryhmä" in message.body and "Toinen vanha" in message.body
    assert "Tuore ryhmä" not in message.body and "Luonnos" not in message.body
    assert "/fi/services/manage/" in message.body
    due.refresh_from_db()
    assert due.reminder_sent_at is not None
    assert AuditEvent.objects.filter(action="catalogue.service.remind").count() == 2
    assert result.return_value == 1


def test_running_again_within_the_period_sends_nothing(
    bob, org_x, django_capture_on_commit_callbacks
):
    unconfirmed_for(ServiceFactory.create(organisation=org_x), 200)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_freshness_reminders() == 1
        assert send_freshness_reminders() == 0
    assert len(mail.outbox) == 1


def test_reminds_again_after_another_period_without_confirmation(bob, org_x):
    service = unconfirmed_for(ServiceFactory.create(organisation=org_x), 400)
    send_freshness_reminders(now=timezone.now() - timedelta(days=190))
    Service.objects.filter(pk=service.pk).update(
        reminder_sent_at=timezone.now() - timedelta(days=190)
    )
    assert send_freshness_reminders() == 1


def test_reminder_is_in_the_representatives_language(org_x, django_capture_on_commit_callbacks):
    swede = UserFactory.create(email="sven@example.fi", language="sv")
    representative(swede, org_x)
    unconfirmed_for(ServiceFactory.create(organisation=org_x), 200)

    with django_capture_on_commit_callbacks(execute=True):
        send_freshness_reminders()

    [message] = mail.outbox
    assert "/sv/services/manage/" in message.body


def test_organisation_without_representatives_is_reminded_later(org_x):
    service = unconfirmed_for(ServiceFactory.create(organisation=org_x), 200)
    assert send_freshness_reminders() == 0
    service.refresh_from_db()
    assert service.reminder_sent_at is None
