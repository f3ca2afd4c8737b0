"""Relevance on the configured engine (embedded on SQLite, PostgreSQL on PostgreSQL), against the issue's targets.

The spelling set runs on the 70 words of the shipped vocabulary; each query is what a senior types for a word.
"""

from pathlib import Path

import pytest

from dictionnaire.search.evaluation import evaluate, load_cases

RELEVANCE = Path(__file__).parent / "relevance"
SPELLING = load_cases(RELEVANCE / "spelling.tsv")
DESCRIPTIVE = load_cases(RELEVANCE / "descriptive.tsv")

pytestmark = pytest.mark.django_db


def test_the_relevance_sets_are_large_enough():
    assert len(SPELLING) >= 150
    assert len(DESCRIPTIVE) >= 40


def test_spelling_queries_find_the_word_meant(search):
    report = evaluate(lambda query: [result.slug for result in search(query, limit=3).results], SPELLING)

    assert report.top1_rate >= 0.96, report.misses
    assert report.top3_rate >= 0.99, report.misses


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("ouifi", "wi-fi"),
        ("kiou ar code", "qr-code"),
        ("smartfone", "smartphone"),
        ("pronot", "pronote"),
        ("telecharger", "telecharger"),
        ("mots de passe", "mot-de-passe"),
        ("courriel", "e-mail"),
        ("le truc pour payer sans contact", "paiement-sans-contact"),
        ("navigateur internet", "navigateur"),
        ("you tube", "youtube"),
    ],
)
def test_the_issue_examples_come_first(search, query, slug):
    assert search(query).results[0].slug == slug


def test_exact_word_ranks_above_fuzzy_neighbours(search):
    results = search("Internet").results

    assert results[0].slug == "internet"
    assert results[0].score == 1.0
    assert all(result.score < 1.0 for result in results[1:])


def test_a_variant_scores_just_below_the_term_itself(search):
    term = search("Application").results[0]
    variant = search("appli").results[0]
    synonym = search("courriel").results[0]

    assert term.slug == variant.slug == "application"
    assert term.score > variant.score >= 0.96
    assert synonym.slug == "e-mail"
    assert variant.score > synonym.score


def test_a_corrected_query_says_what_it_understood(search):
    response = search("ouifi")

    assert response.did_you_mean == "Wi-Fi"
    assert search("Wi-Fi").did_you_mean is None


def test_nonsense_finds_nothing_well(search):
    response = search("zzkwxq")

    assert not response.found_well


def test_prefix_suggests_the_word_being_typed(search):
    assert search("smartp", limit=3).results[0].slug == "smartphone"
    assert search("visioc", limit=3).results[0].slug == "visioconference"


def test_limit_is_respected(search):
    assert len(search("e", limit=2).results) <= 2
