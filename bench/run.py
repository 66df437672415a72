"""`make bench`: search latency and throughput on a generated 100,000-service catalogue.

One run, on PostgreSQL:

1. create (or reuse) the database ``kumppani_bench`` next to the one in DATABASE_URL, migrate
   it, generate the catalogue (seeded) unless it already holds the same size and seed, and
   index it with the search engine's ``index_services`` when the engine's code has changed;
2. measure the search API in-process (test client), its ranked SQL alone (``search_sql``, the
   floor) and a naive ``icontains`` search (the baseline), unfiltered and with a municipality;
3. measure requests per second over HTTP (gunicorn, 2 workers, wrk on loopback) and the
   workers' peak memory;
4. print the table with PASS/FAIL per target and write it into docs/benchmarks.md;
5. the grants part (`grants_measure`): two generated grant rounds (50 and 500 applications),
   the coordinator's pages timed against a baseline page and their queries counted in both,
   and the 500 decision PDFs made by the background task; written into docs/benchmarks.md.

It always exits 0 when it could measure: a missed target is a finding, not an error.

    python bench/run.py                      # the full benchmark (100,000 services)
    python bench/run.py --services 5000      # quick mode for development
    python bench/run.py --only grants --grants 50   # the grants part alone, quick (a minute)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import secrets
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kumppani"
FULL_SIZE = 100_000
# The largest county rounds have about 250 applications.
GRANTS_FULL = 500


def log(msg: str) -> None:
    print(msg, flush=True)


# --- Database ---------------------------------------------------------------------------


def bench_url(base: str, db_name: str) -> str:
    parts = urlsplit(base)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit(f"The benchmark needs PostgreSQL; DATABASE_URL is {base!r}.")
    return urlunsplit(parts._replace(path=f"/{db_name}"))


def conninfo(url: str, **overrides: str) -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo(url.replace("postgres://", "postgresql://", 1), **overrides)


def read_meta(url: str) -> dict[str, str] | None:
    """Return the bench_meta of the database, {} when it has none, None when it is missing."""
    import psycopg

    try:
        with psycopg.connect(conninfo(url), connect_timeout=5) as conn:
            exists = conn.execute("SELECT to_regclass('bench_meta')").fetchone()
            if not exists or exists[0] is None:
                return {}
            return dict(conn.execute("SELECT key, value FROM bench_meta").fetchall())
    except psycopg.OperationalError as exc:
        if "does not exist" in str(exc):
            return None
        raise


def recreate_database(url: str, db_name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(conninfo(url, dbname="postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db_name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db_name)))


def write_meta(values: dict[str, str]) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text)")
        for k, v in values.items():
            cur.execute(
                "INSERT INTO bench_meta VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [k, v],
            )


def search_code_key() -> str:
    """Fingerprint of the code that decides what the index holds (not the query side)."""
    h = hashlib.sha256()
    search = ROOT / "kumppani/catalogue/search"
    files = [
        search / n
        for n in ("analyzer.py", "thesaurus.py", "documents.py", "index.py", "listing.py")
    ]
    files += sorted((ROOT / "kumppani/catalogue/migrations").glob("*.py"))
    for f in files:
        if f.exists():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    # backend.py: only its write side (before the statistics it reads) decides what is stored.
    backend = (search / "backend.py").read_text(encoding="utf-8")
    h.update(backend.split("# --- Vocabulary and statistics", 1)[0].encode())
    return h.hexdigest()[:16]


# --- Machine ----------------------------------------------------------------------------


def machine() -> dict[str, str]:
    from django.db import connection

    def sh(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
        except OSError:
            return ""

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
        cur.execute("SHOW shared_buffers")
        buffers = cur.fetchone()[0]
    free = sh("free", "-h").splitlines()
    mem = " ".join(free[1].split()[:2]) if len(free) > 1 else "?"
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "nproc": sh("nproc").strip() or str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem.replace("Mem: ", "total "),
        "postgres": f"PostgreSQL {pg} (shared_buffers {buffers})",
        "python": platform.python_version(),
    }


# --- Profiling --------------------------------------------------------------------------


def profile(api: Any, floor_cases: list[Any], explain_cases: list[Any]) -> str:
    """Return where the time of the slowest cases goes: per-SQL timings and EXPLAIN ANALYZE."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from measure import api_client, api_url, floor_sql

    out = io.StringIO()
    client = api_client()
    for case in floor_cases:
        timings: list[tuple[float, str]] = []

        def wrapper(
            execute: Any,
            sql: str,
            params: Any,
            many: bool,
            context: Any,
            timings: list[tuple[float, str]] = timings,
        ) -> Any:
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append(((time.perf_counter() - start) * 1000, sql))

        start = time.perf_counter()
        with connection.execute_wrapper(wrapper):
            client.get(api_url(*case))
        total = (time.perf_counter() - start) * 1000
        sql_ms = sum(t for t, _ in timings)
        out.write(
            f"\nAPI {api_url(*case)}: {total:.1f} ms, {len(timings)} SQL queries "
            f"{sql_ms:.1f} ms, Python {total - sql_ms:.1f} ms\n"
        )
        for ms, sql in sorted(timings, key=lambda x: -x[0])[:8]:
            out.write(f"  {ms:7.1f} ms  {' '.join(sql.split())[:150]}\n")
    for case in explain_cases:
        sql, params = floor_sql(case)
        with connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join("  " + r[0] for r in cur.fetchall())
        out.write(f"\nEXPLAIN ANALYZE search_sql{case}:\n{plan}\n")
    if floor_cases:
        prof = cProfile.Profile()
        prof.enable()
        client.get(api_url(*floor_cases[0]))
        prof.disable()
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(25)
        out.write(f"\ncProfile of {api_url(*floor_cases[0])} (cumulative):\n")
        out.write("\n".join(line for line in s.getvalue().splitlines() if line.strip())[:6000])
    return out.getvalue()


