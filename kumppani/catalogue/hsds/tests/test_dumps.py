"""The public HSDS dumps: built in the background when the catalogue changes, served as
files (never rebuilt by a request once they exist)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from kumppani.catalogue.hsds import dumps
from kumppani.catalogue.hsds.tasks import hsds_dumps_refresh
from kumppani.catalogue.models import Service
from kumppani.catalogue.services import service_hide, service_update
from kumppani.core.actor import Actor
from kumppani.core.jobs import periodic_jobs_run
from kumppani.core.models import PeriodicJobRun
from kumppani.organisations.models import Organisation

from .helpers import make_service

JSON_URL = "/fi/services/hsds/services.json"
ZIP_URL = "/fi/services/hsds/services.zip"


def _names(response: Any) -> list[str]:
    return [service["name"] for service in json.loads(b"".join(response.streaming_content))]


@pytest.fixture
def published(org_x: Organisation) -> Service:
    return make_service(org_x, name_fi="Kävelyryhmä")


def test_a_change_to_a_published_service_is_in_the_dump_after_the_job_runs(
    client: Client, published: Service, django_capture_on_commit_callbacks: Any
) -> None:
    dumps.dumps_build()
    assert _names(client.get(JSON_URL)) == ["Kävelyryhmä"]
    with django_capture_on_commit_callbacks(execute=True):
        service_update(service=published, actor=Actor.system("test"), name_fi="Sauvakävely")
    # Until the job runs, the file served is the one built before.
    assert _names(client.get(JSON_URL)) == ["Kävelyryhmä"]
    assert dumps.dumps_are_stale()

    hsds_dumps_refresh.call()

    assert not dumps.dumps_are_stale()
    assert _names(client.get(JSON_URL)) == ["Sauvakävely"]


def test_hiding_a_service_takes_it_out_of_the_dump(
    published: Service, django_capture_on_commit_callbacks: Any
) -> None:
    dumps.dumps_build()
    with django_capture_on_commit_callbacks(execute=True):
        service_hide(service=published, reason="Harhaanjohtava", actor=Actor.system("test"))
    hsds_dumps_refresh.call()
    assert json.loads(dumps.dump_path("json", "fi").read_text()) == []


def test_a_burst_of_changes_is_built_once(
    published: Service, django_capture_on_commit_callbacks: Any
) -> None:
    dumps.dumps_build()
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("Yksi", "Kaksi", "Kolme"):
            service_update(service=published, actor=Actor.system("test"), name_fi=name)
    with mock.patch.object(dumps, "dump_write", wraps=dumps.dump_write) as write:
        hsds_dumps_refresh.call()
        hsds_dumps_refresh.call()  # nothing changed since: nothing to build
    assert write.call_count == len(dumps.FORMATS) * 3  # each format in fi, sv and en


def test_many_writes_in_one_transaction_mark_the_dumps_once(
    published: Service, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        for name in ("Yksi", "Kaksi", "Kolme"):
            service_update(service=published, actor=Actor.system("test"), name_fi=name)
    assert [c for c in callbacks if c is dumps._touch_marker] == [dumps._touch_marker]


def test_the_periodic_jobs_include_the_dumps(published: Service) -> None:
    assert "hsds-dumps" in periodic_jobs_run()
    assert PeriodicJobRun.objects.filter(name="hsds-dumps").exists()
    assert dumps.dump_path("zip", "sv").exists()


def test_a_request_serves_the_file_without_building_it(
    client: Client, published: Service, django_assert_max_num_queries: Any
) -> None:
    dumps.dumps_build()
    with (
        mock.patch.object(dumps, "write_json") as write_json,
        mock.patch.object(dumps, "write_tabular") as write_tabular,
        django_assert_max_num_queries(0),
    ):
        response = client.get(JSON_URL)
        archive = client.get(ZIP_URL)
    write_json.assert_not_called()
    write_tabular.assert_not_called()
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kumppani-hsds-services.json"'
    assert response["ETag"] and response["Last-Modified"]
    assert archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as package:
        assert str(published.public_id) in package.read("services.csv").decode()


def test_an_unchanged_dump_answers_304(client: Client, published: Service) -> None:
    dumps.dumps_build()
    etag = client.get(JSON_URL)["ETag"]
    assert client.get(JSON_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_dump_is_in_the_language_of_the_address(client: Client, published: Service) -> None:
    dumps.dumps_build()
    assert _names(client.get("/sv/services/hsds/services.json")) == ["Kamratstödsgrupp"]


def test_the_first_request_builds_a_missing_dump_once(
    client: Client, published: Service, dump_dir: Path
) -> None:
    assert not dumps.dump_path("json", "fi").exists()
    assert _names(client.get(JSON_URL)) == ["Kävelyryhmä"]
    with mock.patch.object(dumps, "write_json") as write_json:
        client.get(JSON_URL)
    write_json.assert_not_called()


def test_a_build_leaves_no_temporary_files(published: Service, dump_dir: Path) -> None:
    dumps.dumps_build()
    assert sorted(path.name for path in dump_dir.iterdir()) == sorted(
        dumps.dump_path(file_format, language).name
        for file_format in dumps.FORMATS
        for language in ("fi", "sv", "en")
    )


def test_a_failed_build_keeps_the_previous_file(published: Service, dump_dir: Path) -> None:
    dumps.dumps_build()
    before = dumps.dump_path("json", "fi").read_bytes()
    with (
        mock.patch.object(dumps, "write_json", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        dumps.dump_write("json", "fi")
    assert dumps.dump_path("json", "fi").read_bytes() == before
    assert not [path for path in dump_dir.iterdir() if path.name.endswith(".tmp")]


def test_head_answers_without_a_body(client: Client, published: Service) -> None:
    dumps.dumps_build()
    response = client.head(JSON_URL)
    assert response.status_code == 200
    assert response["ETag"]
