"""Matches and related results: a result holds most of the query's meaning, or is shown apart."""

from __future__ import annotations

import pytest
from django.test import Client

from kumppani.catalogue.demo_data import seed_catalogue_demo
from kumppani.catalogue.search.analyzer import QueryTerm
from kumppani.catalogue.search.filters import SearchFilters
from kumppani.catalogue.search.query import search_services
from kumppani.catalogue.search.relevance import _Concept, _letters, _related, match_quality
from kumppani.catalogue.search.spelling import rewrite


@pytest.fixture
def demo(db: None) -> None:
    seed_catalogue_demo([])


def _main_list(html: str) -> str:
    """The search page's list of matches (what comes before the related ones)."""
    return html.split('class="result-list service-results"', 1)[1].split("related-results")[0]


@pytest.mark.usefixtures("demo")
def test_support_group_for_relatives_in_vasa_does_not_list_the_gym(client: Client) -> None:
    response = client.get("/sv/services/", {"q": "stödgrupp för anhöriga", "municipality": "905"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gymgrupp för äldre" not in _main_list(html)
    result = search_services(
        q="stödgrupp för anhöriga", filters=SearchFilters(municipality="905"), language="sv"
    )
    names = [s.name_sv for s in result.items]
    assert not any(name.startswith("Gymgrupp för äldre") for name in names)
    assert result.total == len(names) < 5


@pytest.mark.usefixtures("demo")
def test_a_typo_offers_the_corrected_query(client: Client) -> None:
    result = search_services(q="vertasituki", filters=SearchFilters(), language="fi")
    assert result.did_you_mean == "vertaistuki"
    html = client.get("/fi/services/", {"q": "vertasituki"}).content.decode()
    assert 'class="did-you-mean"' in html
    assert "q=vertaistuki" in html


@pytest.mark.usefixtures("demo")
def test_no_correction_is_offered_when_every_word_is_known(client: Client) -> None:
    # "stödgrupp" is not in the demo catalogue, but it is a Swedish word, and its parts
    # ("stöd", "grupp") are; "för" is a function word and "anhöriga" is indexed.
    for municipality in ("905", ""):
        result = search_services(
            q="stödgrupp för anhöriga",
            filters=SearchFilters(municipality=municipality or None),
            language="sv",
        )
        assert result.did_you_mean == ""
    html = client.get("/sv/services/", {"q": "stödgrupp för anhöriga"}).content.decode()
    assert 'class="did-you-mean"' not in html
    body = client.get("/api/hsds/services", {"search": "stödgrupp för anhöriga"}).json()
    assert body["x_did_you_mean"] is None


@pytest.mark.usefixtures("demo")
def test_a_correction_replaces_only_the_unknown_word_in_its_written_spelling() -> None:
    # The other words stay as typed (ä/ö, capitals); the correction is spelt as the indexed
    # texts write it ("stödperson"), not in the folded form of the index ("stodperson").
    result = search_services(q="Stödpersn för unga", filters=SearchFilters(), language="sv")
    assert result.did_you_mean == "stödperson för unga"
    result = search_services(q="vertasituki yhdessä", filters=SearchFilters(), language="fi")
    assert result.did_you_mean == "vertaistuki yhdessä"


def test_rewrite_keeps_everything_but_the_replaced_words() -> None:
    words = ("vertasituki", "läheisille")
    assert rewrite("Vertasituki  läheisille!", words, {0: "vertaistuki"}) == (
        "vertaistuki läheisille!"
    )
    assert rewrite("stödgrupp för Anhöriga", ("stödgrupp", "anhöriga"), {1: "anhörig"}) == (
        "stödgrupp för anhörig"
    )


@pytest.mark.usefixtures("demo")
def test_only_related_results_are_said_so_and_shown_apart(client: Client) -> None:
    # Both words occur in the catalogue, never in the same activity.
    result = search_services(q="kuntosali muistikahvila", filters=SearchFilters(), language="fi")
    assert result.items == []
    assert result.related_items
    assert result.weak_only
    assert result.match_quality == "related_only"
    html = client.get("/fi/services/", {"q": "kuntosali muistikahvila"}).content.decode()
    assert 'id="related-results-heading"' in html


@pytest.mark.usefixtures("demo")
def test_the_hsds_api_flags_matches_and_lists_related_apart(client: Client) -> None:
    body = client.get("/api/hsds/services", {"search": "kuntosali muistikahvila"}).json()
    assert body["contents"] == []
    assert body["x_match_quality"] == "related_only"
    assert body["x_related_contents"]
    assert {item["x_match"] for item in body["x_related_contents"]} == {"related"}
    body = client.get("/api/hsds/services", {"search": "vertasituki"}).json()
    assert body["x_did_you_mean"] == "vertaistuki"
    assert body["contents"]
    assert {item["x_match"] for item in body["contents"]} == {"match"}
    assert body["total_items"] == len(body["contents"])


@pytest.mark.usefixtures("demo")
def test_the_service_api_lists_related_apart(client: Client) -> None:
    body = client.get("/api/v1/services", {"q": "kuntosali muistikahvila"}).json()
    assert body["items"] == []
    assert body["match_quality"] == "related_only"
    assert body["related"]


def test_compound_parts_count_by_the_share_of_the_word_they_cover() -> None:
    assert _letters("vertaistukiryhma", ["vertaistuki", "ryhma"]) == 1.0
    assert _letters("vertaistukiryhma", ["ryhma"]) == pytest.approx(5 / 16)


def test_a_synonym_of_a_compound_part_does_not_count_as_the_word() -> None:
    terms = [
        QueryTerm("perhevakivalta", 1.0, "word", 0),
        QueryTerm("perhe", 0.6, "part", 0),
        QueryTerm("vakivalta", 0.6, "part", 0),
        QueryTerm("familj", 0.5, "synonym", 0),
        QueryTerm("vald", 0.5, "synonym", 0),
    ]
    concept = _Concept("perhevakivalta", terms, 1.0, whole={"vald"})
    assert concept.held({"vald": 0}) > 0.8
    assert concept.held({"familj": 0}) < 0.5
    assert concept.held({"perhevakivalta": 3}) < concept.held({"perhevakivalta": 0})


def test_match_quality_words() -> None:
    assert match_quality(True, True) == "matches"
    assert match_quality(False, True) == "related_only"
    assert match_quality(False, False) == "none"


def test_a_synonym_much_commoner_than_the_word_counts_less() -> None:
    terms = [
        QueryTerm("kela", 1.0, "word", 0),
        QueryTerm("tuki", 0.5, "synonym", 0),
        QueryTerm("blankett", 0.5, "synonym", 0),
    ]
    whole = {"tuki", "blankett"}
    concept = _Concept("kela", terms, 3.0, whole, specificity={"tuki": 0.3, "blankett": 1.0})
    assert concept.held({"blankett": 0}) == pytest.approx(0.85)
    assert concept.held({"tuki": 0}) < 0.5 * concept.held({"blankett": 0})


def test_an_inflected_compound_is_held_whole_by_its_parts() -> None:
    terms = [
        QueryTerm("vauvaperhe", 1.0, "word", 0),
        QueryTerm("vauvaperheille", 1.0, "word", 0),
        QueryTerm("vauva", 0.6, "part", 0),
        QueryTerm("perhe", 0.6, "part", 0),
    ]
    concept = _Concept("vauvaperheille", terms, 1.0, whole=set())
    assert concept.held({"vauva": 0, "perhe": 0}) == pytest.approx(0.9)
    assert concept.held({"perhe": 0}) < 0.3


def test_related_results_come_by_their_share_of_the_query_and_less_by_rank() -> None:
    # Ranked 1, 2, 3: the first repeats one word of the query, the second holds most of it.
    evidence = {1: (0.1, 0.9), 2: (0.6, 0.2), 3: (0.3, 0.3)}
    assert _related([1, 2, 3], evidence) == [2, 1, 3]
    assert _related([1, 2], {1: (0.4, 0.5), 2: (0.4, 0.5)}) == [1, 2]
