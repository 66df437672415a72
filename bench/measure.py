"""In-process latency: the search API through Django's test client, its raw SQL, a naive search.

Call after ``django.setup()``. Every measurement runs the whole query mix, unfiltered and with
each query's municipality, ``reps`` times after one warm-up pass, and keeps every sample. The
API and its raw SQL (the floor) are measured side by side, case by case, taking turns at
going first, so that their ratio does not depend on what the machine or the database's caches
were doing during one of them.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

API_PATH = "/api/v1/services"
PAGE = 20


@dataclass
class Samples:
    """Milliseconds per (query, municipality or None)."""

    by_case: dict[tuple[str, str | None], list[float]] = field(default_factory=dict)
    reps: int = 0

    def add(self, case: tuple[str, str | None], ms: float) -> None:
        self.by_case.setdefault(case, []).append(ms)

    def merged(self, other: Samples) -> Samples:
        """Return the samples of both, case by case."""
        out = Samples(reps=self.reps + other.reps)
        for source in (self, other):
            for case, values in source.by_case.items():
                out.by_case.setdefault(case, []).extend(values)
        return out

    def values(self, filtered: bool) -> list[float]:
        return [
            v for (_q, m), vs in self.by_case.items() if (m is not None) == filtered for v in vs
        ]

    def pct(self, p: float, filtered: bool) -> float:
        return percentile(self.values(filtered), p)

    def slowest(self, n: int, filtered: bool) -> list[tuple[tuple[str, str | None], float]]:
        medians = [
            (c, statistics.median(vs))
            for c, vs in self.by_case.items()
            if (c[1] is not None) == filtered
        ]
        return sorted(medians, key=lambda x: -x[1])[:n]


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (0-100) by linear interpolation; NaN when empty."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


Case = tuple[str, str | None]


def cases(queries: tuple[tuple[str, str], ...]) -> list[Case]:
    return [c for q, m in queries for c in ((q, None), (q, m))]


def api_url(q: str, municipality: str | None) -> str:
    params = {"q": q} | ({"municipality": municipality} if municipality else {})
    return f"{API_PATH}?{urlencode(params)}"


# Each measurement stops adding passes past this budget (slow engines on big data sets).
BUDGET_SECONDS = 150.0
WARM_UP_CASES = 16


def run_timed(run: Callable[[Case], Any], all_cases: list[Case], reps: int) -> Samples:
    # Warm-up (caches, lemmatizer dictionaries, database buffers) on a slice of the mix; its
    # pace estimates a pass, so that slow engines on big data sets get fewer passes.
    warm_cases = all_cases[:WARM_UP_CASES]
    start = time.perf_counter()
    for case in warm_cases:
        run(case)
    per_pass = (time.perf_counter() - start) / max(1, len(warm_cases)) * len(all_cases)
    samples = Samples()
    samples.reps = max(1, min(reps, int(BUDGET_SECONDS / max(per_pass, 1e-3))))
    for _ in range(samples.reps):
        for case in all_cases:
            start = time.perf_counter()
            run(case)
            samples.add(case, (time.perf_counter() - start) * 1000)
    return samples


def api_client() -> Any:
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1")


def api_request(client: Any, case: Case) -> None:
    response = client.get(api_url(*case))
    if response.status_code != 200:
        raise RuntimeError(
            f"{api_url(*case)} answered {response.status_code}: {response.content[:300]!r}"
        )


def floor_sql(case: Case) -> tuple[str, list[Any]]:
    """Return the ranked SQL the API runs for its page of ids (built outside the timing)."""
    from kumppani.catalogue.search.query import SearchFilters, search_sql

    q, municipality = case
    return search_sql(
        q=q, filters=SearchFilters(municipality=municipality), language="fi", limit=PAGE
    )


@dataclass
class ApiAndFloor:
    first: Samples  # the API's first request of each query: analysis, match level choice
    api: Samples  # the API on repeated queries (the timed passes)
    floor: Samples  # the raw SQL of the same searches
    build: Samples  # building that SQL (``search_sql``)


def measure_api_and_floor(all_cases: list[Case], reps: int) -> ApiAndFloor:
    """Measure the search API and its raw SQL side by side, case by case.

    The floor's SQL is built first (``search_sql`` runs the search once); then the search
    engine's per-process caches are emptied, so that the API's first request of each query
    analyses it and chooses its match level as in production (``first``). The timed passes
    repeat the mix, the API request and the raw SQL of a case one after the other, taking
    turns at going first: the steady state that the floor, built beforehand, is compared with.
    """
    from django.db import connection

    from kumppani.catalogue.search.backend import invalidate_stats

    build = Samples()
    prepared: dict[Case, tuple[str, list[Any]]] = {}
    for case in all_cases:
        start = time.perf_counter()
        prepared[case] = floor_sql(case)
        build.add(case, (time.perf_counter() - start) * 1000)
    invalidate_stats()
    client = api_client()

    def floor(case: Case) -> None:
        sql, params = prepared[case]
        with connection.cursor() as cur:
            cur.execute(sql, params)
            cur.fetchall()

    def api(case: Case) -> None:
        api_request(client, case)

    # Each query's first request, timed on its own; with the floor run once after it, this
    # pass also warms the database's buffers and estimates the pace of a pass.
    first = Samples(reps=1)
    start = time.perf_counter()
    for case in all_cases:
        t0 = time.perf_counter()
        api(case)
        first.add(case, (time.perf_counter() - t0) * 1000)
        floor(case)
    per_pass = time.perf_counter() - start
    api_samples, floor_samples = Samples(), Samples()
    api_samples.reps = floor_samples.reps = max(
        1, min(reps, int(2 * BUDGET_SECONDS / max(per_pass, 1e-3)))
    )
    for rep in range(api_samples.reps):
        for case in all_cases:
            pair = ((api, api_samples), (floor, floor_samples))
            for run, samples in pair if rep % 2 == 0 else reversed(pair):
                start = time.perf_counter()
                run(case)
                samples.add(case, (time.perf_counter() - start) * 1000)
    return ApiAndFloor(first, api_samples, floor_samples, build)


_WORD = re.compile(r"\w+", re.UNICODE)


def naive_queryset(case: Case) -> Any:
    """Published services whose name or description contains any word of the query."""
    from django.db.models import Q

    from kumppani.catalogue.models import Service

    q, municipality = case
    cond = Q()
    for word in _WORD.findall(q):
        if len(word) < 3:
            continue
        for f in ("name_fi", "name_sv", "description_fi", "description_sv"):
            cond |= Q(**{f"{f}__icontains": word})
    qs = Service.objects.published().filter(cond)
    if municipality:
        qs = qs.in_municipality(municipality)
    return qs


def measure_naive(all_cases: list[Case], reps: int) -> Samples:
    def run(case: Case) -> None:
        list(naive_queryset(case).values_list("id", flat=True)[:PAGE])

    return run_timed(run, all_cases, reps)