def search_part(
    args: argparse.Namespace,
    *,
    url: str,
    secret: str,
    meta: dict[str, str] | None,
    data_key: str,
    orgs: int,
    t0: float,
) -> None:
    """Generate and index the catalogue unless stored, measure the search, report."""
    from django.db import connection

    reuse = (meta or {}).get("data_key") == data_key

    from kumppani.catalogue.models import Service

    if reuse:
        log(f"Reusing {args.db_name}: {data_key}")
        gen_seconds = float((meta or {}).get("generate_seconds", "nan"))
    else:
        from generate import generate

        log(f"Generating {args.services:,} services, {orgs:,} organisations (seed {args.seed})")
        start = time.perf_counter()
        generate(services=args.services, organisations=orgs, seed=args.seed, progress=log)
        gen_seconds = time.perf_counter() - start
        write_meta({"data_key": data_key, "generate_seconds": f"{gen_seconds:.1f}"})
        log(f"  generated in {gen_seconds:.0f} s")

    index_key = search_code_key()
    index_seconds = float((meta or {}).get("index_seconds", "nan"))
    if (meta or {}).get("index_key") != index_key:
        from kumppani.catalogue.search.index import index_services

        log("Indexing with kumppani.catalogue.search.index.index_services")
        start = time.perf_counter()
        n = index_services(Service.objects.published().order_by("pk"))
        index_seconds = time.perf_counter() - start
        log(f"  indexed {n:,} services in {index_seconds:.0f} s; VACUUM ANALYZE")
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
        write_meta({"index_key": index_key, "index_seconds": f"{index_seconds:.1f}"})
    from kumppani.catalogue.occurrences import occurrences_roll

    start = time.perf_counter()
    added = occurrences_roll()  # the activities' times for the time filters, up to today
    log(f"  {added:,} activity times added in {time.perf_counter() - start:.0f} s")
    log(f"Data ready after {time.perf_counter() - t0:.0f} s")
    if args.prepare_only:
        return

    from measure import cases, measure_api_and_floor, measure_naive
    from queries import MUNICIPALITY_NAMES, QUERIES

    from kumppani.catalogue.models import ServiceLanguage
    from kumppani.organisations.models import Organisation

    counts = {
        "services": Service.objects.count(),
        "visible": Service.objects.published().count(),
        "organisations": Organisation.objects.count(),
        "counties": Organisation.municipalities.through.objects.values("municipality__county")
        .distinct()
        .count(),
        "swedish": ServiceLanguage.objects.filter(code="sv").count(),
    }
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM catalogue_search_service")
        counts["indexed"] = cur.fetchone()[0]
    all_cases = cases(QUERIES)
    load_before = os.getloadavg()[0]
    log(f"Measuring {len(QUERIES)} queries × (unfiltered, municipality) × {args.reps} reps")
    from measure import BUDGET_SECONDS, Samples

    api_error = ""
    try:
        measured = measure_api_and_floor(all_cases, args.reps)
        first, api, floor, build = measured.first, measured.api, measured.floor, measured.build
    except RuntimeError as exc:  # the API is not there yet, or fails
        api_error = str(exc)
        log(f"  search API not measured: {api_error}")
        first, api, floor, build = Samples(), Samples(), Samples(), Samples()
    # Every request: the first of each query and the repeated ones (for the p95 targets).
    every = first.merged(api)
    log(f"  API p50 {api.pct(50, False):.1f} / {api.pct(50, True):.1f} ms")
    log(f"  raw SQL p50 {floor.pct(50, False):.1f} / {floor.pct(50, True):.1f} ms")
    naive = measure_naive(all_cases, args.reps)
    log(f"  naive p50 {naive.pct(50, False):.1f} / {naive.pct(50, True):.1f} ms")

    from http_load import HttpResult, measure_http, server_env
    from measure import api_url

    if args.no_http:
        http = HttpResult(False, "skipped (--no-http)")
    elif api_error:
        http = HttpResult(False, f"skipped: the search API failed in-process ({api_error})")
    else:
        log("HTTP load")
        http = measure_http(
            paths=[api_url(*c) for c in all_cases],
            env=server_env(url, secret),
            seconds=args.duration,
            connections=args.connections,
            progress=log,
        )
        log(f"  {http.rps:.0f} requests/s" if http.ok else f"  {http.message}")

    from report import Target, fmt, ratio

    targets = [
        Target("Search API p95, no filter", every.pct(95, False), 100, "ms"),
        Target("Search API p95, municipality filter", every.pct(95, True), 30, "ms"),
        Target(
            "API p50 (repeated query) / raw SQL floor p50, no filter",
            api.pct(50, False) / floor.pct(50, False),
            1.5,
            "×",
        ),
        Target(
            "API p50 (repeated query) / raw SQL floor p50, municipality filter",
            api.pct(50, True) / floor.pct(50, True),
            1.5,
            "×",
        ),
        Target(
            "HTTP throughput, gunicorn 2 workers", http.rps, 150, "req/s", higher_is_better=True
        ),
    ]
    m = machine()
    load_after = os.getloadavg()[0]
    now = datetime.now(UTC).astimezone()
    command = " ".join(["python bench/run.py", *sys.argv[1:]]) if sys.argv[1:] else "make bench"
    lines = [
        f"Measured {now:%Y-%m-%d %H:%M %Z} with `{command}`.",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), memory {m['memory']}; {m['postgres']}; "
        f"Python {m['python']}. Load average (1 min) {load_before:.1f} before and "
        f"{load_after:.1f} after the measurements (other work on the machine inflates every "
        "absolute figure; the ratios are more robust).",
        f"- Data: {counts['services']:,} services ({counts['visible']:,} visible, "
        f"{counts['indexed']:,} indexed; {counts['swedish']:,} held in Swedish), "
        f"{counts['organisations']:,} organisations in {counts['counties']} counties; seed "
        f"{args.seed}. Generation {fmt(gen_seconds)} s, indexing {fmt(index_seconds)} s "
        "(kept between runs while size and seed are unchanged).",
        f"- Queries: {len(QUERIES)} Finnish and Swedish queries (1–6 words; inflected forms, "
        "compounds, typos), each without a filter and with one municipality ("
        + ", ".join(MUNICIPALITY_NAMES.values())
        + f"); the first request of each query, then up to {args.reps} timed passes over "
        f"the mix (API {api.reps}, raw SQL {floor.reps}, naive {naive.reps} passes: fewer "
        f"when a pass would take over {BUDGET_SECONDS / args.reps:.0f} s; "
        f"{len(all_cases)} samples per pass). Page size 20.",
        "- API: Django test client in-process → `GET /api/v1/services?q=…[&municipality=…]`, "
        "production settings (DEBUG off). Raw SQL: `search_sql(...)` built beforehand, then "
        "executed with a cursor (the floor). The search engine's caches are emptied before "
        "the API's first request of each query (timed on its own: it analyses the query and "
        "chooses the match level, which the floor, built beforehand, never does); in the "
        "timed passes each case's API request and raw SQL run one after the other, taking "
        "turns at going first. The p50 ratio compares these repeated requests with the floor; "
        "the p95 targets count every request, first ones included. Naive: "
        "published services whose fi/sv name or description `icontains` any query word "
        "(ORed), first 20 ids by name. No result cache exists anywhere: each process caches "
        "only word analyses, vocabulary statistics (document frequencies, 60 s), query "
        "analyses (60 s) and, per query, filters and page, the match level chosen and its "
        "capped count (60 s; all emptied by any index write), and the judgement of a query's "
        "best 100 results, so a repeated request runs two statements: the ranked query of "
        "the judged window (the best 100, or the page if further), then the stored result "
        "cards of the page's 20 rows read by primary key (the first request of a query also "
        "looks up its words in the vocabulary and chooses the level: fewer than 20 matches "
        "fall back to the next level, a capped count, folded into the ranked statement when "
        "a filter is set). `search_sql` returns that ranked query, the one the API ran for "
        'its window (the floor leaves out the card read); "Building" is `search_sql` '
        "itself: the analysis and one run of the search that finds that query.",
        "",
        "| in-process latency (ms) | p50 no filter | p95 no filter | p50 municipality "
        "| p95 municipality |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, s in (
        ("Search API, repeated query", api),
        ("Search API, first request of a query", first),
        ("Search API, every request", every),
        ("Raw SQL floor (`search_sql`)", floor),
        ("Building `search_sql` (analysis, vocabulary look-ups)", build),
        ("Naive `icontains` baseline", naive),
    ):
        lines.append(
            f"| {label} | {fmt(s.pct(50, False))} | {fmt(s.pct(95, False))} | "
            f"{fmt(s.pct(50, True))} | {fmt(s.pct(95, True))} |"
        )
    lines += [
        "",
        "| ratio (p50) | no filter | municipality |",
        "|---|---:|---:|",
        f"| API (repeated query) / raw SQL floor | "
        f"{ratio(api.pct(50, False), floor.pct(50, False))} | "
        f"{ratio(api.pct(50, True), floor.pct(50, True))} |",
        f"| API (every request) / raw SQL floor | "
        f"{ratio(every.pct(50, False), floor.pct(50, False))} | "
        f"{ratio(every.pct(50, True), floor.pct(50, True))} |",
        f"| naive / API | {ratio(naive.pct(50, False), api.pct(50, False))} | "
        f"{ratio(naive.pct(50, True), api.pct(50, True))} |",
        "",
    ]
    if http.ok:
        workers = ", ".join(f"{fmt(x)} MB" for x in http.worker_hwm_mb)
        lines += [
            f"HTTP: `{http.command}` (production settings), {http.message} over loopback, "
            f"cycling through all {len(all_cases)} query URLs: **{fmt(http.rps)} requests/s**, "
            f"{http.requests:,} requests, {http.errors} errors; latency p50 {fmt(http.p50_ms)} "
            f"ms, p95 {fmt(http.p95_ms)} ms, p99 {fmt(http.p99_ms)} ms. Peak memory (VmHWM) "
            f"per worker after the load: {workers} (proportional set size, shared pages "
            "split: " + ", ".join(f"{fmt(x)} MB" for x in http.worker_pss_mb) + "); master "
            f"{fmt(http.master_hwm_mb)} MB. gunicorn `--preload`: the master loads the "
            "lemmatizer dictionaries (kumppani/wsgi.py) and the workers share them. "
            "First search of each worker: " + ", ".join(f"{fmt(x)} ms" for x in http.cold_ms) + ".",
        ]
    else:
        lines.append(f"HTTP: not measured: {http.message}")
    lines += ["", "| target | measured | goal | result |", "|---|---:|---:|---|"]
    lines += [t.line() for t in targets]
    table = "\n".join(lines)
    log("\n" + table + "\n")
    for t in targets:
        verdict = "PASS" if t.passed else ("FAIL" if t.measured else "NOT MEASURED")
        log(f"{verdict:>12}  {t.label}: {fmt(t.value)} {t.unit}")

    if args.docs == "yes" or (args.docs == "auto" and args.services >= FULL_SIZE):
        from report import write_doc

        write_doc(ROOT / "docs" / "benchmarks.md", table)
        log("\nWrote docs/benchmarks.md")

    if args.profile or not all(t.passed for t in targets[:4]):
        log("\n== Where the time goes (slowest cases) ==")
        slow = [c for c, _ in api.slowest(2, False) + api.slowest(2, True)]
        slow_sql = [c for c, _ in floor.slowest(1, False) + floor.slowest(1, True)]
        log(profile(api, slow, slow_sql))


