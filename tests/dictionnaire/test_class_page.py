"""Issue 17, where the class works: the moderators' comment above a draft sent back, the read-only preview
before sending, the class's workload and the limit on unfinished claims, and claims expiring when read."""

import html
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from dictionnaire.models import Term, WordRequest, Workshop

pytestmark = pytest.mark.django_db

DRAFT = {
    "word": "Mode avion",
    "category": "materiel",
    "short_definition": "Un bouton qui coupe les appels et internet.",
    "full_text": "Il coupe :\n- les appels\n- internet",
    "danger": "Personne ne peut t'appeler.",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def adult(teacher):
    client = Client()
    client.force_login(teacher)
    return client


@pytest.fixture
def pupil(adult, classroom):
    adult.post(reverse("dictionnaire:workshop_open", args=[classroom.pk]))
    client = Client()
    client.post("/dictionnaire/atelier/", {"code": Workshop.objects.get().code, "nickname": "Inès"})
    return client


@pytest.fixture
def draft(pupil, word_request):
    pupil.post(reverse("dictionnaire:claim", args=[word_request.pk]))
    pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), DRAFT)
    return Term.objects.get(word="Mode avion")


def test_a_draft_sent_back_shows_the_moderators_comment_with_its_date_to_the_adult_and_the_pupils(
    adult, pupil, draft, classroom, moderator
):
    adult.post(reverse("dictionnaire:submit", args=[classroom.pk, draft.pk]))
    TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS).specific.reject(
        user=moderator, comment="Dites où se trouve le bouton."
    )
    today = timezone.localdate()

    for page in [
        text(adult.get(classroom.get_absolute_url())),
        text(pupil.get("/dictionnaire/atelier/")),
        text(pupil.get(reverse("dictionnaire:draft_edit", args=[draft.pk]))),
    ]:
        assert "Les modérateurs demandent des modifications" in page
        assert "Dites où se trouve le bouton." in page
        assert str(today.year) in page and str(today.day) in page
    workshop_page = text(pupil.get("/dictionnaire/atelier/"))
    assert workshop_page.index("Dites où se trouve le bouton.") < workshop_page.index("Continuer")


def test_the_adult_reads_the_draft_as_it_will_be_published_and_sends_it_from_there(adult, draft, classroom):
    page = text(adult.get(classroom.get_absolute_url()))
    assert "Relire « Mode avion » et l'envoyer aux modérateurs" in page

    response = adult.get(reverse("dictionnaire:draft_preview", args=[draft.pk]) + f"?classe={classroom.pk}")

    assert response.status_code == 200
    preview = text(response)
    assert "Aperçu : cette version n'est pas publiée." in preview
    assert "<li>les appels</li>" in preview and "Personne ne peut t'appeler." in preview
    assert "<form" in preview and reverse("dictionnaire:submit", args=[classroom.pk, draft.pk]) in preview
    assert "<textarea" not in preview and '<input type="text"' not in preview, "read-only"
    assert Client().get("/dictionnaire/mode-avion/").status_code == 404, "still not public"


def test_pupils_see_their_definition_as_the_grandparents_will_but_cannot_send_it(pupil, draft, classroom):
    response = pupil.get(reverse("dictionnaire:draft_preview", args=[draft.pk]))

    assert response.status_code == 200
    preview = text(response)
    assert "comme les grands-parents la liront" in preview
    assert "Un bouton qui coupe les appels et internet." in preview
    assert reverse("dictionnaire:submit", args=[classroom.pk, draft.pk]) not in preview


def test_nobody_else_previews_a_class_draft(draft, other_teacher, structure, teacher):
    from dictionnaire.models import Classroom

    assert Client().get(reverse("dictionnaire:draft_preview", args=[draft.pk])).status_code == 403
    other = Classroom.objects.create(pseudonym="CM1 Ailleurs", level="CM1", structure=structure, adult=other_teacher)
    intruder = Client()
    intruder.force_login(other_teacher)
    url = reverse("dictionnaire:draft_preview", args=[draft.pk]) + f"?classe={other.pk}"
    assert intruder.get(url).status_code == 403


def test_the_class_page_counts_the_words_the_class_holds(adult, draft, classroom, published_term):
    for word in ["Cookie", "Pare-feu"]:
        WordRequest.ask(word).request.claim(classroom)

    page = text(adult.get(classroom.get_absolute_url()))

    assert "Mots pris sans brouillon : 2 · brouillons : 1 · chez les modérateurs : 0 · publiés : 0" in page


def test_a_class_holds_at_most_five_unfinished_claims(adult, pupil, classroom, settings):
    requests = [WordRequest.ask(word).request for word in ["Un", "Deux", "Trois", "Quatre", "Cinq", "Six"]]
    for item in requests[:5]:
        pupil.post(reverse("dictionnaire:claim", args=[item.pk]))

    response = pupil.post(reverse("dictionnaire:claim", args=[requests[5].pk]), follow=True)

    assert "déjà 5 mots pris sans brouillon" in text(response)
    assert WordRequest.objects.get(pk=requests[5].pk).status == WordRequest.Status.OPEN
    settings.DICTIONNAIRE_MAX_OPEN_CLAIMS = 6
    adult.post(reverse("dictionnaire:claim", args=[requests[5].pk]), {"classe": classroom.pk})
    assert WordRequest.objects.get(pk=requests[5].pk).claimed_by == classroom


def test_an_expired_claim_is_given_back_when_the_wanted_list_is_read(adult, pupil, classroom):
    stale = WordRequest.ask("Chatbot").request
    stale.claim(classroom)
    fresh = WordRequest.ask("Cookie").request
    fresh.claim(classroom)
    WordRequest.objects.filter(pk=stale.pk).update(claimed_at=timezone.now() - timedelta(days=31))

    page = text(pupil.get("/dictionnaire/atelier/"))

    stale.refresh_from_db()
    assert stale.status == WordRequest.Status.OPEN and stale.claimed_by is None
    assert "Prendre « Chatbot »" in page
    assert WordRequest.objects.get(pk=fresh.pk).claimed_by == classroom
