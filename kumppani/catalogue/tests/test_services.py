from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kumppani.catalogue.models import PublicationStatus, Schedule, Service
from kumppani.catalogue.services import (
    LocationData,
    ScheduleData,
    service_archive,
    service_confirm,
    service_create,
    service_hide,
    service_publish,
    service_unhide,
    service_update,
    volunteer_task_archive,
    volunteer_task_create,
    volunteer_task_hide,
    volunteer_task_publish,
)
from kumppani.core.actor import Actor
from kumppani.core.concurrency import ChangedMeanwhile, version_of
from kumppani.core.models import AuditEvent
from kumppani.testing.factories import municipality

from .factories import ServiceFactory, VolunteerTaskFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def test_create_saves_a_draft_with_location_schedule_and_audit(bob, org_x, search_index_calls):
    service = service_create(
        organisation=org_x,
        actor=Actor(user=bob),
        name_fi="Omaishoitajien vertaisryhmä",
        summary_fi="Vertaistukea omaishoitajille.",
        municipalities=[municipality("743")],
        languages=["fi", "sv"],
        location=LocationData(
            address="Kauppakatu 1",
            postal_code="60100",
            city="Seinäjoki",
            municipality=municipality("743"),
        ),
        schedule=ScheduleData(
            starts_at=datetime(2026, 12, 3, 18, 0, tzinfo=HELSINKI), rrule="FREQ=WEEKLY;BYDAY=TH"
        ),
    )

    assert service.status == PublicationStatus.DRAFT
    assert sorted(service.languages.values_list("code", flat=True)) == ["fi", "sv"]
    assert service.service_locations.get().location.address == "Kauppakatu 1"
    assert service.schedules.get().rrule == "FREQ=WEEKLY;BYDAY=TH"
    [event] = events("catalogue.service.create")
    assert event.actor == bob
    assert event.county is not None and event.county.code == "16"
    assert search_index_calls == [("remove_service", service.pk)]  # a draft is not public


def test_create_without_a_name_is_refused(bob, org_x):
    with pytest.raises(ValidationError) as error:
        service_create(organisation=org_x, actor=Actor(user=bob), summary_fi="Ilman nimeä")
    assert "name_fi" in error.value.message_dict
    assert not Service.objects.exists()


def test_a_fee_must_be_described_when_not_free(bob, org_x):
    with pytest.raises(ValidationError) as error:
        service_create(organisation=org_x, actor=Actor(user=bob), name_fi="Leiri", is_free=False)
    assert "fee_description_fi" in error.value.message_dict


def test_update_records_changed_fields_and_confirms(bob, org_x):
    service = ServiceFactory.create(organisation=org_x, reminder_sent_at=timezone.now())
    Service.objects.filter(pk=service.pk).update(
        last_verified_at=timezone.now() - timedelta(days=300)
    )
    service.refresh_from_db()

    service_update(
        service=service,
        actor=Actor(user=bob),
        name_sv="Kamratstödsgrupp",
        municipalities=[municipality("743"), municipality("005")],
    )

    service.refresh_from_db()
    assert service.name_sv == "Kamratstödsgrupp"
    assert service.reminder_sent_at is None
    assert service.last_verified_at > timezone.now() - timedelta(minutes=1)
    [event] = events("catalogue.service.update")
    assert event.details["changed"] == ["municipalities", "name_sv"]


def test_publish_needs_an_area(bob, org_x):
    service = ServiceFactory.create(
        organisation=org_x, status=PublicationStatus.DRAFT, municipalities=[]
    )
    with pytest.raises(ValidationError):
        service_publish(service=service, actor=Actor(user=bob))
    service.refresh_from_db()
    assert service.status == PublicationStatus.DRAFT


def test_publish_then_archive(bob, org_x, search_index_calls):
    service = ServiceFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)

    service_publish(service=service, actor=Actor(user=bob))
    assert service.status == PublicationStatus.PUBLISHED and service.published_at is not None
    assert Service.objects.published().filter(pk=service.pk).exists()

    service_archive(service=service, actor=Actor(user=bob))
    assert not Service.objects.published().filter(pk=service.pk).exists()
    assert [e.action for e in AuditEvent.objects.order_by("id")] == [
        "catalogue.service.publish",
        "catalogue.service.archive",
    ]
    assert search_index_calls == [("index_service", service.pk), ("remove_service", service.pk)]


def test_publishing_twice_is_refused(bob, org_x):
    service = ServiceFactory.create(organisation=org_x)
    with pytest.raises(ValidationError):
        service_publish(service=service, actor=Actor(user=bob))


def test_confirm_sets_last_verified_and_clears_reminder(bob, org_x):
    service = ServiceFactory.create(organisation=org_x, reminder_sent_at=timezone.now())
    Service.objects.filter(pk=service.pk).update(
        last_verified_at=timezone.now() - timedelta(days=200)
    )
    service.refresh_from_db()

    service_confirm(service=service, actor=Actor(user=bob))

    service.refresh_from_db()
    assert service.reminder_sent_at is None
    assert timezone.now() - service.last_verified_at < timedelta(minutes=1)
    assert len(events("catalogue.service.confirm")) == 1


def test_hide_requires_a_reason(alice, org_x):
    service = ServiceFactory.create(organisation=org_x)
    with pytest.raises(ValidationError) as error:
        service_hide(service=service, reason="  ", actor=Actor(user=alice))
    assert "reason" in error.value.message_dict


