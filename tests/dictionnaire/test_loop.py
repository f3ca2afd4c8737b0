"""The whole loop: a senior asks → a class claims and drafts in a workshop → the adult submits →
a moderator approves in Wagtail's admin → the definition is public and the senior finds it."""

import html
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState

from dictionnaire.models import RequestSubmission, Term, WordRequest, Workshop

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


DRAFT = {
    "word": "Mode avion",
    "category": "materiel",
    "short_definition": "Un bouton du téléphone qui coupe les appels et internet, comme dans un avion.",
    "full_text": "On le trouve dans les réglages.\n\n- il coupe le Wi-Fi\n- il coupe le **Bluetooth**",
    "definition_synonyms": "mode hors ligne",
    "usages": "J'ai mis mon téléphone en mode avion.",
    "danger": "Personne ne peut t'appeler, même pour une urgence.",
    "cool": "Ça économise la batterie.",
}


def test_a_word_asked_by_a_senior_is_written_by_a_class_approved_and_found(
    dictionary_index, teacher, classroom, moderator
):
    # A senior asks for the word, with an e-mail to be told.
    senior = Client()
    response = senior.post(
        "/dictionnaire/demander/",
        {"word": "mode avion", "context": "vu dans les réglages", "email": "papi@example.org"},
    )
    assert response.status_code == 302
    code = RequestSubmission.objects.get().tracking_code
    assert response["Location"] == f"/dictionnaire/suivi/{code}/"
    assert "en attente d'une classe" in text(senior.get(response["Location"]))

    # The adult opens a workshop; a pupil joins with the code and a first name only.
    adult = Client()
    adult.force_login(teacher)
    adult.post(reverse("dictionnaire:workshop_open", args=[classroom.pk]))
    workshop = Workshop.objects.get(classroom=classroom)
    assert workshop.code in text(adult.get(classroom.get_absolute_url()))
    pupil = Client()
    response = pupil.post("/dictionnaire/atelier/", {"code": workshop.code.lower(), "nickname": "Inès"})
    assert response.status_code == 302
    page = text(pupil.get("/dictionnaire/atelier/"))
    assert "Bonjour Inès" in page and "mode avion" in page

    # The class claims the word and writes its draft.
    word_request = WordRequest.objects.get()
    pupil.post(reverse("dictionnaire:claim", args=[word_request.pk]))
    word_request.refresh_from_db()
    assert word_request.claimed_by == classroom
    response = pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), DRAFT)
    assert response.status_code == 302, response.content.decode()
    term = Term.objects.get(word="Mode avion")
    assert not term.live
    assert "<li>il coupe le <b>Bluetooth</b></li>" in term.get_latest_revision_as_object().full_definition

    # Nothing is public before approval.
    assert senior.get("/dictionnaire/mode-avion/").status_code == 404
    index = senior.get("/dictionnaire/")
    assert index.status_code == 200 and "/dictionnaire/mode-avion/" not in text(index)

    # The adult submits it; the moderators are told.
    mail.outbox.clear()
    response = adult.post(reverse("dictionnaire:submit", args=[classroom.pk, term.pk]))
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.workflow_in_progress
    assert any(moderator.email in message.to for message in mail.outbox)
    word_request.refresh_from_db()
    assert word_request.status == WordRequest.Status.IN_MODERATION

    # The moderator approves it in Wagtail's admin.
    mail.outbox.clear()
    admin = Client()
    admin.force_login(moderator)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    url = reverse("wagtailsnippets_dictionnaire_term:workflow_action", args=[term.pk, "approve", task_state.pk])
    response = admin.post(url, {"comment": "Très clair, bravo."})
    assert response.status_code in (200, 302), response.content.decode()[:3000]
    term.refresh_from_db()
    assert term.live, response.content.decode()[:3000] and not term.workflow_in_progress

    # The definition is public, the senior finds it on the index and the term page, and is told by e-mail.
    page = text(senior.get("/dictionnaire/mode-avion/"))
    assert "Un bouton du téléphone qui coupe les appels" in page
    assert "CM2 Test 2026" in page and "Inès" not in page
    index = text(senior.get("/dictionnaire/"))
    assert 'href="/dictionnaire/mode-avion/"' in index
    assert re.search(r"papi@example\.org", " ".join(" ".join(m.to) for m in mail.outbox))
    assert any(teacher.email in message.to and "publié" in message.subject for message in mail.outbox)
    assert RequestSubmission.objects.get().email == "", "the e-mail is deleted once the senior is told"
    status_page = text(senior.get(f"/dictionnaire/suivi/{code}/"))
    assert "publié" in status_page and "/dictionnaire/mode-avion/" in status_page


def test_a_moderator_sends_a_draft_back_with_a_reason_and_the_class_is_told(
    client, teacher, classroom, moderator, word_request
):
    word_request.claim(classroom)
    adult = Client()
    adult.force_login(teacher)
    adult.post(reverse("dictionnaire:draft_new", args=[word_request.pk]) + f"?classe={classroom.pk}", DRAFT)
    term = Term.objects.get(word="Mode avion")
    adult.post(reverse("dictionnaire:submit", args=[classroom.pk, term.pk]))
    mail.outbox.clear()

    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    task_state.specific.reject(user=moderator, comment="Expliquez où se trouve le bouton.")

    term.refresh_from_db()
    assert not term.live and not term.workflow_in_progress
    message = next(m for m in mail.outbox if teacher.email in m.to and "retravailler" in m.subject)
    assert "Expliquez où se trouve le bouton." in message.body
    # The class can work on it again.
    assert Client().get("/dictionnaire/mode-avion/").status_code == 404
    page = text(adult.get(classroom.get_absolute_url()))
    assert "Continuer" in page
