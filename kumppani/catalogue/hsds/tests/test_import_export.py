"""import_hsds and export_hsds: official examples, the dev set, all-or-nothing, round trips."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import include
from django.urls import path as url_path

from kumppani.catalogue import models
from kumppani.catalogue.hsds import exporter
from kumppani.catalogue.hsds.validation import schema_errors
from kumppani.catalogue.models import PublicationStatus, Service
from kumppani.core.models import AuditEvent
from kumppani.organisations.models import Organisation

from .helpers import OFFICIAL, SAMPLE, make_county_wide_service, make_service, run_import

pytestmark = pytest.mark.django_db

DEV_SET = Path("/work/shared/search-dev-set")
urlpatterns = [url_path("", include("kumppani.catalogue.hsds.urls"))]


def dump() -> dict[str, Any]:
    """The imported rows, without timestamps that only record when a row was written."""
    service_fields = [
        f.attname for f in Service._meta.concrete_fields if f.name not in {"id", "updated_at"}
    ]
    return {
        "services": list(Service.objects.order_by("public_id").values(*service_fields)),
        "areas": sorted(
            Service.municipalities.through.objects.values_list("service_id", "municipality_id")
        ),
        "counties": sorted(Service.counties.through.objects.values_list("service_id", "county_id")),
        "terms": sorted(Service.terms.through.objects.values_list("service_id", "taxonomyterm_id")),
        "languages": sorted(models.ServiceLanguage.objects.values_list("service_id", "code")),
        "organisations": list(Organisation.objects.order_by("public_id").values()),
        "locations": list(models.Location.objects.order_by("public_id").values()),
        "service_locations": list(models.ServiceLocation.objects.order_by("public_id").values()),
        "schedules": list(models.Schedule.objects.order_by("public_id").values()),
        "taxonomy_terms": list(models.TaxonomyTerm.objects.order_by("public_id").values()),
    }


def comparable(services: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Exported services without the fields that say when a row was last written."""
    return sorted(
        ({k: v for k, v in svc.items() if k != "last_modified"} for svc in services),
        key=lambda svc: svc["id"],
    )


def export_json() -> list[dict[str, Any]]:
    buffer = io.StringIO()
    exporter.write_json(buffer)
    return list(json.loads(buffer.getvalue()))


def empty_catalogue() -> None:
    Service.objects.all().delete()
    models.Location.objects.all().delete()
    Organisation.objects.all().delete()


def test_sample_is_imported_with_ids_municipalities_and_language() -> None:
    result = run_import(SAMPLE)
    assert (result.services, result.created) == (3, 3)
    data = json.loads(SAMPLE.read_text())
    cafe = Service.objects.get(public_id=data[0]["id"])
    assert cafe.status == PublicationStatus.PUBLISHED and cafe.published_at is not None
    assert cafe.name_fi == "Omaishoitajien kahvila"
    assert sorted(cafe.municipalities.values_list("code", flat=True)) == ["300", "408"]
    assert cafe.step_free_access and cafe.is_free
    assert str(cafe.organisation.public_id) == data[0]["organization"]["id"]
    location = cafe.service_locations.get().location
    assert location.municipality is not None and location.municipality.code == "408"
    assert cafe.schedules.get().rrule == "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU"
    assert cafe.terms.get().name_fi == "Vertaistuki"
    swedish = Service.objects.get(public_id=data[1]["id"])
    assert swedish.name_sv == "Kamratstödsgrupp för närståendevårdare"
    assert not swedish.name_fi
    assert sorted(swedish.municipalities.values_list("code", flat=True)) == ["499", "905"]
    assert not swedish.is_free
    phone = Service.objects.get(public_id=data[2]["id"])
    assert list(phone.counties.values_list("code", flat=True)) == ["16"]
    event = AuditEvent.objects.get()  # the import is one event, not one per object
    assert event.action == "catalogue.import.run"
    assert event.county is not None and event.county.code == "16"
    assert event.details["counts"]["services"] == {"created": 3}
    assert event.details["counties"] == ["16", "17"]


def test_a_second_import_of_the_same_file_changes_nothing() -> None:
    run_import(SAMPLE)
    run_import(OFFICIAL / "csv")
    before = dump()
    result = run_import(SAMPLE)
    run_import(OFFICIAL / "csv")
    assert dump() == before
    assert (result.created, result.updated) == (0, 0)


def test_the_language_option_chooses_the_text_fields() -> None:
    run_import(SAMPLE, language="en")
    cafe = Service.objects.get(name_en="Omaishoitajien kahvila")
    assert not cafe.name_fi


@pytest.mark.parametrize(
    "name", ["service_full.json", "service_list.json", "organization_full.json", "csv"]
)
def test_the_official_examples_import(name: str) -> None:
    result = run_import(OFFICIAL / name)
    assert result.services == 1
    service = Service.objects.get(public_id="ac148810-d857-441c-9679-408f346de14b")
    assert service.name_fi == "Community Counselling"
    assert str(service.organisation.public_id) == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    assert not service.is_free
    if name != "service_list.json":  # list items have no service_areas
        # The example's area is a described shape, not a municipality: reported, left out.
        assert any("not a municipality" in warning for warning in result.warnings)


def test_the_official_tabular_package_brings_locations_schedules_and_terms() -> None:
    run_import(OFFICIAL / "csv" / "datapackage.json")
    service = Service.objects.get(public_id="ac148810-d857-441c-9679-408f346de14b")
    location = service.service_locations.get().location
    assert str(location.public_id) == "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
    assert location.municipality is None  # a US address
    assert service.schedules.get().rrule.startswith("FREQ=WEEKLY")
    assert service.languages.get().code == "ur"


