from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from dictionnaire.models import Category, Term
from dictionnaire.text import RESERVED_SLUGS, sanitise_html

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "dictionnaire" / "data"


def test_search_document_gives_what_the_search_indexes(published_term):
    document = published_term.search_document()

    assert document["term"] == "Wi-Fi"
    assert document["slug"] == "wi-fi"
    assert document["url"] == "/dictionnaire/wi-fi/"
    assert document["variants"] == ["wifi", "wi fi"]
    assert document["synonyms"] == ["wifi de la box"]
    assert document["short_definition"] == "Internet sans fil dans la maison."
    assert "par les airs" in document["full_text"] and "<b>" not in document["full_text"]
    assert "espionné" in document["full_text"] and "famille" in document["full_text"]
    assert "C'est quoi le code du wifi ?" in document["full_text"]
    assert document["category"] == "internet"


def test_publishing_and_unpublishing_send_wagtails_signals(published_term):
    from wagtail.signals import published, unpublished

    seen = []

    def listener(sender, instance, **kwargs):
        seen.append((sender, instance.pk))

    published.connect(listener)
    unpublished.connect(listener)
    try:
        published_term.unpublish()
        published_term.save_revision().publish()
    finally:
        published.disconnect(listener)
        unpublished.disconnect(listener)
    assert seen == [(Term, published_term.pk), (Term, published_term.pk)]


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_no_term_can_take_a_reserved_address(slug):
    term = Term(word="Un mot", slug=slug, category=Category.INTERNET, short_definition="Un mot.")
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "slug" in error.value.message_dict


def test_the_word_recherche_gets_no_term_address(db):
    term = Term(word="Recherche", category=Category.INTERNET, short_definition="Chercher.")
    with pytest.raises(ValidationError):
        term.full_clean()


def test_an_image_needs_its_description(db):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="box", file=get_test_image_file())
    term = Term(word="Box", category=Category.INTERNET, short_definition="La box.", image=image)
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "image_alt" in error.value.message_dict


def test_rich_text_is_sanitised_on_save(db):
    term = Term(
        word="Piège",
        category=Category.SECURITY,
        short_definition="Un piège.",
        full_definition='<p onclick="x()">Bon <script>alert(1)</script><b>gras</b> '
        '<a href="javascript:alert(1)">lien</a><iframe src="https://exemple.fr"></iframe>'
        "<img src=x onerror=alert(1)></p>",
    )
    term.save()
    term.refresh_from_db()

    assert "<script" not in term.full_definition
    assert "onclick" not in term.full_definition and "onerror" not in term.full_definition
    assert "javascript:" not in term.full_definition
    assert "<iframe" not in term.full_definition and "<img" not in term.full_definition
    assert "<b>gras</b>" in term.full_definition


def test_sanitising_keeps_paragraphs_lists_bold_and_links():
    html = '<p>Un <strong>mot</strong></p><ul><li>un</li></ul><ol><li>deux</li></ol><a href="https://exemple.fr">x</a>'
    assert sanitise_html(html) == html.replace(
        'href="https://exemple.fr"', 'href="https://exemple.fr" rel="nofollow noopener"'
    )
