"""Factories for catalogue tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kumppani.catalogue.models import (
    Location,
    PublicationStatus,
    Schedule,
    Service,
    ServiceLocation,
    VolunteerTask,
)
from kumppani.core.models import County, Municipality


class ServiceFactory(DjangoModelFactory[Service]):
    """A published service in Seinäjoki (743), unless told otherwise."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    organisation = factory.SubFactory("kumppani.testing.factories.OrganisationFactory")
    name_fi = factory.Sequence(lambda n: f"Vertaistukiryhmä {n}")
    summary_fi = "Tapaamme joka viikko ja juttelemme arjesta."
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    last_verified_at = factory.LazyFunction(timezone.now)
    website = "https://example.fi/toiminta"  # a public channel: it may be published

    @factory.post_generation
    def municipalities(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        codes = extracted if extracted is not None else ["743"]
        if create:
            obj.municipalities.set(Municipality.objects.filter(code__in=codes))

    @factory.post_generation
    def counties(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.counties.set(County.objects.filter(code__in=extracted))


class VolunteerTaskFactory(DjangoModelFactory[VolunteerTask]):
    class Meta:
        model = VolunteerTask

    organisation = factory.SubFactory("kumppani.testing.factories.OrganisationFactory")
    title_fi = factory.Sequence(lambda n: f"Vapaaehtoinen kahvilaan {n}")
    description_fi = "Keitä kahvia ja juttele kävijöiden kanssa."
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="743"))
    status = PublicationStatus.PUBLISHED


def weekly_from_tomorrow(service: Service, **place: Any) -> Location:
    """Give the service a place (the fields of a Location) and a weekly time from tomorrow
    at 18.00, public holidays included."""
    location = Location.objects.create(**place)
    ServiceLocation.objects.create(service=service, location=location)
    Schedule.objects.create(
        service=service,
        starts_at=timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
        + timedelta(days=1),
        rrule="FREQ=WEEKLY",
        skip_public_holidays=False,
    )
    return location


def caregivers_cafe(organisation: Any, **fields: Any) -> Service:
    """The caregivers' café the client-list and printing tests choose: named and summarised
    in Finnish and Swedish, weekly from tomorrow at Kalevankatu 5, Seinäjoki."""
    cafe = ServiceFactory.create(
        organisation=organisation,
        name_fi="Omaishoitajien kahvila",
        name_sv="Närståendevårdarnas kafé",
        summary_fi="Kahvia ja vertaistukea.",
        summary_sv="Kaffe och kamratstöd.",
        **fields,
    )
    weekly_from_tomorrow(cafe, address="Kalevankatu 5", postal_code="60100", city="Seinäjoki")
    return cafe


def stale(service: Service, days: int = 400) -> Service:
    Service.objects.filter(pk=service.pk).update(
        last_verified_at=timezone.now() - timedelta(days=days)
    )
    service.refresh_from_db()
    return service
