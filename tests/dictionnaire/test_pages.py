"""Public pages with the 70 demo words: content, query budgets, no JavaScript needed, open data."""

import csv
import html
import io
import json
import re

import pytest
from django.test import Client

from dictionnaire.models import Term, TermStatistic

pytestmark = pytest.mark.django_db

#: Measured budgets (see the README): the index and a term page, with 70 published words.
INDEX_QUERIES = 11
TERM_QUERIES = 6  # includes the link to the boussole's glossary


def text(response):
    return html.unescape(response.content.decode())


def test_the_index_shows_one_letter_of_words_with_the_letters_bar_waiting_and_recent_words(
    dictionary, django_assert_max_num_queries
):
    client = Client()
    rendered = client.get("/dictionnaire/?lettre=e")
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = client.get("/dictionnaire/?lettre=e")  # the whole page from the cache: no template context

    assert response.status_code == 200
    page = text(response)
    bar = [item["letter"] for item in rendered.context["letters"]]
    assert bar == ["#", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    assert "É" not in bar, "Émoji and Écran tactile are under E"
    assert rendered.context["current_letter"] == "E"
    words = [term.word for term in rendered.context["terms"]]
    assert words[:3] == ["E-mail", "Écran tactile", "Émoji"]
    assert all(term.letter == "E" for term in rendered.context["terms"])
    assert 'href="?lettre=E#de-a-a-z" aria-current="page">E</a>' in page
    links = re.findall(r'<li><a href="(/dictionnaire/[^"/]+/)">[^<]+</a> — ', page)
    assert links == [term.url for term in rendered.context["terms"]]
    assert "Mode avion" in page and "6 personnes attendent ce mot" in page
    assert "Derniers mots publiés" in page
    assert "Mode avion" not in words
    # Every published word is on the page of its letter.
    shown = set()
    for item in rendered.context["letters"]:
        if item["count"]:
            shown.update(t.word for t in client.get("/dictionnaire/", {"lettre": item["letter"]}).context["terms"])
    assert shown == {term.word for term in dictionary}


def test_the_index_filters_by_category_with_a_plain_get_form(dictionary):
    response = Client().get("/dictionnaire/?categorie=securite&lettre=m")

    words = [t.word for t in response.context["terms"]]
    assert "Mot de passe" in words and all(t.category == "securite" for t in response.context["terms"])
    assert '<form class="category-filter" method="get"' in response.content.decode()
    assert 'href="?categorie=securite&amp;lettre=M#de-a-a-z" aria-current="page"' in response.content.decode()
    wifi = Client().get("/dictionnaire/?categorie=securite&lettre=w").context["terms"]
    assert "Wi-Fi" not in [t.word for t in wifi]
    assert Client().get("/dictionnaire/?categorie=n-importe-quoi").status_code == 200


def test_a_term_page_shows_the_short_definition_first_and_everything_else(dictionary, django_assert_max_num_queries):
    client = Client()
    client.get("/dictionnaire/wi-fi/")
    with django_assert_max_num_queries(TERM_QUERIES):
        response = client.get("/dictionnaire/wi-fi/")

    assert response.status_code == 200
    page = text(response)
    term = Term.objects.get(slug="wi-fi")
    main = page[page.index('<main id="contenu"') :]
    assert main.index(term.short_definition) < main.index("Pour mieux comprendre")
    for part in ["Ce que je trouve dangereux des fois", "Ce que je trouve cool en même temps", "On dit", "Mots liés"]:
        assert part in page
    assert term.danger in page and term.cool in page
    assert 'itemtype="https://schema.org/DefinedTerm"' in page and 'itemprop="name">Wi-Fi<' in page
    assert "creativecommons.org/licenses/by-sa/4.0" in page
    assert "CC BY-SA 4.0" in page and term.classroom.pseudonym in page
    assert 'href="/dictionnaire/box-internet/"' in page
    assert TermStatistic.views_of(term) == 2


def test_every_dictionary_page_works_without_javascript(dictionary):
    """Core tasks are links and forms; the only script is a static file that adds « Écouter » and « Imprimer »."""
    client = Client()
    for url in [
        "/dictionnaire/",
        "/dictionnaire/qr-code/",
        "/dictionnaire/demander/",
        "/dictionnaire/suivi/",
        "/dictionnaire/atelier/",
        "/dictionnaire/connexion/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
        assert all("src=" in attributes and not body.strip() for attributes, body in scripts), url
        assert " onclick=" not in page and "javascript:" not in page, url
    page = client.get("/dictionnaire/qr-code/").content.decode()
    assert re.search(
        r'<span class="listen" data-listen hidden>\s*<button[^>]*data-listen-target="definition-courte[ "]', page
    ), "hidden until JS"


def test_an_unknown_word_gets_the_friendly_404(dictionary):
    response = Client().get("/dictionnaire/pas-un-mot/")

    assert response.status_code == 404
    assert "Cette page n'existe pas" in text(response)


def test_the_search_address_is_left_to_the_search(dictionary):
    from django.urls import resolve

    with pytest.raises(Exception):  # noqa: B017 - any non-match
        match = resolve("/dictionnaire/recherche/")
        assert match.url_name != "term"
        raise LookupError


def test_json_and_csv_exports_hold_every_published_term_with_the_licence(dictionary):
    client = Client()

    data = json.loads(client.get("/dictionnaire/export/dictionnaire.json").content)
    assert data["licence"] == "CC BY-SA 4.0"
    assert len(data["termes"]) == Term.objects.live().count() == 70
    wifi = next(item for item in data["termes"] if item["slug"] == "wi-fi")
    assert wifi["url"] == "http://testserver/dictionnaire/wi-fi/"
    assert wifi["ce_que_je_trouve_dangereux_des_fois"] and wifi["ce_que_je_trouve_cool_en_meme_temps"]

    response = client.get("/dictionnaire/export/dictionnaire.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 70 and {row["licence"] for row in rows} == {"CC BY-SA 4.0"}
    assert next(row for row in rows if row["slug"] == "wi-fi")["variantes"] == "wifi; wi fi"


def test_the_read_api_gives_one_published_term(dictionary, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(4):
        response = client.get("/api/dictionnaire/termes/mot-de-passe/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["mot"] == "Mot de passe" and data["variantes"] == ["mdp", "password"]
    assert data["licence"] == "CC BY-SA 4.0" and data["mots_lies"]
    missing = client.get("/api/dictionnaire/termes/mode-avion/")
    assert missing.status_code == 404 and "erreur" in missing.json()


def test_figures_per_structure_count_requests_definitions_and_views(dictionary):
    from dictionnaire.admin_views import structure_figures

    Client().get("/dictionnaire/wi-fi/")
    rows = {row["structure"].name: row for row in structure_figures()}

    assert sum(row["published"] for row in rows.values()) == 70
    assert sum(row["written"] for row in rows.values()) == 71, "the draft in moderation is written, not published"
    assert rows["École Saint-Mathieu"]["requests"] == 1, "its class took « Mode avion »"
    assert sum(row["views"] for row in rows.values()) == 1
