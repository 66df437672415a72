"""Search quality on the public dev set, through the HTTP APIs, on this run's database.

Imports ``<repo>/../shared/search-dev-set`` with ``manage.py import_hsds``, indexes it and runs
every query through ``/api/hsds/services?search=…`` and ``/api/v1/services?q=…`` with the
query's municipality filter. Metrics as the dev-set README defines them, over the list as the
search page shows it (the matches, then the related services shown apart); the HSDS matches
alone are measured too, and the precision of everything the HSDS API returns as a match as
``shared/tools/search_precision.py`` measures it. The figures and top-10 lists are printed and
written to ``var/search-devset-<backend>.json``.
"""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from kumppani.catalogue.models import Service
from kumppani.catalogue.search.index import index_services
from kumppani.catalogue.search.tests.devset import (
    DEV_SET,
    load_queries,
    load_services,
    ndcg10,
    recall10,
)

MIN_RECALL = 0.95
MIN_NDCG = 0.85
# The share of what the HSDS API returns as matches that is judged relevant
# (``shared/tools/search_precision.py``: every result of pages 1-2 at 50 a page).
MIN_PRECISION = 0.5


def _require_dev_set() -> None:
    if DEV_SET.is_dir():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"The search dev set must exist under CI: {DEV_SET}")
    pytest.skip(f"no search dev set at {DEV_SET}")


def _evaluate(
    queries: list[dict[str, Any]], run: Callable[[dict[str, Any]], list[str]]
) -> dict[str, Any]:
    per_query = {}
    for q in queries:
        ranked = run(q)[:10]
        per_query[q["id"]] = {
            "q": q["q"],
            "recall@10": recall10(ranked, q["relevant"]),
            "ndcg@10": ndcg10(ranked, q["relevant"]),
            "top10": ranked,
        }

    def mean(metric: str, pick: Callable[[dict[str, Any]], bool] = lambda q: True) -> float:
        values = [per_query[q["id"]][metric] for q in queries if pick(q)]
        return round(statistics.fmean(values), 4) if values else float("nan")

    return {
        "recall@10": mean("recall@10"),
        "ndcg@10": mean("ndcg@10"),
        "fi": {
            "recall@10": mean("recall@10", lambda q: q["lang"] == "fi"),
            "ndcg@10": mean("ndcg@10", lambda q: q["lang"] == "fi"),
        },
        "sv": {
            "recall@10": mean("recall@10", lambda q: q["lang"] == "sv"),
            "ndcg@10": mean("ndcg@10", lambda q: q["lang"] == "sv"),
        },
        "filtered": {
            "recall@10": mean("recall@10", lambda q: bool(q["municipality"])),
            "ndcg@10": mean("ndcg@10", lambda q: bool(q["municipality"])),
        },
        "queries": per_query,
    }


@pytest.mark.django_db
def test_dev_set_recall_and_ndcg_through_the_apis(client: Client) -> None:
    _require_dev_set()
    loader = load_services()
    index_services(Service.objects.published())
    queries = load_queries()

    def through(
        url: str, text_parameter: str, items: str, related: str | None = None
    ) -> Callable[[dict[str, Any]], list[str]]:
        """Search with a dev-set query through one API, by its URL, its name of the text
        parameter and its key of the result list; with ``related``, the list as the page
        shows it: the matches, then the related services shown apart from them."""

        def search(q: dict[str, Any]) -> list[str]:
            params = {text_parameter: q["q"], "per_page": "10"}
            if q["municipality"]:
                params["municipality"] = q["municipality"]
            response = client.get(url, params)
            assert response.status_code == 200, response.content
            body = response.json()
            return [item["id"] for item in body[items] + (body[related] if related else [])]

        return search

    v1 = through("/api/v1/services", "q", "items", "related")
    hsds = through("/api/hsds/services", "search", "contents", "x_related_contents")
    hsds_matches = through("/api/hsds/services", "search", "contents")

    results: dict[str, Any] = {
        "backend": connection.vendor,
        "loader": loader,
        "api_v1": _evaluate(queries, v1),
    }
    hsds_available = client.get("/api/hsds/services", {"search": "x"}).status_code == 200
    if hsds_available:
        results["api_hsds"] = _evaluate(queries, hsds)
        results["api_hsds_matches_only"] = _evaluate(queries, hsds_matches)

    if hsds_available:
        results["precision"] = _precision(client, queries)

    out = Path(settings.BASE_DIR) / "var" / f"search-devset-{connection.vendor}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    for api in ("api_v1", "api_hsds", "api_hsds_matches_only"):
        if api in results:
            r = results[api]
            print(
                f"\n{connection.vendor} {api}: recall@10={r['recall@10']:.3f} "
                f"nDCG@10={r['ndcg@10']:.3f} (fi {r['fi']['recall@10']:.3f}/"
                f"{r['fi']['ndcg@10']:.3f}, sv {r['sv']['recall@10']:.3f}/"
                f"{r['sv']['ndcg@10']:.3f}) -> {out}"
            )
    for api in ("api_v1", "api_hsds"):
        if api in results:
            assert results[api]["recall@10"] >= MIN_RECALL, api
            assert results[api]["ndcg@10"] >= MIN_NDCG, api
    if "precision" in results:
        p = results["precision"]
        print(
            f"{connection.vendor} precision of all HSDS matches={p['precision']:.3f} "
            f"(mean results {p['mean_results']:.1f}, judged relevant {p['mean_relevant']:.1f})"
        )
        assert p["precision"] >= MIN_PRECISION


def _precision(client: Client, queries: list[dict[str, Any]]) -> dict[str, float]:
    """Precision of every result the HSDS API returns as a match, as the judge's tool
    measures it (``search_precision.py``: pages 1-2 at 50 a page, macro-averaged)."""
    precisions, counts, relevant = [], [], []
    for q in queries:
        got: list[str] = []
        for page in (1, 2):
            params = {"search": q["q"], "per_page": "50", "page": str(page)}
            if q["municipality"]:
                params["municipality"] = q["municipality"]
            body = client.get("/api/hsds/services", params).json()
            got += [item["id"] for item in body["contents"]]
            if page >= body.get("total_pages", 1):
                break
        judged = {sid for sid, grade in q["relevant"].items() if grade >= 1}
        counts.append(len(got))
        relevant.append(len(judged))
        precisions.append(sum(1 for sid in got if sid in judged) / len(got) if got else 0.0)
    return {
        "precision": round(statistics.fmean(precisions), 4),
        "mean_results": round(statistics.fmean(counts), 2),
        "mean_relevant": round(statistics.fmean(relevant), 2),
    }
