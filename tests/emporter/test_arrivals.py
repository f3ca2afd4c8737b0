"""Find it however you arrive (known spellings in the address, icons) and request tracking a senior can keep."""

import json
import re

import pytest
from django.test import Client

from dictionnaire.models import WordRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["wifi", "Wi-Fi", "WIFI"])
def test_a_known_spelling_in_the_address_redirects_to_the_word(dictionary, typed):
    response = Client().get(f"/dictionnaire/{typed}/")
    assert response.status_code == 301 and response["Location"] == "/dictionnaire/wi-fi/"


def test_an_unknown_word_in_the_address_is_still_a_404(dictionary):
    assert Client().get("/dictionnaire/pas-du-tout-un-mot/").status_code == 404


def test_the_tracking_code_is_found_as_typed_from_paper_and_printed_as_a_card(dictionary):
    submission = WordRequest.ask("Nuage numérique", context="", email="")
    code = submission.tracking_code
    typed = f" {code[:3].lower()} - {code[3:]} "
    response = Client().get("/dictionnaire/suivi/", {"code": typed})
    assert response.status_code == 200 and response.context["submission"] == submission
    page = response.content.decode()
    assert "Ma carte de suivi" in page and f'class="tracking-card__qr" src="/dictionnaire/suivi/{code}/qr.svg"' in page
    qr = Client().get(f"/dictionnaire/suivi/{code}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    assert Client().get("/dictionnaire/suivi/NOPE99/qr.svg").status_code == 404
    assert f"http://testserver/dictionnaire/suivi/{code}/" in page
    assert Client().get(f"/dictionnaire/suivi/{code[:3]}-{code[3:]}/").status_code == 200


def test_the_dictionary_home_leads_to_tracking_and_the_lexique(dictionary):
    page = Client().get("/dictionnaire/").content.decode()
    assert re.search(r'href="/dictionnaire/suivi/">J(\'|&#x27;|&#39;)ai un code de suivi</a>', page)
    assert 'href="/dictionnaire/lexique/"' in page


def test_favicon_icons_and_manifest_answer(dictionary):
    client = Client()
    assert client.get("/favicon.ico")["Content-Type"] == "image/x-icon"
    assert client.get("/apple-touch-icon.png").status_code == 200
    page = client.get("/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page and 'rel="icon"' in page
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["lang"] == "fr" and data["start_url"].startswith("/dictionnaire/")
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in data["icons"]}
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]


def test_the_service_worker_is_served_from_the_root_with_a_bounded_cache_and_an_offline_page(dictionary):
    client = Client()
    worker = client.get("/service-worker.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert "no-cache" in worker["Cache-Control"]
    script = worker.content.decode()
    assert "const MAX_PAGES = 60;" in script and "'/hors-ligne/'" in script and "'/dictionnaire/'" in script
    offline = client.get("/hors-ligne/")
    assert offline.status_code == 200 and "Pas de réseau pour le moment" in offline.content.decode()
