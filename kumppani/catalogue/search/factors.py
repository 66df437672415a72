"""What multiplies a document's text rank in both ranked statements: freshness and language.

A stale service (``ServiceQuerySet.stale()``: not confirmed within ``STALE_AFTER``) has its
rank multiplied by ``STALE_FACTOR``: it comes after every fresh service that matches at least
``STALE_FACTOR`` times as well (so after the equally relevant ones), and before a fresh one
only when it matches clearly better (more than 1 / ``STALE_FACTOR`` = 1.25 times as well).
Without a search word stale services simply come last (``query.unranked``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from kumppani.catalogue.models import STALE_AFTER
from kumppani.catalogue.search.analysis import ParsedQuery
from kumppani.catalogue.search.filters import Scope

STALE_FACTOR = 0.8

Factor = tuple[str, list[Any]]  # an SQL expression and its parameters


def stale_before(now: datetime | None = None) -> datetime:
    """Services last confirmed before this are stale (``ServiceQuerySet.stale()``)."""
    return (now or timezone.now()) - STALE_AFTER


def score_factors(parsed: ParsedQuery, scope: Scope, *, verified: str, holds: str) -> list[Factor]:
    """The factors of a scope's rank, as SQL over the ``verified`` column (freshness) and
    ``holds``, an expression true when the document's languages hold the parameter ``|xx|``."""
    factors: list[Factor] = []
    if scope.freshness:
        factors.append(
            (f"CASE WHEN {verified} < %s THEN %s ELSE 1.0 END", [stale_before(), STALE_FACTOR])
        )
    boost = parsed.language_boost()
    if boost:
        code, factor = boost
        factors.append((f"CASE WHEN {holds} THEN %s ELSE 1.0 END", [f"|{code}|", factor]))
    return factors
