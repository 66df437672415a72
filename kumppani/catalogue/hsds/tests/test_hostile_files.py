"""Hostile import files are refused, naming file, record and field, and nothing is imported."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kumppani.catalogue.models import Location, PublicationStatus, Service, TaxonomyTerm
from kumppani.core.models import AuditEvent
from kumppani.organisations.models import Organisation

from .helpers import OFFICIAL, SAMPLE, make_service

pytestmark = pytest.mark.django_db

SERVICE_ID = "479d6b19-5b99-5f6d-a294-1c84de734834"  # the sample's record 1


def sample(change: Callable[[list[dict[str, Any]]], Any] = lambda data: None) -> list[Any]:
    data: list[dict[str, Any]] = json.loads(SAMPLE.read_text())
    change(data)
    return data


def refused(target: Path, *expected: str) -> str:
    """Run the command on the file; it must fail, import nothing and say `expected`."""
    with pytest.raises(CommandError) as error:
        call_command("import_hsds", str(target))
    message = str(error.value)
    assert "Nothing was imported" in message
    for text in expected:
        assert text in message, message
    assert not Service.objects.exists()
    assert not Organisation.objects.exists()
    assert not Location.objects.exists()
    assert not AuditEvent.objects.exists()
    return message


def write_json(tmp_path: Path, content: Any) -> Path:
    target = tmp_path / "services.json"
    target.write_text(content if isinstance(content, str) else json.dumps(content))
    return target


def nested(levels: int) -> Any:
    value: Any = "deep"
    for _level in range(levels):
        value = {"x": value}
    return value


JSON_CASES = {
    "a dict as a name": (
        sample(lambda d: d[1].update(name={"$gt": ""})),
        ["record 1 (id ", ": name: {'$gt': ''} is not of type 'string'"],
    ),
    "a dict as a translated name": (
        sample(lambda d: d[1].update(x_name={"fi": {"$gt": ""}})),
        ["record 1 (id ", ": x_name.fi: expected text, not {'$gt': ''}"],
    ),
    "an impossible assured date": (
        sample(lambda d: d[0].update(assured_date="2025-99-99")),
        ["record 0 (id ", ": assured_date: "],
    ),
    "an impossible time of day": (
        sample(lambda d: d[0]["schedules"][0].update(opens_at="25:99")),
        ["record 0 (id ", ": schedules[0].opens_at: '25:99' is not a time"],
    ),
    "a flag that is not true or false": (
        sample(lambda d: d[0].update(x_is_free="maybe")),
        ["record 0 (id ", ": x_is_free: expected true or false"],
    ),
    "a deeply nested extension field": (
        sample(lambda d: d[2].update(x_extra=nested(200))),
        ["record 2 (id ", ": x_extra: the data nests deeper than"],
    ),
    "a service id twice": (
        sample(lambda d: d[2].update(id=d[1]["id"])),
        ["record 2 (id ", f": id: the id {SERVICE_ID} is used twice in the file (also in record 1"],
    ),
    "one organisation id with two different names": (
        sample(lambda d: d[2]["organization"].update(id=d[1]["organization"]["id"])),
        ["record 2 (id ", ": organization.id: the id ", "is used twice in the file"],
    ),
}


@pytest.mark.parametrize("case", JSON_CASES)
def test_a_hostile_json_file_is_refused(tmp_path: Path, case: str) -> None:
    content, expected = JSON_CASES[case]
    target = write_json(tmp_path, content)
    refused(target, str(target), *expected)


def test_nesting_deeper_than_the_parser_goes_is_refused_without_a_traceback(
    tmp_path: Path,
) -> None:
    target = write_json(tmp_path, "[" * 200_000 + "]" * 200_000)
    refused(target, str(target), "the data nests deeper than")


def test_a_text_longer_than_the_limit_is_refused(tmp_path: Path, settings: Any) -> None:
    settings.HSDS_IMPORT_MAX_TEXT_LENGTH = 1000
    target = write_json(tmp_path, sample(lambda d: d[1].update(description="x" * 1001)))
    refused(
        target,
        str(target),
        f"record 1 (id {SERVICE_ID}): description: the text is 1001 characters long",
    )


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, settings: Any
) -> None:
    settings.HSDS_IMPORT_MAX_FILE_BYTES = 1000
    target = write_json(tmp_path, sample(lambda d: d[1].update(description="x" * 2000)))
    refused(target, str(target), "at most 1000 are accepted")


def package(tmp_path: Path, resources: list[dict[str, Any]]) -> Path:
    directory = tmp_path / "package"
    directory.mkdir()
    for name in ("services.csv", "organizations.csv"):
        (directory / name).write_bytes((OFFICIAL / "csv" / name).read_bytes())
    (directory / "datapackage.json").write_text(json.dumps({"resources": resources}))
    return directory


SERVICES = {"name": "service", "path": "services.csv"}


@pytest.mark.parametrize(
    "path",
    ["../../secret.csv", "/etc/passwd", "sub/../../secret.csv", "C:\\windows\\win.ini"],
)
def test_a_package_cannot_read_files_outside_its_folder(tmp_path: Path, path: str) -> None:
    (tmp_path / "secret.csv").write_text("id,name\nsecret-value,root:x:0:0\n")
    directory = package(tmp_path, [SERVICES, {"name": "organization", "path": path}])
    message = refused(
        directory, f"{directory}/datapackage.json: resource 1: path: ", "inside the package"
    )
    assert "root:x" not in message and "secret-value" not in message


def test_a_link_out_of_the_package_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("id,name\nsecret-value,root:x:0:0\n")
    directory = package(tmp_path, [SERVICES, {"name": "organization", "path": "orgs.csv"}])
    (directory / "orgs.csv").symlink_to(tmp_path / "secret.csv")
    message = refused(directory, "resource 1: path: 'orgs.csv' leads outside the package")
    assert "secret-value" not in message


def test_a_repeated_id_in_a_table_is_refused(tmp_path: Path) -> None:
    directory = package(tmp_path, [SERVICES])
    services = directory / "services.csv"
    lines = services.read_text().splitlines()
    services.write_text("\n".join([*lines, lines[1]]) + "\n")
    refused(directory, f"{directory}/services.csv: line 3 (id ", ": id: the id appears twice")


def zipped(tmp_path: Path, entries: dict[str, bytes]) -> Path:
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for name, data in entries.items():
            handle.writestr(name, data)
    return archive


def official_tables() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (OFFICIAL / "csv").glob("*.csv")}


def test_a_zipped_package_is_imported(tmp_path: Path) -> None:
    archive = zipped(tmp_path, {f"hsds/{name}": data for name, data in official_tables().items()})
    call_command("import_hsds", str(archive))
    service = Service.objects.get(public_id="ac148810-d857-441c-9679-408f346de14b")
    assert service.schedules.exists() and service.languages.get().code == "ur"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("../services.csv", "the entry '../services.csv' is not a path inside the package"),
        ("/srv/services.csv", "the entry '/srv/services.csv' is not a path inside the package"),
    ],
)
def test_a_zip_entry_outside_the_package_is_refused(
    tmp_path: Path, entry: str, expected: str
) -> None:
    archive = zipped(tmp_path, {**official_tables(), entry: b"id,name\n"})
    refused(archive, f"{archive}: {expected}")
    assert not (tmp_path.parent / "services.csv").exists()


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    archive = zipped(tmp_path, {**official_tables(), "padding.csv": b"0" * 8 * 2**20})
    refused(archive, f"{archive}: the entry 'padding.csv' is compressed suspiciously well")


def test_a_zip_of_too_many_entries_is_refused(tmp_path: Path, settings: Any) -> None:
    settings.HSDS_IMPORT_MAX_ZIP_ENTRIES = 5
    archive = zipped(tmp_path, official_tables())
    refused(archive, f"{archive}: the archive has ", "at most 5 are accepted")


def test_an_unpacked_entry_larger_than_the_limit_is_refused(tmp_path: Path, settings: Any) -> None:
    settings.HSDS_IMPORT_MAX_FILE_BYTES = 9000
    archive = zipped(tmp_path, {**official_tables(), "big.csv": b"1" * 10_000})
    refused(archive, f"{archive}: the entry 'big.csv' is too large")


def test_another_organisations_service_cannot_be_taken_over(
    tmp_path: Path, org_x: Organisation
) -> None:
    """Reusing the id of org_x's draft neither moves, publishes nor renames anything."""
    theirs = make_service(org_x, status=PublicationStatus.DRAFT, name_fi="Oma ryhmä")
    content = sample(lambda d: d[1].update(id=str(theirs.public_id), name="Kaapattu"))
    target = write_json(tmp_path, content)
    with pytest.raises(CommandError) as error:
        call_command("import_hsds", str(target))
    assert (
        f"record 1 (id {theirs.public_id}): id: This id belongs to an activity of another "
        "organisation." in str(error.value)
    )
    theirs.refresh_from_db()
    assert (theirs.organisation, theirs.status, theirs.name_fi) == (
        org_x,
        PublicationStatus.DRAFT,
        "Oma ryhmä",
    )
    assert list(Organisation.objects.all()) == [org_x]
    assert not AuditEvent.objects.filter(action="catalogue.import.run").exists()


