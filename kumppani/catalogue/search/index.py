"""Keep the search index in step with the catalogue.

Called explicitly by the catalogue services after a write (no signals), inside the writing
transaction: ``index_service`` / ``remove_service`` / ``index_volunteer_task``. Bulk callers
(the HSDS import, the benchmark, ``manage.py rebuild_search_index``) use ``index_services``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from kumppani.catalogue.models import Service, TaxonomyTerm, VolunteerTask
from kumppani.catalogue.occurrences import occurrences_rebuild
from kumppani.catalogue.search import backend
from kumppani.catalogue.search.backend import SERVICES, TASKS, Kind
from kumppani.catalogue.search.documents import Document, service_document, task_document
from kumppani.catalogue.search.listing import cards_by_language
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation

__all__ = [
    "index_organisation_services",
    "index_service",
    "index_services",
    "index_term_services",
    "index_volunteer_task",
    "index_volunteer_tasks",
    "rebuild_index",
    "remove_service",
]

BATCH_SIZE = 1000
# Past this many documents a full vocabulary recount is cheaper than per-term updates.
FULL_VOCABULARY_REFRESH_AFTER = 200


def _service_queryset() -> QuerySet[Service]:
    return (
        Service.objects.visible()
        .select_related("organisation")
        .prefetch_related(
            # public_id, code and taxonomy code for the stored cards (listing.cards_by_language).
            Prefetch(
                "terms",
                queryset=TaxonomyTerm.objects.select_related("taxonomy").only(
                    "id", "public_id", "code", "taxonomy__code", *_name_fields()
                ),
            ),
            # Their counties and municipalities give the area markers (documents.service_areas).
            Prefetch("municipalities", queryset=Municipality.objects.select_related("county")),
            Prefetch("counties", queryset=County.objects.prefetch_related("municipalities")),
            "languages",
        )
    )


def _name_fields() -> list[str]:
    return ["name", "name_fi", "name_sv", "name_en"]


def _service_doc(service: Service) -> Document:
    doc = service_document(service)
    if backend.is_postgres():
        # The result cards are stored on PostgreSQL only (SQLite builds them at read time).
        return replace(doc, cards=cards_by_language(service))
    return doc


def index_organisation_services(organisation: Organisation) -> int:
    """Re-index the services of an organisation after its name or description changed.

    Their documents hold the organisation's texts and, on PostgreSQL, their stored result
    cards show its name: the organisation write services must call this (no signals).
    """
    return index_services(Service.objects.filter(organisation=organisation))


def index_term_services(term: TaxonomyTerm) -> int:
    """Re-index the services classified with a taxonomy term after its labels changed."""
    return index_services(Service.objects.filter(terms=term))


def _task_queryset() -> QuerySet[VolunteerTask]:
    return (
        VolunteerTask.objects.visible()
        .select_related("organisation", "municipality")
        .prefetch_related(
            Prefetch("terms", queryset=TaxonomyTerm.objects.only("id", *_name_fields()))
        )
    )


def _write(kind: Kind, docs: list[Document], removed: list[int], *, small: bool) -> None:
    pks = [d.pk for d in docs] + removed
    old = backend.existing_terms(kind, pks) if small and backend.is_postgres() else {}
    backend.delete(kind, removed)
    backend.upsert(kind, docs)
    if small and backend.is_postgres():
        added: list[str] = []
        gone: list[str] = []
        for d in docs:
            new_terms, old_terms = d.terms(), old.get(d.pk, set())
            added.extend(new_terms - old_terms)
            gone.extend(old_terms - new_terms)
        for pk in removed:
            gone.extend(old.get(pk, set()))
        # Terms are counted per document: repeated terms across documents must count twice.
        _adjust_counted(kind, added, gone)


def _adjust_counted(kind: Kind, added: list[str], removed: list[str]) -> None:
    # adjust_vocabulary adds one per distinct term; apply it once per occurrence round.

    add_c, rem_c = Counter(added), Counter(removed)
    rounds = max([*add_c.values(), *rem_c.values(), 0])
    for i in range(rounds):
        backend.adjust_vocabulary(
            kind,
            [t for t, n in add_c.items() if n > i],
            [t for t, n in rem_c.items() if n > i],
        )


def _pks(objects: QuerySet[Any] | Iterable[int]) -> list[int]:
    if isinstance(objects, QuerySet):
        return list(objects.values_list("pk", flat=True))
    return list(objects)


def index_service(service: Service) -> None:
    """Add or refresh the search document of a service; drop it when it is not visible."""
    index_services([service.pk])


def remove_service(service: Service) -> None:
    """Drop the search document of a service that is no longer visible."""
    _write(SERVICES, [], [service.pk], small=True)


def index_services(services: QuerySet[Service] | Iterable[int]) -> int:
    """Index the given services (a queryset or pks) in batches; return how many are indexed.

    Services that are not visible are removed from the index.
    """
    return _index_batches(SERVICES, _pks(services), _service_queryset(), _service_doc)


def index_volunteer_task(task: VolunteerTask) -> None:
    """Add, refresh or (when it is not visible) drop the search document of a task."""
    index_volunteer_tasks([task.pk])


def index_volunteer_tasks(tasks: QuerySet[VolunteerTask] | Iterable[int]) -> int:
    return _index_batches(TASKS, _pks(tasks), _task_queryset(), task_document)


def _index_batches(
    kind: Kind, pks: list[int], entries: QuerySet[Any], document: Callable[[Any], Document]
) -> int:
    """Index the entries in batches: write a document for each visible one, drop the rest."""
    small = len(pks) <= FULL_VOCABULARY_REFRESH_AFTER
    indexed = 0
    with transaction.atomic():
        for i in range(0, len(pks), BATCH_SIZE):
            batch = pks[i : i + BATCH_SIZE]
            docs = [document(entry) for entry in entries.filter(pk__in=batch)]
            visible = {d.pk for d in docs}
            _write(kind, docs, [pk for pk in batch if pk not in visible], small=small)
            indexed += len(docs)
        if not small:
            backend.refresh_vocabulary(kind)
    return indexed


def rebuild_index() -> tuple[int, int]:
    """Rebuild both indexes from scratch; return (services, volunteer tasks) indexed."""
    with transaction.atomic():
        backend.clear(SERVICES)
        backend.clear(TASKS)
        n_services = index_services(Service.objects.visible().order_by("pk"))
        n_tasks = index_volunteer_tasks(_task_queryset().order_by("pk"))
        # The activities' times for the time filters, computed afresh too.
        occurrences_rebuild()
        backend.refresh_vocabulary(SERVICES)
        backend.refresh_vocabulary(TASKS)
    return n_services, n_tasks