def write(tmp_path: Path, content: Any) -> Path:
    target = tmp_path / "services.json"
    target.write_text(content if isinstance(content, str) else json.dumps(content))
    return target


def sample_with(change: Any) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(SAMPLE.read_text())
    change(data)
    return data


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[{not json", "invalid JSON at line 1"),
        (
            sample_with(lambda d: d[1].pop("name")),
            "record 1 (id 479d6b19-5b99-5f6d-a294-1c84de734834): (record): 'name' is a required",
        ),
        (
            sample_with(lambda d: d[2]["service_areas"][0].update(name="Atlantis")),
            "service_areas[0].name: unknown municipality 'Atlantis'",
        ),
        (
            sample_with(
                lambda d: d[0]["service_at_locations"][0]["location"]["addresses"][0].update(
                    city="Nowhere"
                )
            ),
            "service_at_locations[0].location.addresses[0].city: unknown municipality",
        ),
        (
            sample_with(lambda d: d[1].update(id="123")),
            "id: '123' is not a 'uuid'",
        ),
        (
            sample_with(lambda d: [d[2].pop("organization"), d[2].pop("organization_id")]),
            "organization_id: every service needs its organisation",
        ),
        (
            sample_with(lambda d: d[0]["schedules"][0].update(dtstart="2025-02-31")),
            "schedules[0].dtstart: '2025-02-31' is not a date",
        ),
    ],
)
def test_a_bad_file_names_the_problem_and_imports_nothing(
    tmp_path: Path, content: Any, expected: str
) -> None:
    target = write(tmp_path, content)
    with pytest.raises(CommandError) as error:
        call_command("import_hsds", str(target))
    message = str(error.value)
    assert "Nothing was imported" in message
    assert str(target) in message
    assert expected in message
    assert not Service.objects.exists()
    assert not Organisation.objects.exists()


def test_a_model_rule_broken_late_rolls_back_the_whole_file(tmp_path: Path) -> None:
    data = sample_with(lambda d: d[2].update(name="x" * 300))
    with pytest.raises(CommandError, match=r"record 2 .*name_fi"):
        call_command("import_hsds", str(write(tmp_path, data)))
    assert not Service.objects.exists()


@pytest.mark.skipif(not DEV_SET.exists(), reason="the shared search dev set is not here")
def test_the_search_dev_set_imports_completely() -> None:
    fi = run_import(DEV_SET / "services_fi.json")
    sv = run_import(DEV_SET / "services_sv.json")
    assert (fi.services, sv.services) == (46, 15)
    # The dev set gives no way to get in touch: the publishing rules leave every service a
    # draft, and say so.
    assert Service.objects.count() == 61 and not Service.objects.published().exists()
    assert all(any("left as a draft" in w for w in r.warnings) for r in (fi, sv))
    events = AuditEvent.objects.filter(action="catalogue.import.run").order_by("id")
    assert [event.county.code for event in events if event.county] == ["16", "17"]
    assert not AuditEvent.objects.exclude(action="catalogue.import.run").exists()
    assert not Service.objects.filter(municipalities__isnull=True).exists()
    korsholm = Service.objects.filter(municipalities__code="499", languages__code="sv")
    assert korsholm.exists()
    for service in export_json():
        assert not schema_errors(service, "service.json")


def test_export_then_import_into_an_empty_catalogue_gives_the_same_services(
    tmp_path: Path, org_x: Organisation, org_y: Organisation
) -> None:
    run_import(SAMPLE)
    make_service(org_x)
    make_county_wide_service(org_y)
    make_service(org_x, status=PublicationStatus.DRAFT)
    exported = export_json()
    assert len(exported) == 5  # the draft is not exported
    for service in exported:
        assert not schema_errors(service, "service.json")

    empty_catalogue()
    source = tmp_path / "roundtrip.json"
    source.write_text(json.dumps(exported))
    run_import(source)

    assert comparable(export_json()) == comparable(exported)


def test_tabular_export_round_trips_the_core_fields(tmp_path: Path) -> None:
    run_import(SAMPLE)
    before = {svc["id"]: svc for svc in export_json()}
    archive = tmp_path / "export.zip"
    call_command("export_hsds", "--format", "tabular", str(archive))
    with zipfile.ZipFile(archive) as package:
        assert "datapackage.json" in package.namelist()
        package.extractall(tmp_path / "package")

    empty_catalogue()
    run_import(tmp_path / "package")

    after = {svc["id"]: svc for svc in export_json()}
    assert after.keys() == before.keys()
    for service_id, service in after.items():
        for key in ("name", "description", "service_areas", "languages", "schedules"):
            old = before[service_id].get(key)
            assert (service.get(key) == old) or (key == "schedules" and old is None), key
        assert service["organization"]["id"] == before[service_id]["organization"]["id"]


@pytest.mark.urls(__name__)
def test_download_views_serve_published_services(client: Client, org_x: Organisation) -> None:
    shown = make_service(org_x)
    make_service(org_x, status=PublicationStatus.DRAFT)
    response = client.get("/hsds/services.json")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)  # a file, streamed
    assert [svc["id"] for svc in json.loads(content)] == [str(shown.public_id)]
    response = client.get("/hsds/services.zip")
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as package:
        rows = package.read("services.csv").decode().splitlines()
    assert len(rows) == 2 and str(shown.public_id) in rows[1]
