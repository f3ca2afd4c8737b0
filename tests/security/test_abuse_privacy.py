"""Abuse (rate limits, honeypots, friendly messages) and privacy (no child data, no IPs, e-mails forgotten)."""

import logging
from datetime import date

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.test import RequestFactory

from boussole.models import Structure
from dictionnaire import notifications
from dictionnaire.models import Category, Classroom, Pupil, RequestSubmission, Term, WordRequest, Workshop
from dictionnaire.models import Structure as School
from portail.abuse import RATES, client_ip

IP = "198.51.100.77"
PROJECT_APPS = ("portail", "dictionnaire", "dictionnaire_search", "fiches", "boussole")


@pytest.fixture
def workshop(db, django_user_model):
    adult = django_user_model.objects.create_user("adulte", "adulte@exemple.org", "x" * 14)
    classroom = Classroom.objects.create(
        pseudonym="CM2 A", level="CM2", structure=School.objects.create(name="École"), adult=adult
    )
    return Workshop.open(classroom, adult)


def test_client_address_is_remote_addr_unless_the_proxy_is_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5, 192.0.2.9")
    settings.PORTAIL_PROXY_COUNT = 0
    assert client_ip("g", request) == "10.0.0.1"
    settings.PORTAIL_PROXY_COUNT = 1
    assert client_ip("g", request) == "192.0.2.9", "the address the trusted proxy added, not one the client chose"
    assert client_ip("g", RequestFactory().get("/", REMOTE_ADDR="pas une adresse")) == "unknown"


def test_guessing_workshop_codes_is_stopped_but_a_class_joins_freely(client, workshop, settings):
    settings.PORTAIL_RATE_LIMITS = {"workshop-code": "4/h"}  # the real limit is RATES["workshop-code"]
    assert RATES["workshop-code"] == "20/h"
    # A whole class behind one school address: right codes never count.
    for nickname in ["Inès", "Lina", "Sami", "Noé", "Jade", "Tom", "Zoé", "Yanis"]:  # one word each (issue 17)
        other = client.__class__()
        response = other.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": nickname})
        assert response.status_code == 302
    wrong = 4
    for _attempt in range(wrong + 1):
        assert client.post("/dictionnaire/atelier/", {"code": "ZZZZZZ", "nickname": "Léo"}).status_code == 200
    blocked = client.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Léo"})
    assert blocked.status_code == 429
    assert "essais. Attends un peu" in blocked.content.decode()
    assert not Pupil.objects.filter(nickname="Léo").exists()


def test_each_public_form_has_a_rate_limit_with_a_french_message(client, settings, db):
    settings.PORTAIL_RATE_LIMITS = {"word-request": "2/h", "me-too": "2/h"}
    for word in ("Cloud", "Pixel"):
        assert client.post("/dictionnaire/demander/", {"word": word}).status_code == 302
    limited = client.post("/dictionnaire/demander/", {"word": "Bluetooth", "context": "à la banque"})
    assert limited.status_code == 429
    assert "Réessayez dans une heure" in limited.content.decode() and "à la banque" in limited.content.decode()
    assert not WordRequest.objects.filter(word="Bluetooth").exists()
    word_request = WordRequest.objects.get(word="Cloud")
    for _attempt in range(3):
        response = client.post(f"/dictionnaire/demander/{word_request.pk}/moi-aussi/", follow=True)
    assert "Réessayez dans une heure" in response.content.decode()


def test_a_robot_filling_the_workshop_honeypot_gets_in_nowhere(client, workshop):
    response = client.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Bot", "website": "x"})
    assert response.status_code == 302
    assert not Pupil.objects.exists()


# -- privacy ---------------------------------------------------------------------------------------------------


def test_the_privacy_page_is_plain_french_and_linked_from_every_page(client, site_pages):
    page = client.get("/confidentialite/").content.decode()
    for words in ("Vos données personnelles", "prénom", "effaçons", "adresse IP", "CNIL"):
        assert words in page
    assert 'href="/confidentialite/"' in client.get("/").content.decode()


def test_pupils_are_only_a_first_name_in_a_session_and_gone_with_the_workshop(client, workshop):
    assert {field.name for field in Pupil._meta.concrete_fields} <= {"id", "workshop", "nickname", "joined_at"}
    refused = client.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Lina Martin-Dupont Sarah"})
    assert "un surnom d&#x27;un seul mot" in refused.content.decode()
    client.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Lina"})
    client.force_login(workshop.classroom.adult)
    client.post(f"/dictionnaire/classes/{workshop.classroom.pk}/fermer-atelier/")
    assert not Pupil.objects.exists()


def test_a_requester_email_is_forgotten_once_used(db):
    term = Term(word="Cloud", category=Category.INTERNET, short_definition="Des fichiers rangés ailleurs.")
    term.save()
    submission = WordRequest.ask("Cloud", email="mamie@exemple.fr")
    WordRequest.objects.filter(pk=submission.request_id).update(term=term)
    assert notifications.tell_requesters_published(term) == 1
    assert mail.outbox[0].to == ["mamie@exemple.fr"]
    submission.refresh_from_db()
    assert submission.email == ""


def test_no_ip_address_is_stored_and_nothing_personal_is_logged(client, site_pages, workshop, caplog):
    assert not [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.concrete_fields
        if isinstance(field, models.GenericIPAddressField)
    ]
    structure = Structure.objects.create(
        source="p", source_id="1", nom="Centre", date_maj=date.today(), verified_at=date.today(), live=True
    )
    caplog.set_level(logging.DEBUG)
    headers = {"REMOTE_ADDR": IP, "HTTP_X_FORWARDED_FOR": IP}
    client.post("/dictionnaire/demander/", {"word": "Cloud", "email": "mamie@exemple.fr"}, **headers)
    client.post(
        f"/boussole/annuaire/{structure.slug}/signaler/", {"message": "Fermé", "email": "papa@exemple.fr"}, **headers
    )
    client.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Zoéline"}, **headers)
    client.post("/dictionnaire/atelier/", {"code": "FAUX22", "nickname": "Zoéline"}, **headers)
    assert RequestSubmission.objects.exists() and Pupil.objects.exists()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for personal in (IP, "mamie@exemple.fr", "papa@exemple.fr", "Zoéline"):
        assert personal not in logged
    for model in apps.get_models():
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) and not field.choices
        ]
        if not text_fields:
            continue
        query = models.Q()
        for name in text_fields:
            query |= models.Q(**{f"{name}__contains": IP})
        assert not model._default_manager.filter(query).exists(), f"{model.__name__} holds the client's address"
