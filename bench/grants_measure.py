"""In-process measurements of the grants pages and of a call's decision documents.

Call after ``django.setup()`` on generated rounds (`grants_generate`). Every page is requested
through Django's test client signed in as the county's coordinator, in the small and the
large round: its time (median, p95) and its query count in each. The baseline is the public
list of calls, requested by the same client right before each timed page request (the same
stack: middleware, session, sign-in, template rendering, a handful of queries), so the ratio
of a page to it does not depend on what the machine was doing in that minute.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grants_generate import Round
from measure import percentile

BASELINE = "Public calls list (baseline)"


@dataclass
class Page:
    label: str
    url: Callable[[Round], str]


def pages() -> list[Page]:
    from django.urls import reverse

    def of_call(name: str, suffix: str = "") -> Callable[[Round], str]:
        return lambda r: reverse(name, args=[_public_id(r)]) + suffix

    return [
        Page("Review summary (`grants:call_review`)", of_call("grants:call_review")),
        Page("Applications list (`grants:call_applications`)", of_call("grants:call_applications")),
        Page(
            "Applications CSV export (`grants:call_applications_export`)",
            of_call("grants:call_applications_export", "?format=csv"),
        ),
        Page("Decisions (`grants:call_decisions`)", of_call("grants:call_decisions")),
        Page(
            "Payments (`grants:payment_list`, the round's year)",
            lambda r: reverse("grants:payment_list") + f"?year={r.year}",
        ),
    ]


def _public_id(r: Round) -> str:
    from kumppani.grants.models import Call

    return str(Call.objects.values_list("public_id", flat=True).get(pk=r.call_id))


@dataclass
class PageResult:
    label: str
    ms: dict[int, list[float]] = field(default_factory=dict)  # by round size
    queries: dict[int, int] = field(default_factory=dict)
    baseline_ms: list[float] = field(default_factory=list)  # paired with the large round's
    size_bytes: int = 0

    def p50(self, size: int) -> float:
        return percentile(self.ms.get(size, []), 50)

    def p95(self, size: int) -> float:
        return percentile(self.ms.get(size, []), 95)

    @property
    def constant(self) -> bool:
        return len(set(self.queries.values())) == 1


@dataclass
class DocumentsResult:
    documents: int
    seconds: float
    total: int
    done: int
    failed: int
    status: str
    megabytes: float

    @property
    def per_document_ms(self) -> float:
        return self.seconds * 1000 / self.documents if self.documents else float("nan")


def client_for(user: Any) -> Any:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def fetch(client: Any, url: str) -> int:
    """Request the page and read all of it (a streamed export too); return its size."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def count_queries(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return len(captured)


def measure_pages(
    rounds: list[Round], coordinator: Any, reps: int, progress: Callable[[str], None]
) -> tuple[list[PageResult], PageResult]:
    """Time each page ``reps`` times in each round (after one untimed request) and count
    its queries in a separate request; the baseline is timed right before each page request
    of the largest round."""
    from django.urls import reverse

    client = client_for(coordinator)
    baseline_url = reverse("grants:call_list")
    largest = max(r.applications for r in rounds)
    baseline = PageResult(BASELINE)
    fetch(client, baseline_url)
    baseline.queries = {r.applications: count_queries(client, baseline_url) for r in rounds}
    results = []
    for page in pages():
        result = PageResult(page.label)
        for r in rounds:
            url = page.url(r)
            fetch(client, url)  # warm-up
            result.queries[r.applications] = count_queries(client, url)
            samples = result.ms.setdefault(r.applications, [])
            for _ in range(reps):
                if r.applications == largest:
                    start = time.perf_counter()
                    fetch(client, baseline_url)
                    ms = (time.perf_counter() - start) * 1000
                    result.baseline_ms.append(ms)
                    baseline.ms.setdefault(largest, []).append(ms)
                start = time.perf_counter()
                result.size_bytes = fetch(client, url)
                samples.append((time.perf_counter() - start) * 1000)
        progress(
            f"  {page.label}: p50 {result.p50(largest):.1f} ms at {largest}, queries "
            + " / ".join(str(q) for q in result.queries.values())
        )
        results.append(result)
    return results, baseline


def ratio_to_baseline(result: PageResult) -> float:
    """The page's median in the largest round over the baseline's median, both from the
    same minutes."""
    if not result.baseline_ms:
        return float("nan")
    return statistics.median(result.ms[max(result.ms)]) / statistics.median(result.baseline_ms)


