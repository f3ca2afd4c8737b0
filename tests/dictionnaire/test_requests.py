import html

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from dictionnaire.models import RequestSubmission, WordRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


def test_the_form_answers_without_an_account_and_takes_a_prefilled_word(client):
    response = client.get("/dictionnaire/demander/?mot=ouifi")

    assert response.status_code == 200
    assert 'value="ouifi"' in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_the_same_word_in_another_spelling_case_or_accent_is_one_request():
    for spelling in ["Mode avion", "mode-avion", "MODE AVION", "modé avion"]:
        Client().post("/dictionnaire/demander/", {"word": spelling})

    word_request = WordRequest.objects.get()
    assert word_request.count == 4
    assert word_request.word == "Mode avion", "the first spelling is the one shown"
    assert RequestSubmission.objects.count() == 4


def test_each_request_gets_its_own_tracking_code_and_status_page(client):
    response = client.post("/dictionnaire/demander/", {"word": "Chatbot", "context": "sur le site de ma banque"})
    submission = RequestSubmission.objects.get()

    page = text(client.get(response["Location"]))
    assert submission.tracking_code in page and "Chatbot" in page
    assert submission.context == "sur le site de ma banque"
    assert text(client.get(f"/dictionnaire/suivi/?code={submission.tracking_code.lower()}")).count("Chatbot") >= 1


def test_an_unknown_tracking_code_says_so_kindly(client):
    response = client.get("/dictionnaire/suivi/?code=ZZZZZZZZ")

    assert response.status_code == 404
    assert "Nous ne trouvons pas ce code" in text(response)


def test_me_too_counts_once_per_browser_session(word_request):
    browser = Client()
    browser.post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/")
    browser.post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/")
    Client().post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/")

    word_request.refresh_from_db()
    assert word_request.count == 3


def test_asking_counts_as_me_too_for_that_browser(client, word_request):
    client.post("/dictionnaire/demander/", {"word": "mode avion"})
    client.post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/")

    word_request.refresh_from_db()
    assert word_request.count == 2


def test_me_too_needs_post(client, word_request):
    assert client.get(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/").status_code == 405


def test_a_robot_filling_the_honeypot_leaves_nothing(client):
    response = client.post("/dictionnaire/demander/", {"word": "Casino", "website": "http://spam.example"})

    assert response.status_code == 302
    assert not WordRequest.objects.exists()


def test_a_word_already_explained_leads_to_its_definition(client, published_term):
    response = client.post("/dictionnaire/demander/", {"word": "WIFI"})

    assert response.status_code == 200
    assert 'href="/dictionnaire/wi-fi/"' in response.content.decode()
    assert not WordRequest.objects.exists()


def test_bad_input_keeps_what_was_typed_with_a_french_message(client):
    response = client.post(
        "/dictionnaire/demander/", {"word": "", "context": "vu à la banque", "email": "pas-une-adresse"}
    )

    assert response.status_code == 200
    page = text(response)
    assert "Écrivez le mot que vous cherchez." in page
    assert "Cette adresse e-mail n'a pas l'air complète" in page
    assert 'value="vu à la banque"' in page and 'value="pas-une-adresse"' in page
    assert not WordRequest.objects.exists()


def test_requests_are_rate_limited_per_address_without_losing_the_text(client):
    for number in range(20):
        assert client.post("/dictionnaire/demander/", {"word": f"mot{number}"}).status_code == 302

    response = client.post("/dictionnaire/demander/", {"word": "encore un mot"})

    assert response.status_code == 429
    assert "Réessayez dans une heure" in text(response)
    assert 'value="encore un mot"' in text(response)
    assert WordRequest.objects.count() == 20


def test_adults_following_the_category_hear_of_a_new_word(client, teacher, structure):
    structure.interests = "tout"
    structure.save()

    client.post("/dictionnaire/demander/", {"word": "Chatbot"})
    client.post("/dictionnaire/demander/", {"word": "chatbot"})

    assert [message.to for message in mail.outbox] == [[teacher.email]], "told once, for the first request"
    assert "Chatbot" in mail.outbox[0].subject
