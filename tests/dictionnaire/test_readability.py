"""Issue 17: plain-language hints for pupils (never a grade) from textstat's French figures."""

import html

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from dictionnaire import readability
from dictionnaire.models import Term, Workshop

LONG = (
    "Le mode avion est un bouton du téléphone qui coupe les appels et internet, comme dans un avion, "
    "et on le trouve dans les réglages quand on voyage très longtemps loin de chez soi."
)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_an_easy_text_reads_easier_than_a_hard_one():
    easy = "Le chat dort. Il a chaud. Il est bien sur le lit de papi."
    hard = (
        "L'authentification multifactorielle nécessite systématiquement l'utilisation simultanée "
        "d'identifiants complémentaires indépendamment de l'infrastructure."
    )
    assert readability.reading_ease(easy) > readability.reading_ease(hard)
    assert readability.reading_ease("Trop court.") is None


@pytest.mark.django_db
def test_hints_name_the_long_sentence_and_the_long_words_kindly():
    tips = readability.hints({"short_definition": LONG, "danger": "Une authentification incontestablement utile."})

    assert any("Cette phrase est longue (34 mots)" in tip and "Tu peux la couper" in tip for tip in tips)
    assert any("authentification" in tip and "incontestablement" in tip for tip in tips)
    assert not any("/100" in tip or "facile" in tip for tip in tips), "never a grade"
    assert readability.hints({"short_definition": "Un bouton qui coupe tout."}) == []


@pytest.mark.django_db
def test_words_already_in_the_dictionary_are_suggested_for_linking(published_term):
    tips = readability.hints({"short_definition": "Le mode avion coupe aussi le wifi de la maison."}, "Mode avion")

    assert any("déjà expliqués dans le dictionnaire : Wi-Fi" in tip for tip in tips)
    assert readability.linkable_words("Le Wi-Fi marche.", own_word="Wi-Fi") == []


@pytest.mark.django_db
def test_the_pupil_sees_the_hints_on_the_form_and_the_preview(teacher, classroom, word_request):
    adult = Client()
    adult.force_login(teacher)
    adult.post(reverse("dictionnaire:workshop_open", args=[classroom.pk]))
    pupil = Client()
    pupil.post("/dictionnaire/atelier/", {"code": Workshop.objects.get().code, "nickname": "Inès"})
    pupil.post(reverse("dictionnaire:claim", args=[word_request.pk]))
    draft = {"word": "Mode avion", "category": "materiel", "short_definition": LONG}
    pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), draft)
    term = Term.objects.get()

    for url in [
        reverse("dictionnaire:draft_edit", args=[term.pk]),
        reverse("dictionnaire:draft_preview", args=[term.pk]),
    ]:
        page = html.unescape(pupil.get(url).content.decode())
        assert "Des idées pour que les grands-parents comprennent bien" in page
        assert "Cette phrase est longue" in page
    adult_preview = adult.get(reverse("dictionnaire:draft_preview", args=[term.pk]) + f"?classe={classroom.pk}")
    assert "Cette phrase est longue" not in adult_preview.content.decode()
