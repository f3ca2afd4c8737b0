"""The dictionary on other sites: framable widgets that set no cookie, while the rest of the site refuses framing."""

import html

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors"))


def test_the_dictionary_widget_answers_may_be_framed_and_sets_no_cookie(dictionary):
    for _round in range(2):  # rendered, then the kept copy
        response = Client().get("/widget/dictionnaire/", {"q": "ouifi"})
        assert response.status_code == 200
        assert frame_ancestors(response) == "frame-ancestors *"
        assert "X-Frame-Options" not in response
        assert not response.cookies
    page = response.content.decode()
    assert 'href="http://testserver/dictionnaire/wi-fi/" target="_blank" rel="noopener"' in page
    assert "csrfmiddlewaretoken" not in page and '<form method="get"' in page


def test_the_rest_of_the_site_still_refuses_to_be_framed(dictionary):
    client = Client()
    for url in ("/", "/dictionnaire/wi-fi/", "/dictionnaire/lexique/", "/hors-ligne/", "/dictionnaire/widget/"):
        response = client.get(url)
        assert frame_ancestors(response) == "frame-ancestors 'none'", url
        assert response.get("X-Frame-Options", "DENY") in ("DENY", "SAMEORIGIN"), url


@override_settings(PORTAIL_WIDGET_FRAME_ANCESTORS=["https://centre.example.org"])
def test_the_allowed_origins_are_a_setting(dictionary):
    response = Client().get("/widget/dictionnaire/")
    assert frame_ancestors(response) == "frame-ancestors https://centre.example.org"


def test_the_directory_widget_lists_structures_of_a_commune(dictionary):
    from boussole.models import Structure

    structure = Structure.objects.public().exclude(code_insee="").exclude(code_insee=None).first()
    response = Client().get("/widget/annuaire/", {"commune": structure.code_insee})
    assert response.status_code == 200 and not response.cookies
    assert frame_ancestors(response) == "frame-ancestors *"
    assert structure.nom in html.unescape(response.content.decode())
    assert Client().get("/widget/annuaire/", {"commune": "nulle part <b>"}).status_code == 200


def test_the_admin_gives_the_iframe_codes(dictionary, admin_client):
    response = admin_client.get("/admin/widgets/", {"commune": "Amiens"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;iframe src=&quot;http://testserver/widget/dictionnaire/&quot;" in page
    assert "/widget/annuaire/?commune=80021" in page
