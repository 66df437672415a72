"""Evaluate the catalogue search analyzer on the public search dev set, on two backends.

Index ``services_fi.json`` + ``services_sv.json`` with ``kumppani.catalogue.search`` into an
SQLite FTS5 table (bm25 column weights) and a PostgreSQL table with a weighted tsvector and a
GIN index (ts_rank with A>B>C>D), run every query of ``queries.json`` (with the municipality
filter of the dev-set README) and print recall@10 and nDCG@10 per backend, split by language
and by filter, and the overlap of the two backends' top-10 lists.

Run from the repository root::

    python bench/search_devset_eval.py [--pg postgresql://postgres@127.0.0.1:5432/postgres]
        [--dataset /work/shared/search-dev-set] [--verbose] [--no-pg]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kumppani.catalogue.search.analyzer import QueryTerm, analyze, analyze_query
from kumppani.catalogue.search.ranking import (
    FIELD_WEIGHTS,
    PG_RANK_NORMALIZATION,
    PG_WEIGHTS,
    bm25_idf,
    correct_terms,
    fts5_match,
    fts5_rank_tiers,
    pg_rank_tiers,
)

DEFAULT_DATASET = Path("/work/shared/search-dev-set")
DEFAULT_MUNICIPALITIES = Path("/work/shared/reference/fi-admin/municipalities.csv")
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
FIELDS = list(FIELD_WEIGHTS)
TOP_K = 10

Service = dict[str, Any]


# --- Metrics (as defined in the dev-set README) -----------------------------------------


def ndcg10(ranked_ids: list[str], relevant: dict[str, int]) -> float:
    """Return nDCG@10 with linear gains."""
    dcg = sum(relevant.get(sid, 0) / math.log2(i + 2) for i, sid in enumerate(ranked_ids[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    return dcg / sum(g / math.log2(i + 2) for i, g in enumerate(ideal))


def recall10(ranked_ids: list[str], relevant: dict[str, int]) -> float:
    """Return recall@10 over services with grade >= 1."""
    return len(set(ranked_ids[:10]) & set(relevant)) / len(relevant)


# --- Documents ----------------------------------------------------------------------------


def load_municipalities(path: Path) -> dict[str, dict[str, str]]:
    """Map municipality code -> {"fi": name_fi, "sv": name_sv}."""
    with path.open(encoding="utf-8") as fh:
        return {r["code"]: {"fi": r["name_fi"], "sv": r["name_sv"]} for r in csv.DictReader(fh)}


def service_lang(service: Service) -> str | None:
    """Return the language of the service text (first ``languages`` entry)."""
    langs = service.get("languages") or []
    return langs[0].get("code") if langs else None


def service_fields(service: Service, names_by_name: dict[str, set[str]]) -> dict[str, str]:
    """Return the analyzed text of each weight class of one service."""
    lang = service_lang(service)
    org = service.get("organization") or {}
    taxonomy = [
        t.get("name", "")
        for attr in service.get("attributes") or []
        for t in [attr.get("taxonomy_term") or {}]
    ]
    areas: list[str] = []
    for area in service.get("service_areas") or []:
        # Both national names, so that "vaasa" finds a service whose area is "Vasa".
        areas.extend(sorted(names_by_name.get(area.get("name", ""), {area.get("name", "")})))
    raw = {
        "name": service.get("name") or "",
        "summary": " ".join(filter(None, [service.get("alternate_name"), service.get("summary")])),
        "description": service.get("description") or "",
        "extra": " ".join([*taxonomy, org.get("name") or "", org.get("description") or ""]),
    }
    fields = {k: " ".join(analyze(v, lang)) for k, v in raw.items()}
    # Place names are analysed without a language: they are proper names in both.
    fields["extra"] = " ".join([fields["extra"], *analyze(" ".join(areas))])
    return fields


def service_codes(service: Service, code_by_name: dict[str, str]) -> set[str]:
    """Return the municipality codes of a service's areas (Finnish or Swedish name)."""
    return {
        code_by_name[a["name"]]
        for a in service.get("service_areas") or []
        if a["name"] in code_by_name
    }


# --- SQLite FTS5 ------------------------------------------------------------------------


