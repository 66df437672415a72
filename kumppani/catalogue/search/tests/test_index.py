"""The index follows explicit calls: index, refresh, remove, rebuild."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import pytest
from django.core.management import call_command
from django.db import connection

from kumppani.catalogue.models import PublicationStatus, Service, VolunteerTask
from kumppani.catalogue.search import backend
from kumppani.catalogue.search.backend import SERVICES
from kumppani.catalogue.search.index import (
    index_service,
    index_volunteer_task,
    rebuild_index,
    remove_service,
)
from kumppani.catalogue.search.query import rank_service_ids, search_volunteer_tasks
from kumppani.catalogue.tests.factories import VolunteerTaskFactory

pytestmark = pytest.mark.django_db


def _ids(q: str) -> list[int]:
    return rank_service_ids(q, queryset=Service.objects.all(), language="fi")


def test_an_indexed_service_is_found_by_an_inflected_form_of_a_compound_part(
    make_service: Callable[..., Service],
) -> None:
    service = make_service(name_fi="Omaishoitajien vertaistukiryhmä")
    assert _ids("vertaistukiryhmässä") == [service.pk]
    assert _ids("omaishoitaja") == [service.pk]


def test_a_service_not_indexed_is_not_found(make_service: Callable[..., Service]) -> None:
    make_service(name_fi="Ruoka-apu", index=False)
    assert _ids("ruoka-apu") == []


def test_reindexing_after_an_edit_finds_the_new_text_only(
    make_service: Callable[..., Service],
) -> None:
    service = make_service(name_fi="Kuorolaulu")
    service.name_fi = "Tuolijumppa"
    service.save()
    index_service(service)
    assert _ids("tuolijumppa") == [service.pk]
    assert _ids("kuorolaulu") == []


def test_removed_and_unpublished_services_leave_the_index(
    make_service: Callable[..., Service],
) -> None:
    removed = make_service(name_fi="Muistikahvila")
    unpublished = make_service(name_fi="Muistikahvila Kauhavalla")
    remove_service(removed)
    unpublished.status = PublicationStatus.DRAFT
    unpublished.save()
    index_service(unpublished)  # not visible: dropped
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {SERVICES.table}")
        assert cur.fetchone()[0] == 0


def test_deleting_a_service_deletes_its_document(make_service: Callable[..., Service]) -> None:
    service = make_service(name_fi="Leskien vertaisryhmä")
    service.delete()
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {SERVICES.table}")
        assert cur.fetchone()[0] == 0


def test_vocabulary_counts_documents_per_term_exactly(
    make_service: Callable[..., Service],
) -> None:
    first = make_service(name_fi="Senioritanssi")
    make_service(name_fi="Senioritanssi ja jumppa")
    assert backend.document_frequencies(SERVICES, ["senioritanssi"]) == {"senioritanssi": 2}
    remove_service(first)
    backend.invalidate_stats()
    assert backend.document_frequencies(SERVICES, ["senioritanssi"]) == {"senioritanssi": 1}


def test_a_typo_is_corrected_against_the_index_vocabulary(
    make_service: Callable[..., Service],
) -> None:
    service = make_service(name_fi="Velkaneuvonta")
    make_service(name_fi="Kuorolaulu")
    assert _ids("velkaneuvonat") == [service.pk]


def test_rebuild_index_and_its_command_index_every_visible_service(
    make_service: Callable[..., Service], capsys: pytest.CaptureFixture[str]
) -> None:
    make_service(name_fi="Perhekahvila", index=False)
    make_service(name_fi="Perhekerho", status=PublicationStatus.DRAFT, index=False)
    assert rebuild_index() == (1, 0)
    call_command("rebuild_search_index")
    assert "Indexed 1 services" in capsys.readouterr().out
    assert len(_ids("perhekahvila")) == 1


def test_volunteer_tasks_are_indexed_and_searched(db: None) -> None:
    task = cast(VolunteerTask, VolunteerTaskFactory(title_fi="Kaupassakäyntiapu ikäihmisille"))
    VolunteerTaskFactory(title_fi="Lipunmyyjä konserttiin")
    index_volunteer_task(task)
    result = search_volunteer_tasks(q="kaupassakäynti", language="fi")
    assert [t.pk for t in result.items] == [task.pk]
    assert result.total == 1


def test_a_query_is_analysed_once_until_the_index_changes(
    make_service: Callable[..., Service],
) -> None:
    from kumppani.catalogue.search.query import parse_query

    make_service(name_fi="Kuorolaulu")
    first = parse_query("kuorolaulua", language="fi")
    assert parse_query("kuorolaulua", language="fi") is first
    assert parse_query("kuorolaulua", language="sv") is not first
    # The analysis used the vocabulary as it was: any write to the index forgets it.
    make_service(name_fi="Kuoro")
    assert parse_query("kuorolaulua", language="fi") is not first