# --- Grants -----------------------------------------------------------------------------


def grants_part(args: argparse.Namespace) -> None:
    """Generate two grant rounds, measure the coordinator's pages and the decision
    documents, print the table and write it into docs/benchmarks.md (full size)."""
    from django.core.management import call_command
    from grants_measure import report, run_grants

    # The pages render with production settings: static files from the manifest, as deployed.
    call_command("collectstatic", interactive=False, verbosity=0)
    small = max(5, args.grants // 10)
    log(f"Grants: rounds of {small} and {args.grants} applications (seed {args.seed})")
    load_before = os.getloadavg()[0]
    run = run_grants(
        applications=args.grants,
        small=small,
        seed=args.seed,
        reps=args.grants_reps,
        progress=log,
    )
    m = machine()
    now = datetime.now(UTC).astimezone()
    command = " ".join(["python bench/run.py", *sys.argv[1:]]) if sys.argv[1:] else "make bench"
    lines = [
        f"Measured {now:%Y-%m-%d %H:%M %Z} with `{command}`.",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), memory {m['memory']}; {m['postgres']}; "
        f"Python {m['python']}. Load average (1 min) {load_before:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after.",
        *report(run),
    ]
    table = "\n".join(lines)
    log("\n" + table + "\n")
    if args.docs == "yes" or (args.docs == "auto" and args.grants >= GRANTS_FULL):
        from report import GRANTS_MARKERS, write_doc

        write_doc(
            ROOT / "docs" / "benchmarks.md",
            table,
            markers=GRANTS_MARKERS,
            heading="Grants pages and decision documents (`make bench`)",
        )
        log("Wrote the grants part of docs/benchmarks.md")