def test_hide_emails_the_representatives_in_their_language(
    alice, bob, org_x, django_capture_on_commit_callbacks
):
    bob.language = "sv"
    bob.save()
    service = ServiceFactory.create(organisation=org_x)

    with django_capture_on_commit_callbacks(execute=True):
        service_hide(service=service, reason="Puhelinnumero on väärä.", actor=Actor(user=alice))

    service.refresh_from_db()
    assert service.hidden_at is not None and service.hidden_by == alice
    assert not Service.objects.published().filter(pk=service.pk).exists()
    [message] = mail.outbox
    assert message.to == ["bob@omaishoitajat.example.fi"]
    assert "Puhelinnumero on väärä." in message.body
    assert f"/sv/services/{service.public_id}/edit/" in message.body
    [event] = events("catalogue.service.hide")
    assert event.county is not None and event.county.code == "16"
    assert event.details["reason"] == "Puhelinnumero on väärä."


def test_no_email_when_the_hide_is_rolled_back(
    alice, bob, org_x, django_capture_on_commit_callbacks
):
    service = ServiceFactory.create(organisation=org_x, hidden_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        service_hide(service=service, reason="Uudestaan", actor=Actor(user=alice))
    assert mail.outbox == []


def test_unhide_shows_the_service_again(alice, org_x, search_index_calls):
    service = ServiceFactory.create(organisation=org_x, hidden_at=timezone.now(), hidden_reason="x")
    service_unhide(service=service, actor=Actor(user=alice))
    assert Service.objects.published().filter(pk=service.pk).exists()
    assert service.hidden_reason == ""
    assert search_index_calls == [("index_service", service.pk)]
    assert len(events("catalogue.service.unhide")) == 1


def test_volunteer_task_life_cycle(
    alice, bob, org_x, django_capture_on_commit_callbacks, search_index_calls
):
    task = volunteer_task_create(
        organisation=org_x,
        actor=Actor(user=bob),
        title_fi="Kahvinkeittäjä",
        municipality=municipality("743"),
    )
    assert task.status == PublicationStatus.DRAFT

    volunteer_task_publish(task=task, actor=Actor(user=bob))
    assert task.status == PublicationStatus.PUBLISHED

    with django_capture_on_commit_callbacks(execute=True):
        volunteer_task_hide(task=task, reason="Tehtävä on päättynyt.", actor=Actor(user=alice))
    assert task.hidden_at is not None
    assert len(mail.outbox) == 1 and "Tehtävä on päättynyt." in mail.outbox[0].body

    volunteer_task_archive(task=task, actor=Actor(user=bob))
    assert [e.action for e in AuditEvent.objects.order_by("id")] == [
        "catalogue.volunteer_task.create",
        "catalogue.volunteer_task.publish",
        "catalogue.volunteer_task.hide",
        "catalogue.volunteer_task.archive",
    ]
    assert [name for name, _pk in search_index_calls] == ["index_volunteer_task"] * 4


def test_task_without_place_cannot_be_published(bob, org_x):
    task = VolunteerTaskFactory.create(
        organisation=org_x, status=PublicationStatus.DRAFT, municipality=None
    )
    with pytest.raises(ValidationError):
        volunteer_task_publish(task=task, actor=Actor(user=bob))


def test_an_edit_of_an_older_version_is_refused_with_the_differences(bob, org_x) -> None:
    service = ServiceFactory.create(organisation=org_x, name_fi="Kerho")
    old_version = version_of(service)
    service_update(service=service, actor=Actor(user=bob), name_fi="Kerho, uusi nimi")

    with translation.override("en"), pytest.raises(ChangedMeanwhile) as refused:
        service_update(
            service=Service.objects.get(pk=service.pk),
            actor=Actor(user=bob),
            base_version=old_version,
            name_fi="Toinen nimi",
        )

    assert refused.value.differences == [("name in Finnish", "Kerho, uusi nimi")]
    assert Service.objects.get(pk=service.pk).name_fi == "Kerho, uusi nimi"


def test_an_activity_nobody_can_contact_is_not_published(bob, org_x):
    """A contact person who has not agreed to be shown is no way to get in touch."""
    service = ServiceFactory.create(
        organisation=org_x,
        status=PublicationStatus.DRAFT,
        website="",
        contact_name="Maija Meikäläinen",
        contact_email="maija@example.fi",
    )
    with pytest.raises(ValidationError) as refused:
        service_publish(service=service, actor=Actor(user=bob))
    assert refused.value.code == "no_contact"

    org_x.phone = "06 123 4567"
    org_x.save()
    service_publish(service=service, actor=Actor(user=bob))  # the organisation's number will do
    assert service.status == PublicationStatus.PUBLISHED


def test_an_activity_whose_dates_are_all_past_is_not_published(bob, org_x):
    service = ServiceFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)
    last_year = timezone.now() - timedelta(days=365)
    Schedule.objects.create(service=service, starts_at=last_year, rrule="")
    with pytest.raises(ValidationError) as refused:
        service_publish(service=service, actor=Actor(user=bob))
    assert refused.value.code == "ended"
    assert service.has_ended
    service.refresh_from_db()
    assert service.status == PublicationStatus.DRAFT


def test_an_ended_volunteer_task_is_not_published(bob, org_x):
    task = VolunteerTaskFactory.create(
        organisation=org_x,
        status=PublicationStatus.DRAFT,
        starts_on=date.today() - timedelta(days=60),
        ends_on=date.today() - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as refused:
        volunteer_task_publish(task=task, actor=Actor(user=bob))
    assert refused.value.code == "ended"
    task.refresh_from_db()
    assert task.status == PublicationStatus.DRAFT
