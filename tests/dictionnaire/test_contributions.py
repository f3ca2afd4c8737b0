"""A class improves a word another class wrote: its adult submits it and hears the answer."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState

from dictionnaire.models import Classroom, Contribution, Term, Workshop

pytestmark = pytest.mark.django_db


def test_a_class_improving_a_published_word_submits_it_and_is_told(published_term, other_teacher, structure, moderator):
    improving = Classroom.objects.create(pseudonym="6e Améliore", level="6e", structure=structure, adult=other_teacher)
    pupil = Client()
    pupil.post("/dictionnaire/atelier/", {"code": Workshop.open(improving, other_teacher).code, "nickname": "Sam"})
    response = pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        {
            "word": published_term.word,
            "category": published_term.category,
            "short_definition": "Internet sans fil, envoyé par la box.",
            "danger": published_term.danger,
            "cool": published_term.cool,
            "base_revision": published_term.latest_revision_id,
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.classroom == improving and contribution.adult is None
    assert contribution.revision_id == Term.objects.get(pk=published_term.pk).latest_revision_id

    adult = Client()
    adult.force_login(other_teacher)
    page = adult.get(improving.get_absolute_url()).content.decode()
    assert "Wi-Fi" in page, "the improvement is in the improving class's list"
    adult.post(reverse("dictionnaire:submit", args=[improving.pk, published_term.pk]))
    mail.outbox.clear()
    TaskState.objects.get(status="in_progress").specific.approve(user=moderator)

    published_term.refresh_from_db()
    assert published_term.short_definition == "Internet sans fil, envoyé par la box."
    assert any(other_teacher.email in message.to and "publié" in message.subject for message in mail.outbox)


def test_adults_hear_of_requests_that_speak_of_their_interests(teacher, structure):
    structure.interests = "banque; CAF"
    structure.save()

    Client().post("/dictionnaire/demander/", {"word": "Virement", "context": "sur le site de ma banque"})
    Client().post("/dictionnaire/demander/", {"word": "Podcast", "context": "à la radio"})

    assert len(mail.outbox) == 1 and "Virement" in mail.outbox[0].subject
