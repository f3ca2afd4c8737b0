"""The A–Z index one letter at a time: a stored first letter, the letters bar, paging, bad addresses."""

import html
import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from dictionnaire import index
from dictionnaire.models import Term
from dictionnaire.text import first_letter, index_letter, index_sort_key

pytestmark = pytest.mark.django_db


def make(*words, category="internet", live=True):
    now = timezone.now()
    return Term.objects.bulk_create(
        Term(
            word=word,
            slug=f"mot-{number}-{category}",
            category=category,
            short_definition=f"La définition de {word}.",
            live=live,
            last_published_at=now if live else None,
        )
        for number, word in enumerate(words)
    )


def words_of(response):
    return [term.word for term in response.context["terms"]]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.mark.parametrize(
    ("word", "letter"),
    [("Émoji", "E"), ("écran", "E"), ("Œil", "O"), ("Ça", "C"), ("4G", "#"), ("@", "#"), ("Ωmega", "#"), (" x", "X")],
)
def test_the_first_letter_is_folded_to_a_capital_from_a_to_z_or_the_other_group(word, letter):
    assert first_letter(word) == letter


@pytest.mark.parametrize(
    ("value", "letter"),
    [("b", "B"), ("B", "B"), ("é", "E"), ("#", "#"), ("0-9", "#"), ("", None), ("bb", None), (None, None)],
)
def test_a_letter_asked_in_the_address_is_read_leniently(value, letter):
    assert index_letter(value) == letter


def test_saving_and_bulk_creating_fill_the_stored_letter_and_sort_key(db):
    created = make("Émoji", "4G")[0]
    created.refresh_from_db()
    assert (created.letter, created.sort_key) == ("E", "emoji")
    created.word = "Zoom"
    created.save(update_fields=["word"])
    created.refresh_from_db()
    assert (created.letter, created.sort_key) == ("Z", index_sort_key("Zoom"))
    assert Term.objects.get(word="4G").letter == "#"


def test_a_letter_shows_only_its_terms_in_index_order_and_the_bar_links_only_letters_with_terms(dictionary_index):
    make("Banane", "Écran", "E-mail", "Émoji", "Boîte", "4G")
    make("Brouillon", live=False, category="securite")

    response = Client().get("/dictionnaire/?lettre=e")

    assert words_of(response) == ["E-mail", "Écran", "Émoji"]
    page = html.unescape(response.content.decode())
    assert '<a href="?lettre=E#de-a-a-z" aria-current="page">E</a>' in page
    assert '<a href="?lettre=B#de-a-a-z">B</a>' in page
    assert '<a href="?lettre=%23#de-a-a-z">#</a>' in page
    assert '<span class="no-term">Z</span>' in page and "?lettre=Z" not in page
    assert "Banane" not in page.split("de-a-a-z")[-1].split("index-columns")[0]
    assert words_of(Client().get("/dictionnaire/?lettre=%23")) == ["4G"]
    assert words_of(Client().get("/dictionnaire/?lettre=b")) == ["Banane", "Boîte"]


def test_the_default_and_a_bad_letter_give_the_first_letter_with_terms(dictionary_index):
    make("Wi-Fi", "Clavier")
    for query in ("", "?lettre=", "?lettre=zz", "?lettre=q", "?lettre=%00", "?lettre=<script>"):
        response = Client().get(f"/dictionnaire/{query}")
        assert response.status_code == 200, query
        assert response.context["current_letter"] == "C", query
        assert words_of(response) == ["Clavier"], query


def test_no_published_term_shows_the_empty_state(dictionary_index):
    make("Brouillon", live=False)
    response = Client().get("/dictionnaire/?lettre=b")
    assert response.status_code == 200 and response.context["terms"] == []
    assert "Aucun mot publié" in html.unescape(response.content.decode())


def test_a_letter_with_many_terms_is_paged_and_a_wrong_page_gives_the_nearest(dictionary_index, monkeypatch):
    monkeypatch.setattr(index, "INDEX_TERMS_PER_PAGE", 3)
    make(*[f"Mot {number}" for number in range(7)], "Autre")

    first = Client().get("/dictionnaire/?lettre=m")
    assert words_of(first) == ["Mot 0", "Mot 1", "Mot 2"]
    assert 'href="?lettre=m&amp;page=2" rel="next"' in first.content.decode()
    assert words_of(Client().get("/dictionnaire/?lettre=m&page=3")) == ["Mot 6"]
    assert words_of(Client().get("/dictionnaire/?lettre=m&page=99")) == ["Mot 6"]
    assert words_of(Client().get("/dictionnaire/?lettre=m&page=abc")) == ["Mot 0", "Mot 1", "Mot 2"]
    assert words_of(Client().get("/dictionnaire/?lettre=m&page=-1")) == ["Mot 0", "Mot 1", "Mot 2"]


def test_category_and_letter_together(dictionary_index):
    make("Mot de passe", "Malware", category="securite")
    make("Modem", "Souris")

    response = Client().get("/dictionnaire/?categorie=securite&lettre=m")
    assert words_of(response) == ["Malware", "Mot de passe"]
    page = response.content.decode()
    assert 'href="?categorie=securite&amp;lettre=M#de-a-a-z" aria-current="page"' in page
    assert '<span class="no-term">S</span>' in page, "no term of this category under S"
    # A letter without terms of the category: its first letter with some.
    assert words_of(Client().get("/dictionnaire/?categorie=internet&lettre=z")) == ["Modem"]


def test_the_whole_page_is_cached_per_letter_and_page(dictionary_index):
    from tests.performance.test_response_cache import rendered_templates

    make("Banane", "Clavier")
    client = Client()
    assert b"Banane" in client.get("/dictionnaire/?lettre=b").content
    assert b"Clavier" in client.get("/dictionnaire/?lettre=c").content
    with rendered_templates() as names:
        b = client.get("/dictionnaire/?lettre=b")
        c = client.get("/dictionnaire/?lettre=c")
    assert names == [], "both served from the response cache"
    assert words_in_list(b) == ["Banane"] and words_in_list(c) == ["Clavier"]
    with rendered_templates() as names:
        client.get("/dictionnaire/?lettre=b&page=2")
    assert "dictionnaire/dictionary_index_page.html" in names, "a page of its own"


def words_in_list(response):
    return re.findall(r'<li><a href="/dictionnaire/[^"/]+/">([^<]+)</a> — ', response.content.decode())


def test_a_term_loaded_raw_from_a_backup_without_the_letter_gets_it(db):
    from django.core import serializers

    record = {"model": "dictionnaire.term", "fields": {"word": "Émoji", "slug": "emoji", "category": "internet"}}
    record["fields"] |= {"short_definition": "Un petit dessin.", "live": True, "created_at": "2026-01-01T00:00:00Z"}
    for loaded in serializers.deserialize("json", json.dumps([record])):
        loaded.save()  # raw: Term.save() is not called
    assert Term.objects.values_list("letter", "sort_key").get(slug="emoji") == ("E", "emoji")
