"""Search analysis, indexing and ranking for the service catalogue.

Import the query functions from here: ``from kumppani.catalogue.search import rank_service_ids``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "SearchFilters",
    "SearchResult",
    "rank_service_ids",
    "rank_task_ids",
    "search_services",
    "search_sql",
    "search_volunteer_tasks",
]

if TYPE_CHECKING:
    from kumppani.catalogue.search.query import (
        SearchFilters,
        SearchResult,
        rank_service_ids,
        rank_task_ids,
        search_services,
        search_sql,
        search_volunteer_tasks,
    )


def __getattr__(name: str) -> Any:
    # Lazy: the analyzer modules import without Django (bench/search_devset_eval.py).
    if name in __all__:
        from kumppani.catalogue.search import query

        return getattr(query, name)
    raise AttributeError(name)
