"""A form is never shown to someone who may not use it: the page says why and when to come back instead.

A visitor whose address has used up a public form's rate limit, or whose sign-ins are locked, would otherwise fill
in a form only to see it refused.
"""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse


def text(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def has_post_form(response, action):
    return re.search(rf'<form[^>]*method="post"[^>]*action="{re.escape(action)}"', response.content.decode()) or (
        action == "" and '<form class="propose-form" method="post"' in response.content.decode()
    )


@pytest.fixture
def limits(settings):
    settings.RATELIMIT_ENABLE = True
    settings.PORTAIL_RATE_LIMITS = {"word-request": "2/h", "fiche-proposal": "1/h"}


def test_the_word_request_form_is_not_shown_once_the_address_used_up_its_limit(site_pages, limits):
    url = reverse("dictionnaire:request")
    client = Client(REMOTE_ADDR="203.0.113.31")
    assert has_post_form(client.get(url), url)
    for _attempt in range(2):
        client.post(url, {"word": "", "context": ""})

    page = client.get(url)

    assert page.status_code == 200
    assert not has_post_form(page, url)
    assert "Revenez dans une heure" in text(page)
    assert has_post_form(Client(REMOTE_ADDR="198.51.100.31").get(url), url), "other addresses still get it"


def test_the_fiche_proposal_form_is_not_shown_once_the_address_used_up_its_limit(site_pages, limits):
    url = "/fiches/proposer/"
    client = Client(REMOTE_ADDR="203.0.113.32")
    assert has_post_form(client.get(url), "")
    client.post(url, {"title": ""})

    page = client.get(url)

    assert page.status_code == 200
    assert not has_post_form(page, "")
    assert "Revenez dans une heure" in text(page)
    assert has_post_form(Client(REMOTE_ADDR="198.51.100.32").get(url), "")


def test_the_sign_in_form_is_not_shown_to_a_locked_address(site_pages, settings):
    settings.AXES_ENABLED = True
    url = reverse("dictionnaire:login")
    client = Client(REMOTE_ADDR="203.0.113.33")
    assert has_post_form(client.get(url), url)
    for number in range(10):
        client.post(url, {"username": f"essai{number}", "password": "devine"})

    page = client.get(url)

    assert page.status_code == 429
    assert not has_post_form(page, url)
    assert "Connexion bloquée pour un moment" in text(page)
    assert has_post_form(Client(REMOTE_ADDR="198.51.100.33").get(url), url)
