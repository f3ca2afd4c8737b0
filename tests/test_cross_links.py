"""A word explained in both the dictionary and the boussole's glossary links both ways."""

import pytest

from boussole.models import GlossaryEntry
from dictionnaire.models import Term

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("word", ["ENT", "Pronote"])
def test_glossary_and_dictionary_link_to_each_other(client, demo_site, word):
    entry = GlossaryEntry.objects.get(term=word, live=True)
    term = Term.objects.live().get(word=word)

    glossary_html = client.get(entry.get_absolute_url()).content.decode()
    term_html = client.get(term.get_absolute_url()).content.decode()

    assert f'href="{term.get_absolute_url()}"' in glossary_html
    assert f'href="{entry.get_absolute_url()}"' in term_html


def test_a_glossary_word_unknown_to_the_dictionary_has_no_dictionary_link(client, demo_site):
    entry = GlossaryEntry.objects.get(term="LAEP", live=True)
    assert not Term.objects.filter(word__iexact="LAEP").exists()

    html = client.get(entry.get_absolute_url()).content.decode()

    assert "/dictionnaire/" not in html.split('id="contenu"', 1)[1].split("</main>", 1)[0]


def test_an_unpublished_dictionary_word_is_not_linked(client, demo_site):
    term = Term.objects.live().get(word="Pronote")
    term.unpublish()
    entry = GlossaryEntry.objects.get(term="Pronote", live=True)

    html = client.get(entry.get_absolute_url()).content.decode()

    assert f'href="{term.get_absolute_url()}"' not in html
