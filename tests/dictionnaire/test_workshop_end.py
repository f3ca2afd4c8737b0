"""Breakage 3 of issue 17: a workshop that closes or expires while a pupil writes does not lose the text."""

import html
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dictionnaire.models import Term, WordRequest, Workshop

pytestmark = pytest.mark.django_db

DRAFT = {
    "word": "Mode avion",
    "category": "materiel",
    "short_definition": "Un bouton du téléphone qui coupe les appels et internet.",
    "full_text": "On le trouve dans les réglages.",
    "usages": "J'ai mis le mode avion.",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def writing_pupil(classroom, teacher, word_request):
    workshop = Workshop.open(classroom, teacher)
    pupil = Client()
    pupil.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Inès"})
    pupil.post(reverse("dictionnaire:claim", args=[word_request.pk]))
    assert pupil.get(reverse("dictionnaire:draft_new", args=[word_request.pk])).status_code == 200
    return pupil


def close_workshop(teacher, classroom):
    adult = Client()
    adult.force_login(teacher)
    adult.post(reverse("dictionnaire:workshop_close", args=[classroom.pk]))


def test_a_draft_sent_after_the_adult_closed_the_workshop_is_kept_for_the_class(
    writing_pupil, teacher, classroom, word_request
):
    close_workshop(teacher, classroom)

    response = writing_pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), DRAFT)

    assert response.status_code == 200
    page = text(response)
    assert "L'atelier est fini" in page and "ton texte est gardé comme brouillon" in page
    term = Term.objects.get(word="Mode avion")
    assert term.classroom == classroom and not term.live
    assert WordRequest.objects.get().term == term
    adult = Client()
    adult.force_login(teacher)
    assert "Mode avion" in text(adult.get(classroom.get_absolute_url()))


def test_an_improvement_sent_after_the_workshop_expired_is_kept(writing_pupil, classroom, published_term):
    form = writing_pupil.get(reverse("dictionnaire:draft_edit", args=[published_term.pk])).context["form"]
    Workshop.objects.update(expires_at=timezone.now() - timedelta(minutes=5))
    data = {**DRAFT, "word": "Wi-Fi", "category": "internet", "base_revision": form["base_revision"].value()}
    data["short_definition"] = "Internet sans fil, par les ondes."

    response = writing_pupil.post(reverse("dictionnaire:draft_edit", args=[published_term.pk]), data)

    assert response.status_code == 200 and "gardé comme brouillon" in text(response)
    published_term.refresh_from_db()
    assert published_term.short_definition == "Internet sans fil dans la maison.", "nothing is published"
    assert published_term.get_latest_revision_as_object().short_definition == "Internet sans fil, par les ondes."


def test_a_text_that_cannot_be_kept_is_shown_back_to_copy(writing_pupil, teacher, classroom, word_request):
    close_workshop(teacher, classroom)
    incomplete = {**DRAFT, "category": "", "danger": "Personne ne peut t'appeler."}

    response = writing_pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), incomplete)

    assert response.status_code == 409
    page = text(response)
    assert "copie-le" in page
    assert "Personne ne peut t'appeler." in page and "Un bouton du téléphone" in page
    assert not Term.objects.exists()


def test_long_after_the_end_or_without_a_workshop_nothing_is_written(writing_pupil, teacher, classroom, word_request):
    close_workshop(teacher, classroom)
    Workshop.objects.update(expires_at=timezone.now() - timedelta(hours=2))

    assert writing_pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), DRAFT).status_code == 403
    assert Client().post(reverse("dictionnaire:draft_new", args=[word_request.pk]), DRAFT).status_code == 403
    assert not Term.objects.exists()


def test_joining_again_then_forgets_the_ended_workshop(writing_pupil, teacher, classroom, word_request):
    close_workshop(teacher, classroom)
    writing_pupil.get("/dictionnaire/atelier/")
    new = Workshop.open(classroom, teacher)
    writing_pupil.post("/dictionnaire/atelier/", {"code": new.code, "nickname": "Inès"})

    response = writing_pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), DRAFT)

    assert response.status_code == 302 and Term.objects.filter(word="Mode avion").exists()
