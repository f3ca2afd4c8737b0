"""Sign-in throttling counts per account, per address and per both (django-axes with portail's handler).

Someone trying many user names from one address, or many addresses against one user name, is stopped as surely
as someone trying many passwords for one account from one place; the page that says so is in French.
"""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

PASSWORD = "un-mot-de-passe-long"


def text(response):
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def adult(db, django_user_model):
    return django_user_model.objects.create_user("animatrice", "a@example.org", PASSWORD)


@pytest.mark.parametrize("login_url", ["wagtailadmin_login", "dictionnaire:login"])
def test_twelve_user_names_tried_from_one_address_lock_that_address(lockout, adult, login_url):
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse(login_url)
    statuses = [
        client.post(url, {"username": f"personne{number}", "password": "devine"}).status_code for number in range(12)
    ]

    assert 429 in statuses, statuses
    assert statuses.index(429) <= 10, "at most ten wrong sign-ins from one address"
    locked = client.post(url, {"username": "animatrice", "password": PASSWORD})
    assert locked.status_code == 429, "even a right password from that address waits"
    assert "Connexion bloquée pour un moment" in text(locked)
    assert "depuis cette connexion internet" in text(locked)
    assert "_auth_user_id" not in client.session

    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert elsewhere.post(url, {"username": "animatrice", "password": PASSWORD}).status_code == 302


def test_one_user_name_tried_from_many_addresses_is_locked_everywhere(lockout, adult):
    url = reverse("dictionnaire:login")
    statuses = [
        Client(REMOTE_ADDR=f"192.0.2.{number}").post(url, {"username": "animatrice", "password": "devine"}).status_code
        for number in range(1, 13)
    ]

    assert 429 in statuses and statuses.index(429) <= 10, statuses
    fresh = Client(REMOTE_ADDR="198.51.100.77")
    locked = fresh.post(url, {"username": "animatrice", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Connexion bloquée pour un moment" in text(locked)
    other = fresh.post(url, {"username": "quelquun", "password": "devine"})
    assert other.status_code == 200, "another account from a fresh address may still try"


def test_signing_in_to_ones_own_account_does_not_reset_an_address_count(lockout, adult, django_user_model):
    client = Client(REMOTE_ADDR="203.0.113.50")
    url = reverse("dictionnaire:login")
    for number in range(6):
        client.post(url, {"username": f"cible{number}", "password": "devine"})
    assert client.post(url, {"username": "animatrice", "password": PASSWORD}).status_code == 302
    client.logout()

    statuses = [
        client.post(url, {"username": f"autre{number}", "password": "devine"}).status_code for number in range(5)
    ]

    assert 429 in statuses, "the address is locked after ten wrong sign-ins in all, one success or not"


def test_a_few_mistakes_from_a_shared_address_lock_nobody(lockout, adult, django_user_model):
    django_user_model.objects.create_user("collegue", "c@example.org", PASSWORD)
    client = Client(REMOTE_ADDR="203.0.113.80")
    url = reverse("dictionnaire:login")
    for username in ("animatrice", "animatrice", "collegue", "collegue", "inconnu"):
        assert client.post(url, {"username": username, "password": "faute-de-frappe"}).status_code == 200

    assert client.post(url, {"username": "collegue", "password": PASSWORD}).status_code == 302