def measure_documents(r: Round, coordinator: Any) -> DocumentsResult:
    """Make the call's decision PDFs as the coordinator's button does
    (`document_batch_start`), the task run at once (the immediate backend), the files
    written to a temporary directory; return the time and the batch's counters."""
    from django.test import TestCase, override_settings

    from kumppani.core.actor import Actor
    from kumppani.grants.models import Call, DecisionDocument, DocumentBatch
    from kumppani.grants.services.documents import document_batch_start

    call = Call.objects.select_related("programme__county").get(pk=r.call_id)
    DocumentBatch.objects.filter(call=call).delete()
    DecisionDocument.objects.filter(decision__application__call=call).delete()
    directory = tempfile.mkdtemp(prefix="kumppani-bench-pdf-")
    immediate = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    try:
        # The task is enqueued when the batch is committed and, immediate, runs then. Inside
        # a transaction (the benchmark's own tests) that commit never comes: the capture
        # runs it when the service returns; outside one it finds nothing left to run.
        with (
            override_settings(TASKS=immediate, PRIVATE_MEDIA_ROOT=directory),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            start = time.perf_counter()
            batch = document_batch_start(call=call, actor=Actor(user=coordinator))
        seconds = time.perf_counter() - start
        batch.refresh_from_db()
        made = DecisionDocument.objects.filter(batch=batch)
        size = sum(made.values_list("size", flat=True))
        return DocumentsResult(
            documents=made.count(),
            seconds=seconds,
            total=batch.total,
            done=batch.done,
            failed=batch.failed,
            status=batch.status,
            megabytes=size / 2**20,
        )
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@dataclass
class GrantsRun:
    rounds: list[Round]
    pages: list[PageResult]
    baseline: PageResult
    documents: DocumentsResult
    generate_seconds: float
    reps: int


def run_grants(
    *, applications: int, small: int, seed: int, reps: int, progress: Callable[[str], None]
) -> GrantsRun:
    """Generate the two rounds, measure the pages, then decide the large round's remaining
    applications and make its decision documents."""
    from grants_generate import decide_the_rest, generate_grants

    start = time.perf_counter()
    few, many, people = generate_grants(
        applications=applications, small=small, seed=seed, progress=progress
    )
    generate_seconds = time.perf_counter() - start
    progress(f"  generated in {generate_seconds:.1f} s; measuring the pages ({reps} times each)")
    results, baseline = measure_pages([few, many], people["coordinator"], reps, progress)
    rest = decide_the_rest(many.call_id)
    progress(f"  {rest} more decided; making {many.applications} decision documents")
    documents = measure_documents(many, people["coordinator"])
    progress(
        f"  {documents.documents} documents in {documents.seconds:.1f} s "
        f"({documents.per_document_ms:.0f} ms each)"
    )
    return GrantsRun([few, many], results, baseline, documents, generate_seconds, reps)


def report(run: GrantsRun) -> list[str]:
    """The grants part of the benchmark's table (Markdown lines)."""
    from report import fmt

    few, many = run.rounds
    small, large = few.applications, many.applications
    d = run.documents
    lines = [
        f"- Data: two closed calls of Pohjanmaa, {small} and {large} applications from as many "
        "organisations (valid business IDs and IBANs), each sent (one revision), scored by two "
        f"reviewers on three criteria; {few.decided} and {many.decided} decided within the "
        "appropriation (about one in ten refused), with their payments (one or two "
        f"instalments) and usage reports. Generated in {fmt(run.generate_seconds)} s (the "
        "programmes and calls with the services, the rest bulk inserted, without the audit "
        "records and emails of each step).",
        "- Pages: Django test client in-process, signed in as the county's coordinator, "
        f"production settings; one untimed request, then {run.reps} timed ones per page and "
        "round, the CSV export read to its end; queries counted in a separate request. "
        "Baseline: the public list of calls, requested by the same client right before each "
        f"timed request of the {large}-application round.",
        "",
        f"| page | p50 ms ({small}) | p50 ms ({large}) | p95 ms ({large}) | ÷ baseline "
        f"({large}) | queries ({small} / {large}) |",
        "|---|---:|---:|---:|---:|---|",
        f"| {run.baseline.label} | – | {fmt(run.baseline.p50(large))} | "
        f"{fmt(run.baseline.p95(large))} | 1.00× | {run.baseline.queries[large]} |",
    ]
    for r in run.pages:
        verdict = "constant" if r.constant else "**grows**"
        lines.append(
            f"| {r.label} | {fmt(r.p50(small))} | {fmt(r.p50(large))} | {fmt(r.p95(large))} | "
            f"{ratio_to_baseline(r):.1f}× | {r.queries[small]} / {r.queries[large]}, "
            f"{verdict} |"
        )
    lines += [
        "",
        f"Decision documents: the remaining {many.applications - many.decided} applications "
        f"of the {large}-application round decided, then `document_batch_start` for the call "
        "with the task run at once (the immediate backend; files in a temporary directory): "
        f"**{d.documents} PDFs in {fmt(d.seconds)} s, {fmt(d.per_document_ms)} ms each** "
        f"({fmt(d.megabytes)} MB). The batch's counter at the end: {d.done} of {d.total} made, "
        f"{d.failed} failed, {d.status}.",
    ]
    return lines
