"""Unanswered searches that teach the dictionary: a variant, a wanted word, or ignored — in one click."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dictionnaire.models import WordRequest
from dictionnaire.search.models import UnansweredSearch

from .conftest import make_term


@pytest.fixture
def searches(db):
    today = timezone.localdate()
    UnansweredSearch.objects.create(query="ouifi", day=today, count=3)
    UnansweredSearch.objects.create(query="ouifi", day=today - timedelta(days=1), count=2)
    UnansweredSearch.objects.create(query="zorglub", day=today, count=1)
    UnansweredSearch.objects.create(query="metavers", day=today - timedelta(days=10), count=4)
    return today


@pytest.fixture
def moderating(client, moderator):
    client.force_login(moderator)
    return client


def test_the_report_groups_searches_and_says_dates_as_days(moderating, searches):
    page = moderating.get("/admin/mots-sans-reponse/").content.decode()
    assert "ouifi" in page and re.search(r">\s*5\s*<", page)  # 3 + 2, grouped by folded form
    assert "aujourd&#x27;hui" in page or "aujourd'hui" in page
    assert (searches - timedelta(days=10)).strftime("%d/%m/%Y") in page
    assert "il y a" not in page
    assert "Ajouter comme variante" in page and "Mot à définir" in page and "Ignorer" in page


def test_this_search_meant_that_word(moderating, searches):
    term = make_term("Wi-Fi")
    assert 'href="/dictionnaire/wi-fi/"' not in moderating.get("/dictionnaire/recherche/?q=zorglub").content.decode()
    response = moderating.post(
        "/admin/mots-sans-reponse/action/", {"query": "zorglub", "action": "variant", "word": "wifi"}
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert "zorglub" in term.variants and term.live and not term.has_unpublished_changes
    assert term.revisions.count() == 2  # recorded in the term's history
    assert not UnansweredSearch.objects.filter(query="zorglub").exists()
    found = moderating.get("/dictionnaire/recherche/?q=zorglub").content.decode()
    assert 'href="/dictionnaire/wi-fi/"' in found


def test_a_search_becomes_a_wanted_word_with_its_count(moderating, searches):
    moderating.post("/admin/mots-sans-reponse/action/", {"query": "metavers", "action": "request"})
    assert WordRequest.objects.get(word="metavers").count == 4
    UnansweredSearch.objects.create(query="metavers", count=2)
    moderating.post("/admin/mots-sans-reponse/action/", {"query": "metavers", "action": "request"})
    assert WordRequest.objects.get(word="metavers").count == 6  # merged, not a second request


def test_an_ignored_search_leaves_the_report(moderating, searches):
    moderating.post("/admin/mots-sans-reponse/action/", {"query": "metavers", "action": "ignore"})
    page = moderating.get("/admin/mots-sans-reponse/").content.decode()
    assert 'value="metavers"' not in page and 'value="ouifi"' in page


def test_a_variant_of_an_unknown_word_is_refused_kindly(moderating, searches):
    response = moderating.post(
        "/admin/mots-sans-reponse/action/", {"query": "ouifi", "action": "variant", "word": "inconnu"}, follow=True
    )
    assert "Aucun mot publié ne s’écrit" in response.content.decode() or "Aucun mot publi" in response.content.decode()
    assert UnansweredSearch.objects.filter(query="ouifi").count() == 2


def test_only_moderators_act(client, teacher, searches):
    client.force_login(teacher)
    response = client.post("/admin/mots-sans-reponse/action/", {"query": "metavers", "action": "ignore"})
    assert response.status_code in (302, 403)
    assert "metavers" in UnansweredSearch.objects.values_list("query", flat=True)
    from pilotage.models import IgnoredSearch

    assert not IgnoredSearch.objects.exists()
