"""Defined words linked wherever they appear: fiches and fuller definitions, first occurrence, accessible pattern."""

import re
import time

import pytest
from django.test import Client

from dictionnaire.models import Term
from fiches.models import ExperiencePage
from portail.autolink import Matcher

pytestmark = pytest.mark.django_db

ENTRIES = {
    "internet": ("/dictionnaire/internet/", "Le grand réseau."),
    "smartphone": ("/dictionnaire/smartphone/", "Un téléphone <malin>."),
    "e-mail": ("/dictionnaire/e-mail/", "Un courrier."),
    "mot de passe": ("/dictionnaire/mot-de-passe/", "Un secret."),
    "wifi": ("/dictionnaire/wi-fi/", "Sans fil."),
}


def links(markup):
    return re.findall(r'<a class="defined-word" href="([^"]+)"[^>]*>([^<]+)</a>', str(markup))


def test_the_first_whole_word_outside_headings_links_and_buttons_is_linked():
    matcher = Matcher(ENTRIES)
    markup = (
        "<h2>Internet et smartphone</h2><p>L&#x27;internetique, <a href='/x/'>internet</a>, <button>e-mail</button>"
        " des e-mails ; l'Internet puis internet, un smartphone, des smartphones.</p><p>Le mot de\npasse, le wifi.</p>"
    )
    linked = matcher.link(markup)
    assert links(linked) == [
        ("/dictionnaire/e-mail/", "e-mails"),  # a French plural is the same word
        ("/dictionnaire/internet/", "Internet"),
        ("/dictionnaire/smartphone/", "smartphone"),
        ("/dictionnaire/mot-de-passe/", "mot de\npasse"),
        ("/dictionnaire/wi-fi/", "wifi"),
    ]
    assert linked.startswith("<h2>Internet et smartphone</h2>")
    assert "<button>e-mail</button>" in linked and "<a href='/x/'>internet</a>" in linked
    # The short definition is the link's description, escaped, in a tooltip shown by CSS.
    assert (
        'aria-describedby="mot-defini-smartphone">smartphone</a><span class="defined-word__tip" role="tooltip"'
        ' id="mot-defini-smartphone">Un téléphone &lt;malin&gt;.</span>'
    ) in linked


def test_the_fiche_emmaus_connect_links_smartphone_to_its_definition(demo_site):
    fiche = ExperiencePage.objects.get(title="Emmaüs Connect")
    content = Client().get(fiche.url).content.decode()
    body = content.split('id="fiche-texte"', 1)[1].split("</div>\n    <section", 1)[0]
    found = links(body)
    assert [word.lower().rstrip("s") for url, word in found if url == "/dictionnaire/smartphone/"] == ["smartphone"]
    assert len(found) == len({url for url, _word in found}), "each word once per page"
    assert not re.search(r"<h[1-6][^>]*>[^<]*<a class=\"defined-word\"", content)


def test_an_editor_can_switch_it_off_and_a_new_word_shows_at_once(demo_site):
    fiche = ExperiencePage.objects.get(title="Emmaüs Connect")
    client = Client()
    assert "/dictionnaire/smartphone/" in client.get(fiche.url).content.decode()

    fiche.link_defined_words = False
    fiche.save_revision().publish()
    assert 'class="defined-word"' not in client.get(fiche.url).content.decode()

    fiche.link_defined_words = True
    fiche.save_revision().publish()
    client.get(fiche.url)  # kept
    term = Term.objects.get(slug="smartphone")
    term.unpublish()
    assert "/dictionnaire/smartphone/" not in client.get(fiche.url).content.decode()


def test_a_fuller_definition_links_other_words_but_not_its_own(demo_site):
    term = Term.objects.live().exclude(full_definition="").first()
    page = Client().get(term.url).content.decode()
    definition = page.split('class="rich-text" lang="fr">', 1)[1].split("</div>", 1)[0]
    assert term.url not in [url for url, _word in links(definition)]


def test_ten_thousand_terms_compile_once_and_link_a_long_fiche_quickly():
    entries = {f"mot{n}x{n % 97}": (f"/dictionnaire/mot-{n}/", "Une définition.") for n in range(10_000)}
    entries.update(ENTRIES)
    started = time.process_time()
    matcher = Matcher(entries)
    build = time.process_time() - started
    fiche = "<p>Un smartphone, internet, un mot de passe, des mots simples pour tout le monde.</p>" * 200
    started = time.process_time()
    linked = matcher.link(fiche)
    assert time.process_time() - started < 0.2
    assert build < 2
    assert len(links(linked)) == 3
