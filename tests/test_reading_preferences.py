"""Text size and contrast: chosen with plain links (no JavaScript), kept in the functional cookie ``preferences``,
and applied by the server as classes on <html>."""

import re

import pytest

from portail.demo import ensure_home_page
from portail.preferences import ReadingPreferences

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return ensure_home_page()[0]


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_choosing_a_larger_text_is_remembered_and_brings_the_reader_back(client, site):
    response = client.get("/preferences/", {"texte": "grand", "next": "/dictionnaire/demander/?mot=wifi"})

    assert response.status_code == 302
    assert response["Location"] == "/dictionnaire/demander/?mot=wifi"
    cookie = response.cookies["preferences"]
    assert cookie.value == "texte-grand"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert html_tag(client.get("/dictionnaire/demander/")) == '<html lang="fr" dir="ltr" class="texte-grand">'

    client.get("/preferences/", {"contraste": "fort", "next": "/"})
    assert 'class="texte-grand contraste-fort"' in html_tag(client.get("/en/dictionnaire/demander/"))

    client.get("/preferences/", {"texte": "normal", "contraste": "normal", "next": "/"})
    assert client.cookies["preferences"].value == ""
    assert html_tag(client.get("/dictionnaire/demander/")) == '<html lang="fr" dir="ltr">'


def test_the_header_offers_each_choice_with_the_current_one_marked(client, site):
    client.cookies["preferences"] = "texte-tres-grand"
    html = client.get("/dictionnaire/demander/").content.decode()

    nav = re.search(r'<nav class="reading-preferences".*?</nav>', html, re.S).group(0)
    assert 'href="/preferences/?texte=grand&amp;next=%2Fdictionnaire%2Fdemander%2F"' in nav
    assert re.search(r'texte=tres-grand[^"]*" rel="nofollow" aria-current="true">Très grand<', nav)
    assert re.search(r'contraste=normal[^"]*" rel="nofollow" aria-current="true">Normal<', nav)
    assert nav.count('aria-current="true"') == 2


@pytest.mark.parametrize(
    "next_url", ["https://ailleurs.example/", "//ailleurs.example/", "javascript:alert(1)", "", "/\\ailleurs.example"]
)
def test_the_way_back_never_leaves_the_site(client, site, next_url):
    response = client.get("/preferences/", {"texte": "grand", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_tampered_cookie_or_unknown_choice_changes_nothing_and_never_fails(client, site):
    client.cookies["preferences"] = '"><script>alert(1)</script>.contraste-fort'
    assert html_tag(client.get("/dictionnaire/demander/")) == '<html lang="fr" dir="ltr" class="contraste-fort">'

    response = client.get("/preferences/", {"texte": "énorme", "contraste": ["fort", "x"], "next": "/"})
    assert response.status_code == 302
    assert response.cookies["preferences"].value == "contraste-fort"


def test_preferences_parse_only_known_classes():
    assert ReadingPreferences.from_cookie("texte-grand.contraste-fort.autre").html_classes == (
        "texte-grand contraste-fort"
    )
    assert ReadingPreferences.from_cookie(None) == ReadingPreferences()
    assert ReadingPreferences().with_choices({"texte": "tres-grand"}).cookie_value == "texte-tres-grand"
