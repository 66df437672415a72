"""Search quality on the public dev set, through the HTTP APIs, on this run's database.

Imports ``<repo>/../shared/search-dev-set`` with ``manage.py import_hsds``, indexes it and runs
every query through ``/api/hsds/services?search=…`` and ``/api/v1/services?q=…`` with the
query's municipality filter. Metrics as the dev-set README defines them. The figures and
top-10 lists are printed and written to ``var/search-devset-<backend>.json``.
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

MIN_RECALL = 0.90
MIN_NDCG = 0.80


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

    def through(url: str, text_parameter: str, items: str) -> Callable[[dict[str, Any]], list[str]]:
        """Search with a dev-set query through one API, by its URL, its name of the text
        parameter and its key of the result list."""

        def search(q: dict[str, Any]) -> list[str]:
            params = {text_parameter: q["q"], "per_page": "10"}
            if q["municipality"]:
                params["municipality"] = q["municipality"]
            response = client.get(url, params)
            assert response.status_code == 200, response.content
            return [item["id"] for item in response.json()[items]]

        return search

    v1 = through("/api/v1/services", "q", "items")
    hsds = through("/api/hsds/services", "search", "contents")

    results: dict[str, Any] = {
        "backend": connection.vendor,
        "loader": loader,
        "api_v1": _evaluate(queries, v1),
    }
    hsds_available = client.get("/api/hsds/services", {"search": "x"}).status_code == 200
    if hsds_available:
        results["api_hsds"] = _evaluate(queries, hsds)

    out = Path(settings.BASE_DIR) / "var" / f"search-devset-{connection.vendor}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    for api in ("api_v1", "api_hsds"):
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
