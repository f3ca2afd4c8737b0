"""The search over the real demo terms of ``load_demo_data``: descriptions, and the index following publication."""

from pathlib import Path

import pytest
from django.core.management import call_command

from dictionnaire.models import Term
from dictionnaire.search.backends import get_backend
from dictionnaire.search.evaluation import evaluate, load_cases
from dictionnaire.search.models import SearchDocument

RELEVANCE = Path(__file__).parent / "relevance"

pytestmark = pytest.mark.django_db


def ranked(query, limit=3):
    return [result.slug for result in get_backend().search(query, limit=limit).results]


def test_publishing_the_demo_indexed_every_published_term(demo_terms):
    live = set(Term.objects.live().values_list("slug", flat=True))

    assert len(live) >= 70
    assert set(SearchDocument.objects.values_list("slug", flat=True)) == live


def test_indexed_url_is_the_term_page(demo_terms, client):
    result = get_backend().search("ouifi").results[0]

    assert result.url == "/dictionnaire/wi-fi/"
    assert client.get(result.url).status_code == 200
    assert result.short_definition == Term.objects.get(slug="wi-fi").short_definition


def test_descriptive_queries_find_the_word_in_the_top_three(demo_terms):
    report = evaluate(ranked, load_cases(RELEVANCE / "descriptive.tsv"))

    assert report.top3_rate >= 0.70, report.misses


def test_spelling_queries_still_hit_the_targets_on_real_definitions(demo_terms):
    report = evaluate(ranked, load_cases(RELEVANCE / "spelling.tsv"))

    assert report.top1_rate >= 0.96, report.misses
    assert report.top3_rate >= 0.99, report.misses


def test_the_issue_descriptions_find_their_word(demo_terms):
    assert "qr-code" in ranked("le petit carré noir et blanc à scanner")
    assert "hameconnage" in ranked("faux mail de la banque qui demande mon code")
    assert "visioconference" in ranked("appeler ses petits-enfants en vidéo")


def test_a_description_ranks_below_a_typed_word(demo_terms):
    results = get_backend().search("souris").results

    assert results[0].slug == "souris"
    assert all(result.score < results[0].score for result in results[1:])


def test_unpublishing_a_term_removes_it_and_publishing_brings_it_back(demo_terms):
    term = Term.objects.get(slug="pronote")
    term.unpublish()
    assert "pronote" not in ranked("pronot")

    term.save_revision().publish()
    assert ranked("pronot")[0] == "pronote"


def test_a_draft_never_reaches_the_index(demo_terms):
    draft = Term.objects.filter(live=False).first()
    if draft is None:
        draft = Term.objects.create(word="Mode veille", slug="mode-veille", short_definition="Brouillon.", live=False)
    draft.save_revision()

    assert not SearchDocument.objects.filter(slug=draft.slug).exists()


def test_published_improvement_updates_the_index(demo_terms):
    term = Term.objects.get(slug="souris")
    term.variants = "mulot informatique"
    term.save_revision().publish()

    assert ranked("mulot informatique")[0] == "souris"


def test_rebuild_command_indexes_the_published_terms(demo_terms):
    SearchDocument.objects.all().delete()

    call_command("rebuild_dictionary_index", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert SearchDocument.objects.count() == Term.objects.live().count()
    assert ranked("kiou ar code")[0] == "qr-code"


def test_a_term_published_while_another_language_is_active_keeps_its_french_address(demo_terms):
    from django.utils import translation

    term = Term.objects.get(slug="clavier")
    with translation.override("en"):
        term.save_revision().publish()

    assert get_backend().search("clavier").results[0].url == "/dictionnaire/clavier/"