class SqliteBackend:
    """FTS5 index with one column per weight class and bm25 column weights."""

    name = "sqlite-fts5"

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:")
        cols = ", ".join(FIELDS)
        self.db.execute(f"CREATE VIRTUAL TABLE doc USING fts5({cols}, prefix='7')")
        self.db.execute("CREATE VIRTUAL TABLE doc_vocab USING fts5vocab(doc, 'row')")
        self.db.execute("CREATE TABLE area (rowid_ INTEGER, code TEXT)")
        self.db.execute("CREATE INDEX area_code ON area (code, rowid_)")
        self.ids: list[str] = []
        self.bm25 = ", ".join(str(FIELD_WEIGHTS[f].bm25) for f in FIELDS)

    def index(self, docs: list[tuple[str, dict[str, str], set[str]]]) -> None:
        for rowid, (sid, fields, codes) in enumerate(docs, start=1):
            self.ids.append(sid)
            self.db.execute(
                f"INSERT INTO doc (rowid, {', '.join(FIELDS)}) VALUES (?, ?, ?, ?, ?)",
                (rowid, *(fields[f] for f in FIELDS)),
            )
            self.db.executemany(
                "INSERT INTO area VALUES (?, ?)", [(rowid, c) for c in sorted(codes)]
            )
        self.db.commit()

    def vocabulary(self, candidates: Iterable[str]) -> set[str]:
        cands = list(candidates)
        found: set[str] = set()
        for i in range(0, len(cands), 500):
            chunk = cands[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT term FROM doc_vocab WHERE term IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def search(self, terms: list[QueryTerm], municipality: str | None) -> list[str]:
        tiers = fts5_rank_tiers(terms)
        if not tiers:
            return []
        where_area = (
            " AND rowid IN (SELECT rowid_ FROM area WHERE code = ?)" if municipality else ""
        )
        subqueries = []
        params: list[Any] = []
        for weight, match in tiers:
            subqueries.append(
                f"SELECT rowid AS r, -bm25(doc, {self.bm25}) * ? AS s FROM doc "
                f"WHERE doc MATCH ?{where_area}"
            )
            params.extend([weight, match])
            if municipality:
                params.append(municipality)
        sql = (
            f"SELECT r, SUM(s) AS score FROM ({' UNION ALL '.join(subqueries)}) "
            f"GROUP BY r ORDER BY score DESC, r LIMIT {TOP_K}"
        )
        return [self.ids[r - 1] for r, _ in self.db.execute(sql, params)]


# --- PostgreSQL -------------------------------------------------------------------------


class PostgresBackend:
    """Weighted tsvector + GIN index in a scratch schema, ranked with ts_rank."""

    name = "postgres-tsvector"

    def __init__(self, dsn: str) -> None:
        import psycopg

        self.conn = psycopg.connect(dsn, autocommit=True)
        self.schema = f"search_eval_{uuid.uuid4().hex[:8]}"
        self.conn.execute(f"CREATE SCHEMA {self.schema}")
        self.conn.execute(f"SET search_path TO {self.schema}")
        self.conn.execute(
            "CREATE TABLE doc (id text PRIMARY KEY, tsv tsvector NOT NULL, "
            "municipalities text[] NOT NULL)"
        )
        self.conn.execute("CREATE TABLE vocab (term text PRIMARY KEY, ndoc integer NOT NULL)")
        self.df: dict[str, int] = {}
        self.n_docs = 0

    def close(self) -> None:
        self.conn.execute(f"DROP SCHEMA {self.schema} CASCADE")
        self.conn.close()

    def index(self, docs: list[tuple[str, dict[str, str], set[str]]]) -> None:
        tsv = " || ".join(
            f"setweight(to_tsvector('simple', %s), '{FIELD_WEIGHTS[f].pg_label}')" for f in FIELDS
        )
        with self.conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO doc VALUES (%s, {tsv}, %s)",
                [(sid, *(fields[f] for f in FIELDS), sorted(codes)) for sid, fields, codes in docs],
            )
        self.conn.execute("CREATE INDEX doc_tsv ON doc USING gin (tsv)")
        self.conn.execute("CREATE INDEX doc_mun ON doc USING gin (municipalities)")
        self.conn.execute("INSERT INTO vocab SELECT word, ndoc FROM ts_stat('SELECT tsv FROM doc')")
        self.conn.execute("ANALYZE doc")
        self.n_docs = self.conn.execute("SELECT count(*) FROM doc").fetchone()[0]

    def vocabulary(self, candidates: Iterable[str]) -> set[str]:
        rows = self.conn.execute(
            "SELECT term, ndoc FROM vocab WHERE term = ANY(%s)", (list(candidates),)
        ).fetchall()
        # Remember document frequencies for the idf of the rank (one lookup per query).
        self.df.update(dict(rows))
        return {r[0] for r in rows}

    def idf(self, term: QueryTerm) -> float:
        if term.prefix:
            # A prefix matches several terms: estimate its df from the vocabulary (the analyzer
            # only emits [a-z0-9], so the LIKE pattern needs no escaping).
            row = self.conn.execute(
                "SELECT coalesce(sum(ndoc), 0) FROM vocab WHERE term LIKE %s", (term.term + "%",)
            ).fetchone()
            return bm25_idf(min(self.n_docs, row[0]), self.n_docs)
        return bm25_idf(self.df.get(term.term, 0), self.n_docs) if term.term in self.df else 0.0

    def search(self, terms: list[QueryTerm], municipality: str | None) -> list[str]:
        self.vocabulary(t.term for t in terms if not t.prefix)
        tiers = pg_rank_tiers(terms, self.idf)
        if not tiers:
            return []
        rank = " + ".join(
            f"%s * ts_rank('{PG_WEIGHTS}', tsv, to_tsquery('simple', %s), {PG_RANK_NORMALIZATION})"
            for _ in tiers
        )
        params: list[Any] = [x for w, q in tiers for x in (w, q)]
        sql = f"SELECT id, {rank} AS score FROM doc WHERE tsv @@ to_tsquery('simple', %s)"
        params.append(" | ".join(f"({q})" for _, q in tiers))
        if municipality:
            sql += " AND municipalities @> ARRAY[%s]::text[]"
            params.append(municipality)
        sql += f" ORDER BY score DESC, id LIMIT {TOP_K}"
        return [r[0] for r in self.conn.execute(sql, params).fetchall()]


