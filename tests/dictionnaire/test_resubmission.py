"""Breakage 1 of issue 17: after « Demander des modifications » the class fixes its draft and sends it again,
as many times as the moderators ask, from the public side (no 500, one workflow resumed)."""

import html

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from dictionnaire.models import Term, WordRequest, Workshop

pytestmark = pytest.mark.django_db

DRAFT = {
    "word": "Mode avion",
    "category": "materiel",
    "short_definition": "Un bouton du téléphone qui coupe les appels et internet.",
    "full_text": "On le trouve dans les réglages.",
    "definition_synonyms": "",
    "usages": "",
    "danger": "",
    "cool": "",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


def moderator_acts(moderator, term, action, comment):
    admin = Client()
    admin.force_login(moderator)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    url = reverse("wagtailsnippets_dictionnaire_term:workflow_action", args=[term.pk, action, task_state.pk])
    response = admin.post(url, {"comment": comment})
    assert response.status_code in (200, 302), text(response)[:2000]


def pupil_fixes(pupil, term, short_definition):
    page = pupil.get(reverse("dictionnaire:draft_edit", args=[term.pk]))
    assert page.status_code == 200
    base = page.context["form"]["base_revision"].value()
    data = {**DRAFT, "short_definition": short_definition, "base_revision": base}
    response = pupil.post(reverse("dictionnaire:draft_edit", args=[term.pk]), data)
    assert response.status_code == 302, text(response)[:2000]


def test_a_definition_sent_back_twice_is_fixed_and_sent_again_then_approved(
    dictionary_index, teacher, classroom, moderator, word_request
):
    adult = Client()
    adult.force_login(teacher)
    adult.post(reverse("dictionnaire:workshop_open", args=[classroom.pk]))
    pupil = Client()
    pupil.post("/dictionnaire/atelier/", {"code": Workshop.objects.get().code, "nickname": "Inès"})
    pupil.post(reverse("dictionnaire:claim", args=[word_request.pk]))
    assert pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), DRAFT).status_code == 302
    term = Term.objects.get(word="Mode avion")
    submit = reverse("dictionnaire:submit", args=[classroom.pk, term.pk])

    assert adult.post(submit).status_code == 302
    for round_number, fix in enumerate(["Un bouton dans les réglages du téléphone.", "Un bouton qui coupe tout."]):
        moderator_acts(moderator, term, "reject", f"Précisez, tour {round_number}.")
        term.refresh_from_db()
        assert term.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert WordRequest.objects.get().status == WordRequest.Status.CLAIMED

        pupil_fixes(pupil, term, fix)
        response = adult.post(submit, follow=True)
        assert response.status_code == 200
        assert "est envoyé aux modérateurs" in text(response)
        term.refresh_from_db()
        assert term.workflow_in_progress
        assert WordRequest.objects.get().status == WordRequest.Status.IN_MODERATION
        # the same workflow goes on, and the moderator now reviews the fixed text
        assert WorkflowState.objects.count() == 1
        task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
        assert task_state.revision.as_object().short_definition == fix

    # Sending twice while it waits changes nothing.
    response = adult.post(submit, follow=True)
    assert "déjà chez les modérateurs" in text(response)
    assert TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count() == 1

    moderator_acts(moderator, term, "approve", "Parfait.")
    term.refresh_from_db()
    assert term.live and term.short_definition == "Un bouton qui coupe tout."
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    assert "Un bouton qui coupe tout." in text(Client().get("/dictionnaire/mode-avion/"))


def test_another_adult_cannot_send_the_class_word(teacher, other_teacher, classroom, word_request):
    word_request.claim(classroom)
    adult = Client()
    adult.force_login(teacher)
    adult.post(reverse("dictionnaire:draft_new", args=[word_request.pk]) + f"?classe={classroom.pk}", DRAFT)
    term = Term.objects.get(word="Mode avion")
    intruder = Client()
    intruder.force_login(other_teacher)

    response = intruder.post(reverse("dictionnaire:submit", args=[classroom.pk, term.pk]))

    assert response.status_code == 403
    assert not WorkflowState.objects.exists()