def test_an_organisation_in_the_registry_keeps_its_details(
    tmp_path: Path, org_x: Organisation
) -> None:
    """A file naming a registered organisation may add activities to it, not rename it."""
    name = org_x.name_fi
    content = sample(lambda d: d[1]["organization"].update(id=str(org_x.public_id)))
    result = call_command("import_hsds", str(write_json(tmp_path, content)))
    assert result is None
    org_x.refresh_from_db()
    assert org_x.name_fi == name
    assert Service.objects.get(public_id=SERVICE_ID).organisation == org_x


def test_another_organisations_place_is_used_but_not_changed(
    tmp_path: Path, org_x: Organisation
) -> None:
    place = make_service(org_x).service_locations.get().location
    content = sample(
        lambda d: d[0]["service_at_locations"][0]["location"].update(id=str(place.public_id))
    )
    with pytest.raises(CommandError, match="This place belongs to another organisation"):
        call_command("import_hsds", str(write_json(tmp_path, content)))
    place.refresh_from_db()
    assert place.name == "Järjestötalo" and place.address == "Kauppakatu 17"
    assert not TaxonomyTerm.objects.filter(code="vertaistuki").exists()


def test_naming_the_places_owner_does_not_let_a_file_change_it(
    tmp_path: Path, org_x: Organisation
) -> None:
    place = make_service(org_x).service_locations.get().location

    def claim(data: list[dict[str, Any]]) -> None:
        data[0]["service_at_locations"][0]["location"].update(
            id=str(place.public_id), organization_id=str(org_x.public_id)
        )

    with pytest.raises(CommandError, match="This place belongs to another organisation"):
        call_command("import_hsds", str(write_json(tmp_path, sample(claim))))
    place.refresh_from_db()
    assert place.name == "Järjestötalo"


def test_a_known_classification_term_keeps_its_name(tmp_path: Path, org_x: Organisation) -> None:
    term = make_service(org_x).terms.get()

    def rename(data: list[dict[str, Any]]) -> None:
        data[0]["attributes"][0]["taxonomy_term"].update(id=str(term.public_id), name="Kaapattu")

    call_command("import_hsds", str(write_json(tmp_path, sample(rename))))
    term.refresh_from_db()
    assert term.name_fi == "Vertaistuki"
    assert term in Service.objects.get(name_fi="Omaishoitajien kahvila").terms.all()
