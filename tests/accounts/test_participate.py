"""« Participer »: plain words, a request form that resists robots and floods, a pending structure in the admin."""

import pytest
from django.test import override_settings

from portail.accounts.models import JoinRequest

pytestmark = pytest.mark.django_db
DATA = {
    "structure": "Centre social du Nouveau Monde",
    "commune": "lille",
    "email": "cs@exemple.org",
    "message": "Bonjour",
}


def test_the_page_says_how_it_works_and_a_request_becomes_a_pending_structure(client):
    response = client.get("/participer/")
    assert response.status_code == 200
    for words in ("code", "anonymes", "modérateurs", 'name="structure"', 'name="commune"', 'name="email"'):
        assert words in response.text
    response = client.post("/participer/", DATA, follow=True)
    assert "Merci, votre demande est envoyée." in response.text
    request = JoinRequest.objects.get()
    assert (request.structure_name, request.commune, request.code_insee) == (
        "Centre social du Nouveau Monde",
        "Lille",
        "59350",
    )
    assert request.status == JoinRequest.Status.PENDING


def test_a_commune_outside_the_reference_list_is_kept_as_typed(client):
    client.post("/participer/", {**DATA, "commune": "Marseille"})
    request = JoinRequest.objects.get()
    assert (request.commune, request.code_insee) == ("Marseille", "")


def test_missing_fields_are_explained_and_nothing_is_kept(client):
    response = client.post("/participer/", {"structure": "", "commune": "", "email": "pas-une-adresse"})
    assert response.status_code == 200
    assert "Écrivez le nom de votre structure." in response.text and "nom@exemple.fr" in response.text
    assert not JoinRequest.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_kept(client):
    response = client.post("/participer/", {**DATA, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not JoinRequest.objects.exists()


@override_settings(PORTAIL_RATE_LIMITS={"join-request": "2/h"})
def test_a_flood_of_requests_is_slowed_down(client):
    for _ in range(2):
        client.post("/participer/", DATA)
    response = client.post("/participer/", DATA)
    assert response.status_code == 429
    assert JoinRequest.objects.count() == 2


def test_the_footer_and_the_classes_space_lead_to_participer(client, adult, demo_site):
    assert 'href="/participer/"' in client.get("/").text
    client.force_login(adult)
    assert 'href="/participer/"' in client.get("/dictionnaire/classes/").text
