"""The wanted list that people can join: « Moi aussi » gives a tracking code, and says when the word is ready."""

import re

from django.test import Client

from dictionnaire.models import RequestSubmission, WordRequest


def code_of(response):
    return re.search(r"/dictionnaire/suivi/([A-Z0-9]+)/", response["Location"]).group(1)


def test_wanted_words_link_to_their_request(client, word_request):
    page = client.get("/dictionnaire/demander/").content.decode()
    assert f'href="/dictionnaire/demander/{word_request.pk}/"' in page
    detail = client.get(f"/dictionnaire/demander/{word_request.pk}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "Mode avion" in text and "1 personne attend ce mot" in text and "Moi aussi" in text


def test_the_dictionary_home_links_each_wanted_word_with_me_too(client, dictionary_index, word_request):
    page = client.get("/dictionnaire/").content.decode()
    assert f'href="/dictionnaire/demander/{word_request.pk}/"' in page
    assert f'href="/dictionnaire/demander/{word_request.pk}/#moi-aussi"' in page
    assert "Moi aussi, j&#x27;attends « Mode avion »" in page or "Moi aussi, j'attends « Mode avion »" in page


def test_me_too_gives_a_tracking_code_and_keeps_the_optional_email(word_request):
    browser = Client()
    response = browser.post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/", {"email": "voisine@example.org"})
    assert response.status_code == 302
    code = code_of(response)
    submission = RequestSubmission.objects.get(tracking_code=code)
    assert submission.request == word_request and submission.email == "voisine@example.org"
    word_request.refresh_from_db()
    assert word_request.count == 2
    status = browser.get(f"/dictionnaire/suivi/{code}/").content.decode()
    assert code in status and "2 personnes attendent ce mot" in status
    assert "Nous vous écrirons" in status


def test_me_too_without_email_still_gives_a_code(word_request):
    response = Client().post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/")
    assert RequestSubmission.objects.get(tracking_code=code_of(response)).email == ""


def test_a_wrong_email_is_said_and_nothing_is_counted(word_request):
    response = Client().post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/", {"email": "voisine@"})
    assert response.status_code == 400
    assert "n&#x27;a pas l&#x27;air complète" in response.content.decode() or "pas l'air" in response.content.decode()
    word_request.refresh_from_db()
    assert word_request.count == 1


def test_a_robot_joining_leaves_nothing(word_request):
    Client().post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/", {"website": "http://spam.example"})
    word_request.refresh_from_db()
    assert word_request.count == 1 and word_request.submissions.count() == 1


def test_a_published_request_says_the_word_is_ready_and_how_many_waited(client, word_request, published_term):
    for _person in range(2):
        Client().post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/")
    WordRequest.objects.filter(pk=word_request.pk).update(term=published_term, status=WordRequest.Status.PUBLISHED)
    code = word_request.submissions.order_by("pk").first().tracking_code
    status = client.get(f"/dictionnaire/suivi/{code}/").content.decode()
    assert "Bonne nouvelle : votre mot est expliqué !" in status
    assert "3 personnes l&#x27;attendaient" in status or "3 personnes l'attendaient" in status
    assert "attend ce mot" not in status and "attendent ce mot" not in status
    assert published_term.url in status
    detail = client.get(f"/dictionnaire/demander/{word_request.pk}/").content.decode()
    assert "Bonne nouvelle : ce mot est expliqué !" in detail and 'action="' not in detail.split("<main")[-1]
    # « Moi aussi » on a word that is ready leads to it and counts nobody.
    response = Client().post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/")
    assert response["Location"] == published_term.url
    word_request.refresh_from_db()
    assert word_request.count == 3


def test_an_unknown_wanted_word_is_a_404(client, db):
    assert client.get("/dictionnaire/demander/999999/").status_code == 404
