"""The Swedish side in Swedish: street and post office names of bilingual municipalities, and
how often a volunteer task asks for time as a translated choice."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kumppani.catalogue.models import Location, TimeCommitment
from kumppani.catalogue.places import place
from kumppani.testing.factories import municipality

from .factories import ServiceFactory, VolunteerTaskFactory, weekly_from_tomorrow

pytestmark = pytest.mark.django_db

VAASA = {"address": "Hovioikeudenpuistikko 13", "postal_code": "65100", "city": "Vaasa"}


def test_a_swedish_reader_gets_the_swedish_street_and_post_office() -> None:
    location = Location(
        **VAASA, address_sv="Hovrättsesplanaden 13", municipality=municipality("905")
    )

    swedish, finnish = place(location, "sv"), place(location, "fi")

    assert (swedish.street, swedish.postal_code, swedish.city) == (
        "Hovrättsesplanaden 13",
        "65100",
        "Vasa",
    )
    assert (finnish.street, finnish.city) == ("Hovioikeudenpuistikko 13", "Vaasa")


def test_the_post_office_follows_the_reader_only_when_it_names_the_municipality() -> None:
    jakobstad = Location(address="Storgatan 10", city="Jakobstad", municipality=municipality("598"))
    elsewhere = Location(address="Kauppatie 1", city="Ylihärmä", municipality=municipality("233"))

    assert place(jakobstad, "fi").city == "Pietarsaari"
    assert place(jakobstad, "sv").city == "Jakobstad"
    assert place(jakobstad, "sv").street == "Storgatan 10"  # no Swedish name given: as written
    assert place(elsewhere, "sv").city == "Ylihärmä"


def test_the_swedish_activity_page_shows_the_swedish_address(client: Client, org_x) -> None:
    service = ServiceFactory.create(organisation=org_x, name_sv="Minneskafé")
    weekly_from_tomorrow(
        service, **VAASA, address_sv="Hovrättsesplanaden 13", municipality=municipality("905")
    )

    def page(language: str) -> str:
        with translation.override(language):
            url = reverse("catalogue:service_detail", args=[service.public_id])
            return client.get(url).content.decode()

    swedish, finnish = page("sv"), page("fi")

    assert "Hovrättsesplanaden 13<br>65100 Vasa" in swedish
    assert "Hovioikeudenpuistikko" not in swedish
    assert "Hovioikeudenpuistikko 13<br>65100 Vaasa" in finnish


def test_how_often_is_a_translated_choice_and_finnish_words_do_not_stand_in(
    client: Client,
) -> None:
    task = VolunteerTaskFactory.create(
        frequency=TimeCommitment.WEEKLY, time_commitment_fi="2 tuntia viikossa"
    )

    def page(language: str, name: str, *args: object) -> str:
        with translation.override(language):
            return client.get(reverse(name, args=args)).content.decode()

    swedish = page("sv", "catalogue:task_detail", task.public_id)
    listed = page("sv", "catalogue:task_list")
    finnish = page("fi", "catalogue:task_detail", task.public_id)

    assert "<dd>Varje vecka</dd>" in swedish
    assert "Varje vecka" in listed
    assert "viikossa" not in swedish and "viikossa" not in listed
    assert "<dd>Viikoittain: 2 tuntia viikossa</dd>" in finnish


def test_without_a_choice_the_words_fall_back_marked_with_their_language(client: Client) -> None:
    task = VolunteerTaskFactory.create(time_commitment_fi="joustava")

    with translation.override("sv"):
        html = client.get(reverse("catalogue:task_detail", args=[task.public_id])).content.decode()

    assert '<dd lang="fi">joustava</dd>' in html


def test_the_api_gives_how_often_as_a_code_and_in_the_readers_language(client: Client) -> None:
    task = VolunteerTaskFactory.create(frequency=TimeCommitment.MONTHLY)
    url = f"/api/v1/volunteer-tasks/{task.public_id}"

    swedish = client.get(url, {"lang": "sv"}).json()
    finnish = client.get(url, {"lang": "fi"}).json()

    assert (swedish["how_often"], swedish["how_often_text"]) == (
        "monthly",
        "ungefär en gång i månaden",
    )
    assert finnish["how_often_text"] == "noin kerran kuukaudessa"
