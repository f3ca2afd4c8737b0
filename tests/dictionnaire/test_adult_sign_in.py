"""Signing in as an adult: the second factor on every way in, and « who am I » on every public page.

A password alone must never open the classes of an account that has a second factor (a superuser sees every
class and its live workshop code). A signed-in adult sees their account and can sign out from any public page,
and a page kept whole for anonymous readers never shows anyone's name.
"""

import html
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dictionnaire.models import Workshop
from dictionnaire.roles import MODERATORS

PASSWORD = "un-mot-de-passe-long"


def text(response):
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def token_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("directrice", "d@example.org", PASSWORD)


@pytest.fixture
def live_code(classroom, teacher):
    return Workshop.open(classroom, teacher).code


def test_a_superusers_password_alone_does_not_open_the_classes(superuser, live_code, classroom):
    device = TOTPDevice.objects.create(user=superuser, name="Téléphone", confirmed=True)
    client = Client()

    signed_in = client.post(reverse("dictionnaire:login"), {"username": "directrice", "password": PASSWORD})
    landing = client.get(signed_in["Location"])

    assert landing.status_code == 302 and landing["Location"].startswith(reverse("portail_2fa_verify"))
    for address in (reverse("dictionnaire:classes"), classroom.get_absolute_url(), "/", "/api/v2/pages/"):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("portail_2fa_verify")), address
    assert live_code not in client.get(classroom.get_absolute_url(), follow=True).content.decode()

    verified = client.post(
        reverse("portail_2fa_verify"), {"otp_token": token_for(device), "next": reverse("dictionnaire:classes")}
    )

    assert verified["Location"] == reverse("dictionnaire:classes")
    assert live_code in client.get(classroom.get_absolute_url()).content.decode()


def test_a_sign_in_waiting_for_its_code_can_sign_out(superuser):
    TOTPDevice.objects.create(user=superuser, name="Téléphone", confirmed=True)
    client = Client()
    client.post(reverse("dictionnaire:login"), {"username": "directrice", "password": PASSWORD})

    signed_out = client.post(reverse("dictionnaire:logout"))

    assert signed_out.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dictionnaire:classes"))["Location"].startswith(reverse("dictionnaire:login"))


def test_an_admin_account_without_a_device_sets_one_up_before_reaching_the_classes(settings, db, django_user_model):
    settings.PORTAIL_2FA_REQUIRED = True
    moderator = django_user_model.objects.create_user("moderatrice", "m@example.org", PASSWORD)
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client = Client()

    client.post(reverse("dictionnaire:login"), {"username": "moderatrice", "password": PASSWORD})

    response = client.get(reverse("dictionnaire:classes"))
    assert response["Location"].startswith(reverse("portail_2fa_setup"))


def test_an_adult_without_a_second_factor_signs_in_with_the_password(settings, teacher, classroom, live_code):
    settings.PORTAIL_2FA_REQUIRED = True
    client = Client()

    signed_in = client.post(reverse("dictionnaire:login"), {"username": "maitresse", "password": PASSWORD})

    assert signed_in["Location"] == reverse("dictionnaire:classes")
    assert client.get(reverse("dictionnaire:classes")).status_code == 200
    assert live_code in client.get(classroom.get_absolute_url()).content.decode()


def test_a_signed_in_adult_sees_their_account_and_signs_out_from_a_public_page(teacher, published_term):
    teacher.first_name, teacher.last_name = "Camille", "Martin"
    teacher.save()
    client = Client()
    client.force_login(teacher)

    page = client.get(published_term.url)

    assert page.status_code == 200
    assert "Compte connecté : Camille Martin" in " ".join(text(page).split())
    assert f'action="{reverse("dictionnaire:logout")}"' in page.content.decode()
    signed_out = client.post(reverse("dictionnaire:logout"), follow=True)
    assert signed_out.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Compte connecté" not in text(client.get(published_term.url))


def test_a_kept_copy_of_a_page_never_shows_a_name(teacher, published_term):
    teacher.first_name = "Camille"
    teacher.save()
    anonymous = Client()
    adult = Client()
    adult.force_login(teacher)

    first = anonymous.get(published_term.url)  # kept whole for every anonymous reader
    seen_by_adult = adult.get(published_term.url)
    again = anonymous.get(published_term.url)
    newcomer = Client().get(published_term.url)

    assert "Compte connecté" not in text(first)
    assert "Camille" in text(seen_by_adult), "a signed-in adult is never served the anonymous copy"
    for response in (again, newcomer):
        assert "Camille" not in text(response) and "Compte connecté" not in text(response)
    assert b"csrfmiddlewaretoken" not in newcomer.content
