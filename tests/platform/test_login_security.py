"""Login lockout (django-axes) and two-factor authentication (django-otp) for the admin.

Both are off in the test settings so that other tests can use ``force_login``; here they are switched on.
"""

import html
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dictionnaire.roles import MODERATORS
from portail.security.lockout import client_ip

PASSWORD = "un-mot-de-passe-long"


def text(response):
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("moderatrice", "moderatrice@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def two_factor(settings):
    settings.PORTAIL_2FA_REQUIRED = True


def token_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_an_unverified_moderator_cannot_reach_the_admin(two_factor, moderator):
    device = TOTPDevice.objects.create(user=moderator, name="Téléphone", confirmed=True)
    client = Client()
    client.force_login(moderator)

    for address in ("/admin/", reverse("wagtailsnippets_dictionnaire_term:list"), "/admin/pages/"):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("portail_2fa_verify"))

    wrong = client.post(reverse("portail_2fa_verify"), {"otp_token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert "Ce code n'est pas le bon" in text(wrong)
    assert client.get("/admin/").status_code == 302
    too_soon = client.post(reverse("portail_2fa_verify"), {"otp_token": token_for(device), "next": "/admin/"})
    assert "Attendez une minute" in text(too_soon), "guessing is slowed down after a wrong code"
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)

    right = client.post(reverse("portail_2fa_verify"), {"otp_token": token_for(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("wagtailsnippets_dictionnaire_term:list")).status_code == 200


def test_a_moderator_without_a_device_sets_one_up_on_first_sign_in(two_factor, moderator):
    client = Client()
    client.force_login(moderator)

    first = client.get("/admin/")
    assert first["Location"].startswith(reverse("portail_2fa_setup"))
    page = client.get(first["Location"])
    assert page.status_code == 200 and "Activer la double authentification" in text(page)
    qr = client.get(reverse("portail_2fa_qrcode"))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    assert device.key.upper() not in page.content.decode(), "the key is shown in base32 for apps, not hex"

    confirmed = client.post(reverse("portail_2fa_setup"), {"otp_token": token_for(device), "next": "/admin/"})

    assert confirmed.status_code == 302
    assert TOTPDevice.objects.get(user=moderator).confirmed
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("portail_2fa_qrcode")).status_code == 404, "the QR code is never shown again"


def test_signing_in_to_the_admin_then_needs_the_code(two_factor, moderator):
    TOTPDevice.objects.create(user=moderator, name="Téléphone", confirmed=True)
    client = Client()

    signed_in = client.post(reverse("wagtailadmin_login"), {"username": "moderatrice", "password": PASSWORD})

    assert signed_in.status_code == 302
    assert client.get("/admin/")["Location"].startswith(reverse("portail_2fa_verify"))


def test_people_without_admin_access_are_not_asked_for_a_code_but_admin_accounts_are_everywhere(
    two_factor, moderator, django_user_model
):
    adult = django_user_model.objects.create_user("animateur", "a@example.org", PASSWORD)
    client = Client()
    client.force_login(adult)
    response = client.get(reverse("dictionnaire:classes"))
    assert "2fa" not in response.get("Location", "")

    client.force_login(moderator)
    response = client.get(reverse("dictionnaire:classes"))
    assert response["Location"].startswith(reverse("portail_2fa_setup")), "a password alone opens no way in"


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True


@pytest.mark.parametrize("login_url", ["wagtailadmin_login", "dictionnaire:login"])
def test_five_wrong_passwords_lock_the_account_with_a_friendly_message(lockout, moderator, login_url):
    client = Client()
    url = reverse(login_url)
    for _attempt in range(4):
        response = client.post(url, {"username": "moderatrice", "password": "pas-le-bon"})
        assert response.status_code == 200, "a wrong password just shows the form again"

    locked = client.post(url, {"username": "moderatrice", "password": "pas-le-bon"})

    assert locked.status_code == 429
    assert "Connexion bloquée pour un moment" in text(locked)
    assert "15 minutes" in text(locked)
    assert "Traceback" not in text(locked)
    even_right = client.post(url, {"username": "moderatrice", "password": PASSWORD})
    assert even_right.status_code == 429, "the right password does not open a locked account"
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_account_and_address(lockout, moderator, django_user_model):
    django_user_model.objects.create_user("collegue", "c@example.org", PASSWORD)
    client = Client()
    for _attempt in range(5):
        client.post(reverse("wagtailadmin_login"), {"username": "moderatrice", "password": "pas-le-bon"})

    other = client.post(reverse("wagtailadmin_login"), {"username": "collegue", "password": PASSWORD})

    assert other.status_code == 302


def test_the_client_address_is_read_from_the_trusted_proxy_only(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.PORTAIL_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.PORTAIL_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7", "the left-most entry can be forged by the client"
