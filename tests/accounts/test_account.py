"""The adults' own space: the classes page explains itself, their account, a forgotten password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from dictionnaire.models import Accompagnateur, Classroom
from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS

pytestmark = pytest.mark.django_db
CLASSES = "/dictionnaire/classes/"


def test_an_adult_without_structure_is_told_whom_to_ask_and_shown_no_form(client, django_user_model):
    user = django_user_model.objects.create_user("seul", "seul@exemple.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.objects.create(user=user)
    client.force_login(user)
    response = client.get(CLASSES)
    assert response.status_code == 200
    assert "aucune structure" in response.text and "Créer la classe" not in response.text
    response = client.post(CLASSES, {"pseudonym": "CM2 X", "level": "CM2"}, follow=True)
    assert response.status_code == 200 and not Classroom.objects.exists()


def test_a_superuser_sees_every_class_but_no_form_and_never_a_bare_403(client, django_user_model, adult, structure):
    Classroom.objects.create(pseudonym="CM2 Lazare", level="CM2", structure=structure, adult=adult)
    root = django_user_model.objects.create_superuser("root", "root@exemple.org", "un-mot-de-passe-long")
    client.force_login(root)
    response = client.get(CLASSES)
    assert response.status_code == 200 and "CM2 Lazare" in response.text
    assert "Créer la classe" not in response.text and "Demandez une invitation" in response.text
    assert client.post(CLASSES, {"pseudonym": "CM2 Y", "level": "CM2"}).status_code == 302
    assert Classroom.objects.count() == 1


def test_someone_who_is_no_adult_gets_a_french_page_saying_whom_to_ask(client, django_user_model):
    moderator = django_user_model.objects.create_user("mod", "mod@exemple.org", "un-mot-de-passe-long")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    response = client.get(CLASSES)
    assert response.status_code == 403
    assert "demandez une invitation" in response.text.lower() and '<html lang="fr"' in response.text


def test_the_header_offers_my_classes_only_to_those_who_have_classes(client, django_user_model, adult):
    moderator = django_user_model.objects.create_user("mod", "mod@exemple.org", "un-mot-de-passe-long")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    for page in ("/compte/", "/participer/"):
        html = client.get(page).text
        assert "Me déconnecter" in html and f'href="{CLASSES}"' not in html, page
    client.force_login(adult)
    assert f'href="{CLASSES}"' in client.get("/participer/").text


def test_an_adult_of_several_structures_chooses_the_structure_of_a_new_class(client, adult, structure, other_structure):
    Accompagnateur.attach(adult, other_structure)
    client.force_login(adult)
    response = client.get(CLASSES)
    assert 'name="structure"' in response.text and other_structure.name in response.text
    client.post(CLASSES, {"pseudonym": "Club Calais", "level": "groupe", "structure": other_structure.pk})
    assert Classroom.objects.get(pseudonym="Club Calais").structure == other_structure


def test_an_adult_cannot_create_a_class_in_a_structure_not_theirs(client, adult, structure, other_structure):
    from dictionnaire.models import Structure

    client.force_login(adult)
    client.post(CLASSES, {"pseudonym": "Intrus", "level": "CM2", "structure": other_structure.pk})
    assert Classroom.objects.get(pseudonym="Intrus").structure == structure
    Accompagnateur.attach(adult, Structure.objects.create(name="Troisième"))
    response = client.post(CLASSES, {"pseudonym": "Intrus 2", "level": "CM2", "structure": other_structure.pk})
    assert response.status_code == 200 and "form-errors" in response.text
    assert not Classroom.objects.filter(pseudonym="Intrus 2").exists()


def test_an_adult_corrects_their_email_and_deletes_their_account(client, adult, structure):
    classroom = Classroom.objects.create(pseudonym="CM2 Lazare", level="CM2", structure=structure, adult=adult)
    client.force_login(adult)
    response = client.get("/compte/")
    assert "prof@exemple.org" in response.text and structure.name in response.text
    response = client.post("/compte/", {"email": "pas-une-adresse"})
    assert response.status_code == 200 and "form-errors" in response.text
    client.post("/compte/", {"email": "nouvelle@exemple.org"})
    adult.refresh_from_db()
    assert adult.email == "nouvelle@exemple.org"
    response = client.post("/compte/supprimer/", {"password": "mauvais"})
    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=adult.pk).exists()
    response = client.post("/compte/supprimer/", {"password": "un-mot-de-passe-long"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=adult.pk).exists()
    classroom.refresh_from_db()
    assert classroom.adult is None, "the class stays, signed by its pseudonym"
    assert client.get("/compte/").status_code == 302


def test_the_account_pages_want_a_signed_in_adult(client):
    assert client.get("/compte/").status_code == 302
    assert client.post("/compte/supprimer/", {"password": "x"}).status_code == 302
    assert client.get("/compte/supprimer/").status_code in (302, 405)


def test_a_forgotten_password_is_reset_from_the_login_page_once(client, adult):
    response = client.get("/dictionnaire/connexion/")
    assert 'href="/compte/mot-de-passe-oublie/"' in response.text and 'href="/participer/"' in response.text
    response = client.post("/compte/mot-de-passe-oublie/", {"email": "prof@exemple.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "Bonjour" in mail.outbox[0].body
    link = re.search(r"https?://[^/\s]+(/compte/mot-de-passe/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    assert "new_password1" in response.text
    client.post(form_url, {"new_password1": "une-nouvelle-phrase", "new_password2": "une-nouvelle-phrase"})
    adult.refresh_from_db()
    assert adult.check_password("une-nouvelle-phrase")
    response = client.get(link, follow=True)
    assert "new_password1" not in response.text and "déjà servi" in response.text
    # An unknown address is told the same thing, and nothing is sent.
    client.post("/compte/mot-de-passe-oublie/", {"email": "inconnu@exemple.org"})
    assert len(mail.outbox) == 1