# --- Main ---------------------------------------------------------------------------------


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--services", type=int, default=FULL_SIZE)
    p.add_argument(
        "--organisations",
        type=int,
        default=None,
        help="default: 2,000 for the full size, services / 50 (min 200) otherwise",
    )
    p.add_argument("--seed", type=int, default=20261122)
    p.add_argument(
        "--db-name",
        default=None,
        help="default: kumppani_bench, or kumppani_bench_<services> for other sizes",
    )
    p.add_argument("--reps", type=int, default=5, help="timed passes over the query mix")
    p.add_argument("--duration", type=int, default=20, help="seconds of HTTP load")
    p.add_argument("--connections", type=int, default=12)
    p.add_argument("--no-http", action="store_true")
    p.add_argument(
        "--profile",
        action="store_true",
        help="always print the profile (it is printed anyway when a target fails)",
    )
    p.add_argument(
        "--prepare-only",
        action="store_true",
        help="stop once the database is generated and indexed",
    )
    p.add_argument("--regenerate", action="store_true", help="drop and regenerate the data")
    p.add_argument(
        "--only",
        choices=("search", "grants"),
        default=None,
        help="run one part: the catalogue's search, or the grants pages and documents",
    )
    p.add_argument(
        "--grants",
        type=int,
        default=GRANTS_FULL,
        help="applications in the grants part's large round (its small one has a tenth); "
        "0 skips the part",
    )
    p.add_argument("--grants-reps", type=int, default=10, help="timed requests per grants page")
    p.add_argument(
        "--docs",
        choices=("auto", "yes", "no"),
        default="auto",
        help="write docs/benchmarks.md (auto: only for the full size)",
    )
    args = p.parse_args()
    orgs = args.organisations or (
        2000 if args.services >= FULL_SIZE else max(200, args.services // 50)
    )

    if args.db_name is None:
        args.db_name = "kumppani_bench" + (
            "" if args.services == FULL_SIZE else f"_{args.services}"
        )
    base_url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    url = bench_url(base_url, args.db_name)
    secret = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
    # In-process settings as production, but answering the test client's host.
    for k in ("KUMPPANI_TESTING", "DEBUG"):
        os.environ.pop(k, None)
    os.environ.update(
        DATABASE_URL=url,
        SECRET_KEY=secret,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="kumppani.settings",
    )

    from generate import GENERATOR_VERSION

    data_key = f"v{GENERATOR_VERSION}:services={args.services}:orgs={orgs}:seed={args.seed}"
    t0 = time.perf_counter()
    meta = read_meta(url)
    reuse = meta is not None and meta.get("data_key") == data_key and not args.regenerate
    if args.only == "grants":
        # The grants part keeps whatever catalogue the database holds; its rounds are
        # generated anew on every run.
        reuse = meta is not None
    if not reuse:
        log(f"Creating database {args.db_name} (was: {meta.get('data_key') if meta else None})")
        recreate_database(url, args.db_name)
        meta = {}

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    if args.only != "grants":
        search_part(args, url=url, secret=secret, meta=meta, data_key=data_key, orgs=orgs, t0=t0)
    if args.only != "search" and args.grants > 0 and not args.prepare_only:
        grants_part(args)
    log(f"Done in {time.perf_counter() - t0:.0f} s.")


if __name__ == "__main__":
    main()
    # A measurement, not a test: exit 0 even when a target is missed.
    sys.exit(0)
