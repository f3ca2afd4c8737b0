import html
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dictionnaire.models import Classroom, Pupil, Term, WordRequest, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


def join(workshop, nickname="Léo"):
    pupil = Client()
    response = pupil.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": nickname})
    assert response.status_code == 302, text(response)
    return pupil


def test_the_pupil_model_holds_no_personal_data():
    names = {field.name for field in Pupil._meta.get_fields()}

    assert names == {"id", "workshop", "nickname", "joined_at"}
    for forbidden in ["email", "password", "last_name", "first_name", "birth_date", "address", "phone"]:
        assert forbidden not in names


def test_a_workshop_gives_a_short_code_that_expires_after_three_hours(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)

    assert len(workshop.code) == 6 and workshop.code.isalnum()
    assert workshop.expires_at - workshop.opened_at == timedelta(hours=3)
    assert Workshop.find_open(workshop.code.lower()) == workshop
    Workshop.objects.filter(pk=workshop.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Workshop.find_open(workshop.code) is None


def test_a_pupil_joins_with_the_code_and_a_nickname_only(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)
    pupil = join(workshop, "Inès")

    page = text(pupil.get("/dictionnaire/atelier/"))
    assert "Bonjour Inès" in page and classroom.pseudonym in page
    # a pupil is spoken to with « tu », never « vous »
    assert "Choisis un mot, écris sa définition" in page and "Choisissez" not in page
    # the session outlives the workshop by the hour a pupil still writing gets to save (issue 17)
    assert pupil.session.get_expiry_date() <= workshop.expires_at + timedelta(hours=1, seconds=1)


def test_a_wrong_code_or_a_full_name_is_refused_with_a_message(classroom, teacher):
    Workshop.open(classroom, teacher)

    response = Client().post("/dictionnaire/atelier/", {"code": "AAAAAA", "nickname": "Léo"})
    assert "Ce code ne marche pas" in text(response)
    assert "Ton enseignant ou ton animateur te le donne." in text(response) and "vous le donne" not in text(response)
    response = Client().post("/dictionnaire/atelier/", {"code": "AAAAAA", "nickname": "leo@example.org"})
    assert "un surnom d'un seul mot" in text(response)
    assert not Pupil.objects.exists()


def test_guessing_codes_is_rate_limited(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)
    guesser = Client()
    for _attempt in range(30):
        guesser.post("/dictionnaire/atelier/", {"code": "AAAAAA", "nickname": "Léo"})

    response = guesser.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Léo"})

    assert "Trop d'essais" in text(response)
    assert not Pupil.objects.exists()


def test_the_session_ends_with_the_workshop(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)
    pupil = join(workshop)
    Workshop.objects.filter(pk=workshop.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    page = text(pupil.get("/dictionnaire/atelier/"))

    assert "Rejoindre l'atelier" in page
    assert pupil.post(reverse("dictionnaire:claim", args=[1])).status_code == 403


def test_closing_the_workshop_forgets_the_pupils_names(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)
    pupil = join(workshop)
    adult = Client()
    adult.force_login(teacher)

    adult.post(reverse("dictionnaire:workshop_close", args=[classroom.pk]))

    assert not Pupil.objects.exists()
    assert "Rejoindre l'atelier" in text(pupil.get("/dictionnaire/atelier/"))


def test_requests_are_shown_most_wanted_first_and_a_claim_is_for_one_class(classroom, teacher, structure):
    WordRequest.ask("Sauvegarde")
    for _ in range(3):
        WordRequest.ask("Chatbot")
    other = Classroom.objects.create(pseudonym="CM1 Ailleurs", level="CM1", structure=structure, adult=teacher)
    pupil = join(Workshop.open(classroom, teacher))
    other_pupil = join(Workshop.open(other, teacher))

    page = text(pupil.get("/dictionnaire/atelier/"))
    assert page.index("Chatbot") < page.index("Sauvegarde")
    chatbot = WordRequest.objects.get(word="Chatbot")
    pupil.post(reverse("dictionnaire:claim", args=[chatbot.pk]))
    response = other_pupil.post(reverse("dictionnaire:claim", args=[chatbot.pk]), follow=True)

    chatbot.refresh_from_db()
    assert chatbot.claimed_by == classroom
    assert "Une autre classe a déjà pris ce mot" in text(response)
    assert other_pupil.get(reverse("dictionnaire:draft_new", args=[chatbot.pk])).status_code == 404


def test_a_claim_without_a_draft_expires_after_thirty_days(classroom, mailoutbox):
    word_request = WordRequest.ask("Chatbot").request
    word_request.claim(classroom)

    assert WordRequest.expire_claims(now=timezone.now() + timedelta(days=29)) == 0
    assert WordRequest.expire_claims(now=timezone.now() + timedelta(days=31)) == 1
    word_request.refresh_from_db()
    assert word_request.status == WordRequest.Status.OPEN and word_request.claimed_by is None


def test_the_claims_command_warns_before_and_releases_after(classroom, teacher, mailoutbox):
    from django.core.management import call_command

    word_request = WordRequest.ask("Chatbot").request
    word_request.claim(classroom)
    WordRequest.objects.filter(pk=word_request.pk).update(claimed_at=timezone.now() - timedelta(days=26))

    call_command("expire_claims", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("expire_claims", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mailoutbox) == 1 and mailoutbox[0].to == [teacher.email]
    WordRequest.objects.filter(pk=word_request.pk).update(claimed_at=timezone.now() - timedelta(days=31))
    call_command("expire_claims", stdout=open("/dev/null", "w"))  # noqa: SIM115
    word_request.refresh_from_db()
    assert word_request.status == WordRequest.Status.OPEN


def test_a_draft_is_credited_to_the_class_and_never_public(classroom, teacher, dictionary_index):
    word_request = WordRequest.ask("Chatbot").request
    word_request.claim(classroom)
    pupil = join(Workshop.open(classroom, teacher))

    pupil.post(
        reverse("dictionnaire:draft_new", args=[word_request.pk]),
        {
            "word": "Chatbot",
            "category": "internet",
            "short_definition": "Un robot qui répond.",
            "danger": "",
            "cool": "",
        },
    )

    term = Term.objects.get(word="Chatbot")
    assert term.classroom == classroom and not term.live
    assert Client().get("/dictionnaire/chatbot/").status_code == 404
    assert Client().get("/api/dictionnaire/termes/chatbot/").status_code == 404
    assert "Chatbot" not in Client().get("/dictionnaire/export/dictionnaire.csv").content.decode()


def test_a_draft_form_with_errors_keeps_everything_typed(classroom, teacher):
    word_request = WordRequest.ask("Chatbot").request
    word_request.claim(classroom)
    pupil = join(Workshop.open(classroom, teacher))

    response = pupil.post(
        reverse("dictionnaire:draft_new", args=[word_request.pk]),
        {
            "word": "Chatbot",
            "category": "",
            "short_definition": "",
            "danger": "Il peut mentir.",
            "cool": "Il répond vite.",
        },
    )

    assert response.status_code == 200
    page = text(response)
    assert "Il peut mentir." in page and "Il répond vite." in page
    assert "Il y a un problème dans le formulaire" in page
    assert not Term.objects.exists()


def test_a_new_word_may_not_take_a_reserved_address(classroom, teacher):
    word_request = WordRequest.ask("Recherche").request
    word_request.claim(classroom)
    pupil = join(Workshop.open(classroom, teacher))

    response = pupil.post(
        reverse("dictionnaire:draft_new", args=[word_request.pk]),
        {"word": "Recherche", "category": "internet", "short_definition": "Chercher."},
    )

    assert response.status_code == 200
    assert "ne peut pas être utilisé comme adresse" in text(response)
    assert not Term.objects.exists()
