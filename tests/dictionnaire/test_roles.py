"""Each role on each view: anonymous, pupil in a workshop, accompagnateur, another class's adult, moderator."""

import pytest
from django.test import Client
from django.urls import reverse

from dictionnaire.models import Term, WordRequest, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(classroom):
    word_request = WordRequest.ask("Chatbot").request
    word_request.claim(classroom)
    term = Term(
        word="Chatbot", category="internet", short_definition="Un robot qui répond.", classroom=classroom, live=False
    )
    term.save()
    term.save_revision()
    word_request.term = term
    word_request.save()
    return term


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_reads_and_asks_but_cannot_write_or_submit(dictionary_index, published_term, classroom, draft):
    anonymous = Client()

    assert anonymous.get("/dictionnaire/").status_code == 200
    assert anonymous.get("/dictionnaire/wi-fi/").status_code == 200
    assert anonymous.get("/dictionnaire/demander/").status_code == 200
    assert anonymous.get("/dictionnaire/atelier/").status_code == 200  # the join form
    assert anonymous.get(reverse("dictionnaire:draft_edit", args=[published_term.pk])).status_code == 403
    assert anonymous.post(reverse("dictionnaire:claim", args=[draft.requests.get().pk])).status_code == 403
    for url in [
        reverse("dictionnaire:classes"),
        reverse("dictionnaire:classroom", args=[classroom.pk]),
    ]:
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/dictionnaire/connexion/")
    response = anonymous.post(reverse("dictionnaire:submit", args=[classroom.pk, draft.pk]))
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert anonymous.get("/admin/snippets/dictionnaire/term/").status_code == 302
    assert not draft.workflow_in_progress


def test_a_pupil_drafts_for_their_class_only_and_cannot_submit(classroom, teacher, other_teacher, structure, draft):
    from dictionnaire.models import Classroom

    other_class = Classroom.objects.create(
        pseudonym="CM1 Ailleurs", level="CM1", structure=structure, adult=other_teacher
    )
    other_draft = Term(
        word="Forfait", category="internet", short_definition="Un abonnement.", classroom=other_class, live=False
    )
    other_draft.save()
    pupil = Client()
    pupil.post("/dictionnaire/atelier/", {"code": Workshop.open(classroom, teacher).code, "nickname": "Léo"})

    assert pupil.get(reverse("dictionnaire:draft_edit", args=[draft.pk])).status_code == 200
    assert pupil.get(reverse("dictionnaire:draft_edit", args=[other_draft.pk])).status_code == 403
    response = pupil.post(reverse("dictionnaire:submit", args=[classroom.pk, draft.pk]))
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert pupil.get(reverse("dictionnaire:classroom", args=[classroom.pk])).status_code == 302
    assert pupil.get("/admin/").status_code == 302
    draft.refresh_from_db()
    assert not draft.workflow_in_progress


def test_an_adult_manages_their_own_classes_only(teacher, other_teacher, classroom, draft):
    other = logged_in(other_teacher)

    assert other.get(reverse("dictionnaire:classroom", args=[classroom.pk])).status_code == 403
    assert other.post(reverse("dictionnaire:workshop_open", args=[classroom.pk])).status_code == 403
    assert other.post(reverse("dictionnaire:submit", args=[classroom.pk, draft.pk])).status_code == 403
    assert other.get(reverse("dictionnaire:draft_edit", args=[draft.pk]) + f"?classe={classroom.pk}").status_code == 403
    assert not Workshop.objects.exists()

    own = logged_in(teacher)
    assert own.get(reverse("dictionnaire:classroom", args=[classroom.pk])).status_code == 200
    assert own.post(reverse("dictionnaire:workshop_open", args=[classroom.pk])).status_code == 302
    assert Workshop.objects.filter(classroom=classroom).exists()


def test_an_adult_creates_a_class_for_their_structure(teacher, structure):
    adult = logged_in(teacher)

    response = adult.post(reverse("dictionnaire:classes"), {"pseudonym": "CE2 Les Tilleuls 2026", "level": "CM1"})

    assert response.status_code == 302
    assert teacher.classrooms.get().structure == structure


def test_an_adult_cannot_publish_nor_open_the_moderation_queue(teacher, classroom, draft):
    adult = logged_in(teacher)
    adult.post(reverse("dictionnaire:submit", args=[classroom.pk, draft.pk]))
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live

    assert adult.get("/admin/snippets/dictionnaire/term/").status_code in (302, 403)
    from wagtail.models import TaskState

    task_state = TaskState.objects.get(status="in_progress")
    url = reverse("wagtailsnippets_dictionnaire_term:workflow_action", args=[draft.pk, "approve", task_state.pk])
    adult.post(url)
    draft.refresh_from_db()
    assert not draft.live


def test_a_user_without_a_structure_cannot_manage_classes(django_user_model):
    stranger = logged_in(django_user_model.objects.create_user("inconnu", "i@example.org", "un-mot-de-passe-long"))

    assert stranger.get(reverse("dictionnaire:classes")).status_code == 403


def test_moderators_approve_edit_and_see_figures_but_other_users_do_not(moderator, teacher, draft):
    moderating = logged_in(moderator)
    assert moderating.get("/admin/snippets/dictionnaire/term/").status_code == 200
    assert moderating.get(reverse("wagtailsnippets_dictionnaire_term:edit", args=[draft.pk])).status_code == 200
    assert moderating.get(reverse("dictionnaire_figures")).status_code == 200
    assert logged_in(teacher).get(reverse("dictionnaire_figures")).status_code in (302, 403)


def test_the_login_page_answers_and_logs_an_adult_in(teacher):
    client = Client()
    assert client.get("/dictionnaire/connexion/").status_code == 200

    response = client.post("/dictionnaire/connexion/", {"username": "maitresse", "password": "un-mot-de-passe-long"})

    assert response.status_code == 302 and response["Location"] == "/dictionnaire/classes/"
