"""Build catalogue rows for the HSDS tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kumppani.catalogue import models
from kumppani.catalogue.hsds.importer import import_file
from kumppani.core.actor import Actor
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation

DATA = Path(__file__).resolve().parent / "data"
OFFICIAL = DATA / "official"
SAMPLE = DATA / "sample_services.json"
HELSINKI = ZoneInfo("Europe/Helsinki")


# The page wrapper of the second page of three items, two a page (per_page=2&page=2).
SECOND_OF_TWO_PAGES = {
    "total_items": 3,
    "total_pages": 2,
    "page_number": 2,
    "size": 1,
    "first_page": False,
    "last_page": True,
    "empty": False,
}


def page_wrapper(page: dict[str, Any]) -> dict[str, Any]:
    """A page of an HSDS list without its contents: the counts and flags around them."""
    return {key: page[key] for key in page if key != "contents"}


def run_import(path: Path, language: str | None = None) -> Any:
    return import_file(path=path, language=language, actor=Actor.system("test"))


def make_service(organisation: Organisation, **fields: Any) -> models.Service:
    """A published service in Seinäjoki with a term, a location and a weekly schedule."""
    defaults: dict[str, Any] = {
        "name_fi": "Vertaistukiryhmä",
        "name_sv": "Kamratstödsgrupp",
        "description_fi": "Ryhmä kokoontuu tiistaisin.",
        "status": models.PublicationStatus.PUBLISHED,
        "is_free": False,
        "fee_description_fi": "2 € kerta",
        "step_free_access": True,
        "website": "https://example.fi/ryhma",
    }
    service = models.Service.objects.create(organisation=organisation, **(defaults | fields))
    service.municipalities.set(Municipality.objects.filter(code="743"))
    models.ServiceLanguage.objects.create(service=service, code="fi")
    taxonomy, _created = models.Taxonomy.objects.get_or_create(
        code="hsds-test-activity", defaults={"name_fi": "Toimintamuoto"}
    )
    term, _created = models.TaxonomyTerm.objects.get_or_create(
        taxonomy=taxonomy, code="peer-support", defaults={"name_fi": "Vertaistuki"}
    )
    service.terms.add(term)
    location = models.Location.objects.create(
        organisation=organisation,
        name_fi="Järjestötalo",
        address="Kauppakatu 17",
        postal_code="60100",
        city="Seinäjoki",
        municipality=Municipality.objects.get(code="743"),
    )
    models.ServiceLocation.objects.create(service=service, location=location)
    models.Schedule.objects.create(
        service=service,
        location=location,
        starts_at=datetime(2025, 1, 7, 13, 0, tzinfo=HELSINKI),
        ends_at=datetime(2025, 1, 7, 15, 0, tzinfo=HELSINKI),
        rrule="FREQ=WEEKLY;BYDAY=TU",
        description_fi="Tiistaisin",
    )
    return service


def make_county_wide_service(organisation: Organisation) -> models.Service:
    service = models.Service.objects.create(
        organisation=organisation,
        name_fi="Kriisipuhelin",
        summary_fi="Puhelin auttaa kriisissä.",
        website="https://example.fi/kriisipuhelin",
        status=models.PublicationStatus.PUBLISHED,
        is_nationwide=True,
    )
    service.counties.set(County.objects.filter(code="17"))
    return service
