"""Unit tests of the catalogue search analyzer and query builders (no Django, no ORM)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kumppani.catalogue.search.analyzer import (
    QueryTerm,
    analyze,
    analyze_query,
    fold,
    is_stopword,
    tokenize,
)
from kumppani.catalogue.search.ranking import (
    FIELD_WEIGHTS,
    MAX_TERMS,
    correct_terms,
    fts5_match,
    fts5_rank_tiers,
    limit_terms,
    pg_rank_tiers,
    pg_tsquery,
    weighted_tiers,
)

PG_DSN = os.environ.get("KUMPPANI_SEARCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")

NASTY_INPUTS = [
    "",
    "   ",
    '"',
    "'",
    "\"'\"'",
    "a OR b AND NOT c NEAR(d e)",
    "*",
    "^foo",
    "col:foo",
    "name : x",
    "foo:* & !bar | (baz <-> qux)",
    "((((",
    "))))",
    "\\",
    "\x00nul",
    "emoji 🙂👍🏽 ryhmä",
    "ä ö å Ä Ö Å ß æ ø",
    "日本語のテキスト",
    "ryhmä" * 2000,
    "sana " * 2000,
    "x" * 10_000,
    "ja ja ja och och",
    "-- ; DROP TABLE doc; --",
    "%_%",
]


def query_terms(q: str, lang: str | None = "fi") -> set[str]:
    return {t.term for t in analyze_query(q, lang)}


def matches(query: str, text: str, lang: str | None = "fi") -> bool:
    """Return True when the query shares a term with the analyzed text."""
    return bool(query_terms(query, lang) & set(analyze(text, lang)))


# --- Normalisation ------------------------------------------------------------------------


def test_fold_removes_finnish_and_swedish_diacritics() -> None:
    assert fold("Seinäjoki Östersund Åland") == "seinajoki ostersund aland"


def test_tokenize_splits_on_hyphens_and_punctuation() -> None:
    assert tokenize("Ruoka-apu, Long covid -ryhmä!") == ["ruoka", "apu", "long", "covid", "ryhmä"]


def test_index_terms_are_plain_ascii_words() -> None:
    terms = analyze("Vertaistukiryhmässämme jaamme kokemuksia – tervetuloa! 🙂 Kamratstödsgruppen")
    assert terms
    assert all(t.isascii() and t.isalnum() and t == t.lower() for t in terms)


def test_stopwords_are_dropped_from_index_and_query() -> None:
    assert is_stopword("ja") and is_stopword("för") and is_stopword("tarvitsee")
    assert "ja" not in analyze("omaiset ja läheiset")
    assert analyze_query("ja tai och för efter") == []


def test_empty_query_has_no_terms() -> None:
    assert analyze_query("") == []
    assert fts5_match([]) == ""
    assert pg_tsquery([]) == ""


# --- Lemmas, compounds, typos -------------------------------------------------------------


def test_missing_diacritics_match_place_name() -> None:
    assert matches("seinajoki", "Toimimme Seinäjoella ja Seinäjoen seudulla")
    assert matches("seinajoki", "Seinäjoki")


def test_inflected_forms_match_base_form() -> None:
    assert matches("ruokakassi", "Jaamme ruokakasseja torstaisin")
    assert matches("velka", "Autamme, kun velkasi ovat kasvaneet")


def test_compound_part_finds_compound() -> None:
    assert matches("ryhmä", "Kokoonnumme vertaistukiryhmässä kerran kuussa")


def test_compound_prefix_run_finds_longer_compound() -> None:
    assert matches("vertaistuki", "Omaishoitajien vertaistukiryhmä")


def test_finnish_s_modifier_is_lemmatised_to_nen_form() -> None:
    assert "omainen" in analyze("omaishoitajien")
    assert matches("omaiset", "Omaishoitajien vertaisryhmä")


def test_swedish_compound_with_linking_s_is_split() -> None:
    terms = set(analyze("Kamratstödsgruppen träffas", "sv"))
    assert {"kamratstod", "grupp"} <= terms


def test_known_short_words_are_not_cut_into_noise() -> None:
    assert analyze("kotona", "fi") == ["kotona"]


def test_typo_is_corrected_against_index_vocabulary() -> None:
    vocabulary = set(analyze("Omaishoitajien vertaistukiryhmä"))
    terms = correct_terms(analyze_query("vertaistukryhmä"), vocabulary)
    corrections = [t for t in terms if t.kind == "correction"]
    assert "vertaistukiryhma" in {t.term for t in corrections}
    assert all(t.weight < 1.0 for t in corrections)


def test_correction_uses_batch_lookup_callable() -> None:
    vocabulary = set(analyze("Omaishoitajien vertaistukiryhmä"))
    calls: list[int] = []

    def lookup(cands: object) -> set[str]:
        found = {c for c in cands if c in vocabulary}
        calls.append(1)
        return found

    terms = correct_terms(analyze_query("vertaistukryhmä"), lookup)
    assert "vertaistukiryhma" in {t.term for t in terms}
    assert len(calls) <= 2


def test_known_word_is_not_corrected() -> None:
    vocabulary = set(analyze("syöpä syy"))
    terms = correct_terms(analyze_query("syöpä"), vocabulary)
    assert not [t for t in terms if t.kind == "correction"]


def test_unknown_long_word_gets_prefix_term() -> None:
    terms = analyze_query("vertaistukryhmä")
    assert any(t.prefix for t in terms)


# --- Thesaurus ----------------------------------------------------------------------------


def test_thesaurus_expands_lay_word_at_lower_weight() -> None:
    terms = {t.term: t for t in analyze_query("perheväkivalta")}
    assert "lahisuhdevakivalta" in terms
    assert terms["lahisuhdevakivalta"].kind == "synonym"
    assert terms["lahisuhdevakivalta"].weight < terms["perhevakivalta"].weight


def test_thesaurus_bridges_finnish_and_swedish() -> None:
    assert "narstaendevardare" in query_terms("omaishoitaja")
    assert "syopa" in query_terms("cancer", "sv")
    assert "aldre" in query_terms("vanhus")


def test_thesaurus_matches_two_word_phrase() -> None:
    assert "covid" in query_terms("pitkittynyt korona")
    assert "omaishoitaja" in query_terms("puolisoa kotona hoitava")


# --- Query builders -----------------------------------------------------------------------


def test_query_terms_are_bounded() -> None:
    q = " ".join(["vanhus", "syöpä", "velka", "masennus", "yksinäinen", "nuori", "perhe"] * 3)
    assert len(limit_terms(analyze_query(q))) <= MAX_TERMS
    assert fts5_match(analyze_query(q)).count(" OR ") < MAX_TERMS


def test_every_query_word_keeps_a_term_when_terms_are_limited() -> None:
    q = "vanhus syöpä velka masennus yksinäinen nuori perhe tanssi"
    kept = limit_terms(analyze_query(q))
    assert {t.source for t in kept} == set(range(8))


def test_tiers_are_bounded_and_heaviest_first() -> None:
    tiers = weighted_tiers(analyze_query("ylivilkas lapsi vanhemmille vertaistukea"))
    assert 1 <= len(tiers) <= 4
    weights = [w for w, _ in tiers]
    assert weights == sorted(weights, reverse=True)


def test_hand_made_unsafe_terms_are_dropped() -> None:
    terms = [QueryTerm('a" OR b'), QueryTerm("x' | y"), QueryTerm("ok")]
    assert fts5_match(terms) == '"ok"'
    assert pg_tsquery(terms) == "'ok'"


def test_field_weights_are_ordered_a_to_d() -> None:
    labels = [w.pg_label for w in FIELD_WEIGHTS.values()]
    bm25 = [w.bm25 for w in FIELD_WEIGHTS.values()]
    assert labels == ["A", "B", "C", "D"]
    assert bm25 == sorted(bm25, reverse=True)


# --- Safety against any user input --------------------------------------------------------


@pytest.fixture(scope="module")
def fts_db() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    cols = ", ".join(FIELD_WEIGHTS)
    db.execute(f"CREATE VIRTUAL TABLE doc USING fts5({cols}, prefix='7')")
    db.execute(
        "INSERT INTO doc VALUES (?, ?, ?, ?)",
        (
            " ".join(analyze("Omaishoitajien vertaistukiryhmä")),
            "",
            " ".join(analyze("Kokoonnumme Seinäjoella, ryhmä on avoin kaikille.")),
            "",
        ),
    )
    yield db
    db.close()


def run_fts(db: sqlite3.Connection, q: str) -> None:
    terms = analyze_query(q)
    match = fts5_match(terms)
    if match:
        db.execute("SELECT rowid, bm25(doc) FROM doc WHERE doc MATCH ?", (match,)).fetchall()
    for _, tier in fts5_rank_tiers(terms):
        db.execute("SELECT rowid FROM doc WHERE doc MATCH ?", (tier,)).fetchall()


@pytest.mark.parametrize("q", NASTY_INPUTS)
def test_fts5_match_never_errors_on_nasty_input(fts_db: sqlite3.Connection, q: str) -> None:
    run_fts(fts_db, q)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(q=st.text(max_size=300))
def test_fts5_match_never_errors_on_random_text(q: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(body)")
    db.execute("INSERT INTO doc VALUES ('ryhma vertaistuki')")
    match = fts5_match(analyze_query(q))
    if match:
        db.execute("SELECT rowid FROM doc WHERE doc MATCH ?", (match,)).fetchall()


@pytest.fixture(scope="module")
def pg_conn() -> Iterator[object]:
    psycopg = pytest.importorskip("psycopg")
    try:
        conn = psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not reachable")
    yield conn
    conn.close()


def run_pg(conn: object, q: str) -> None:
    terms = analyze_query(q)
    tsquery = pg_tsquery(terms)
    tsv = " ".join(analyze("Omaishoitajien vertaistukiryhmä Seinäjoella"))
    conn.execute(
        "SELECT to_tsvector('simple', %s) @@ to_tsquery('simple', %s)", (tsv, tsquery)
    ).fetchone()
    for _, tier in pg_rank_tiers(terms):
        conn.execute(
            "SELECT ts_rank(to_tsvector('simple', %s), to_tsquery('simple', %s))", (tsv, tier)
        ).fetchone()


@pytest.mark.parametrize("q", NASTY_INPUTS)
def test_pg_tsquery_never_errors_on_nasty_input(pg_conn: object, q: str) -> None:
    run_pg(pg_conn, q)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(q=st.text(max_size=300))
def test_pg_tsquery_never_errors_on_random_text(pg_conn: object, q: str) -> None:
    run_pg(pg_conn, q)