# --- Evaluation -------------------------------------------------------------------------


def evaluate(
    backend: Any, queries: list[dict[str, Any]], docs_by_id: dict[str, Service], verbose: bool
) -> dict[str, list[str]]:
    """Run every query on ``backend``; print the metrics; return the ranked ids per query."""
    results: dict[str, list[str]] = {}
    per_query: list[tuple[dict[str, Any], float, float]] = []
    timings: list[float] = []
    for q in queries:
        start = time.perf_counter()
        terms = analyze_query(q["q"], q.get("lang"))
        terms = correct_terms(terms, backend.vocabulary)
        ranked = backend.search(terms, q.get("municipality"))
        timings.append((time.perf_counter() - start) * 1000)
        results[q["id"]] = ranked
        r, n = recall10(ranked, q["relevant"]), ndcg10(ranked, q["relevant"])
        per_query.append((q, r, n))
        if verbose and (r < 1 or n < 0.9):
            print(f"  {q['id']} {q['q']!r} mun={q.get('municipality')} R={r:.2f} nDCG={n:.3f}")
            print(f"     terms: {fts5_match(terms)}")
            for i, sid in enumerate(ranked):
                grade = q["relevant"].get(sid, 0)
                print(f"     {i + 1:2} [{grade}] {docs_by_id[sid]['name']}")
            missing = [s for s in q["relevant"] if s not in ranked]
            for sid in missing:
                print(f"     -- [{q['relevant'][sid]}] {docs_by_id[sid]['name']}")

    def report(label: str, pick: Callable[[dict[str, Any]], bool]) -> None:
        rows = [(r, n) for q, r, n in per_query if pick(q)]
        if not rows:
            return
        rec = statistics.fmean(r for r, _ in rows)
        nd = statistics.fmean(n for _, n in rows)
        print(f"  {label:<12} n={len(rows):>3}  recall@10={rec:.3f}  nDCG@10={nd:.3f}")

    print(f"{backend.name}:")
    report("all", lambda q: True)
    report("fi", lambda q: q.get("lang") == "fi")
    report("sv", lambda q: q.get("lang") == "sv")
    report("filtered", lambda q: q.get("municipality") is not None)
    report("unfiltered", lambda q: q.get("municipality") is None)
    timings.sort()
    print(
        f"  query time incl. analysis: median {statistics.median(timings):.1f} ms, "
        f"max {timings[-1]:.1f} ms"
    )
    return results


def overlap(a: dict[str, list[str]], b: dict[str, list[str]]) -> None:
    """Print the mean overlap of the two backends' top-10 lists."""
    sets = []
    same_first = 0
    for qid in a:
        x, y = a[qid][:TOP_K], b[qid][:TOP_K]
        denom = max(len(x), len(y)) or 1
        sets.append(len(set(x) & set(y)) / denom)
        same_first += bool(x and y and x[0] == y[0])
    print(
        f"top-10 overlap sqlite vs postgres: mean {statistics.fmean(sets):.3f}, "
        f"min {min(sets):.3f}; same top-1 in {same_first}/{len(a)} queries"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--municipalities", type=Path, default=DEFAULT_MUNICIPALITIES)
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL backend")
    parser.add_argument("--verbose", "-v", action="store_true", help="show imperfect queries")
    args = parser.parse_args()

    services: list[Service] = []
    for name in ("services_fi.json", "services_sv.json"):
        services.extend(json.loads((args.dataset / name).read_text(encoding="utf-8")))
    queries = json.loads((args.dataset / "queries.json").read_text(encoding="utf-8"))
    municipalities = load_municipalities(args.municipalities)
    code_by_name: dict[str, str] = {}
    names_by_name: dict[str, set[str]] = {}
    for code, names in municipalities.items():
        for n in names.values():
            code_by_name[n] = code
            names_by_name[n] = set(names.values())

    start = time.perf_counter()
    docs = [
        (s["id"], service_fields(s, names_by_name), service_codes(s, code_by_name))
        for s in services
    ]
    print(
        f"analyzed {len(docs)} services in {time.perf_counter() - start:.2f} s "
        f"(includes loading the simplemma dictionaries)"
    )
    docs_by_id = {s["id"]: s for s in services}

    sqlite_backend = SqliteBackend()
    sqlite_backend.index(docs)
    res_sqlite = evaluate(sqlite_backend, queries, docs_by_id, args.verbose)
    if args.no_pg:
        return
    pg_backend = PostgresBackend(args.pg)
    try:
        pg_backend.index(docs)
        res_pg = evaluate(pg_backend, queries, docs_by_id, args.verbose)
    finally:
        pg_backend.close()
    overlap(res_sqlite, res_pg)


if __name__ == "__main__":
    main()
