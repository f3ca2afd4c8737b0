"""Breakage 4 of issue 17: the pupils' list syntax works right after a sentence, as the help text promises."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from dictionnaire.models import Term
from dictionnaire.richtext import html_to_text, text_to_html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "On le trouve dans les réglages :\n- il coupe le Wi-Fi\n- il coupe le **Bluetooth**",
            "<p>On le trouve dans les réglages :</p><ul><li>il coupe le Wi-Fi</li>"
            "<li>il coupe le <b>Bluetooth</b></li></ul>",
        ),
        ("- un\n- deux\nEt après, une phrase.", "<ul><li>un</li><li>deux</li></ul><p>Et après, une phrase.</p>"),
        (
            "Avant :\r\n– tiret long\r\n• puce de téléphone",
            "<p>Avant :</p><ul><li>tiret long</li><li>puce de téléphone</li></ul>",
        ),
        ("Il fait -5 degrés.\nUne autre ligne.", "<p>Il fait -5 degrés.<br>Une autre ligne.</p>"),
        ("Une phrase.\n\n- seul", "<p>Une phrase.</p><ul><li>seul</li></ul>"),
    ],
)
def test_a_line_starting_with_a_dash_is_a_list_item_wherever_it_is(typed, expected):
    assert text_to_html(typed) == expected


def test_a_definition_with_a_list_reads_back_the_same_in_the_form():
    typed = "On le trouve :\n- ici\n- là\nFin."
    shown = text_to_html(typed)

    assert text_to_html(html_to_text(shown)) == shown


@pytest.mark.django_db
def test_the_pupil_list_is_a_list_in_the_saved_draft(teacher, classroom, word_request):
    word_request.claim(classroom)
    adult = Client()
    adult.force_login(teacher)
    draft = {
        "word": "Mode avion",
        "category": "materiel",
        "short_definition": "Un bouton qui coupe tout.",
        "full_text": "Il coupe :\n- les appels\n- internet",
    }
    adult.post(reverse("dictionnaire:draft_new", args=[word_request.pk]) + f"?classe={classroom.pk}", draft)

    saved = Term.objects.get().get_latest_revision_as_object().full_definition
    assert "<ul><li>les appels</li><li>internet</li></ul>" in saved
    assert "- les appels" not in html.unescape(saved)
