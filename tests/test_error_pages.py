"""Refusals are pages, not dead ends: 403, the CSRF failure, 404 and 500 are French pages in the site's layout,
with a way back and, for 403, what to do and whom to ask. The 500 page needs neither the database nor the request.
"""

import html
import re

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import path
from django.views.defaults import server_error

from portail.urls import handler403  # noqa: F401  (this test URLconf keeps the site's handler)
from portail.urls import urlpatterns as site_urlpatterns


def refuse(request):
    raise PermissionDenied("détail interne à ne pas montrer")


def database_down(request):
    raise OperationalError("could not connect to server: DATABASE_URL=postgres://portail:secret@db")


#: The site's URLs plus a refused and a failing address, in every language (the accessibility survey visits them).
urlpatterns = [
    *i18n_patterns(path("refus/", refuse), path("panne/", database_down), prefix_default_language=False),
    *site_urlpatterns,
]


def text(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def in_site_layout(response):
    content = response.content.decode()
    return 'class="site-header"' in content and 'id="contenu"' in content and 'lang="fr"' in content


@pytest.mark.urls("tests.test_error_pages")
def test_a_refusal_tells_a_visitor_how_to_sign_in_and_whom_to_ask(client, demo_site):
    response = client.get("/refus/", HTTP_REFERER="http://testserver/dictionnaire/")

    assert response.status_code == 403
    assert in_site_layout(response)
    page = text(response)
    assert "Vous n'avez pas accès à cette page" in page
    assert "Me connecter avec mon compte d'adulte" in page and "/dictionnaire/connexion/?next=/refus/" in (
        response.content.decode()
    )
    assert "Écrivez-nous" in page and "mailto:" in response.content.decode()
    assert 'href="http://testserver/dictionnaire/"' in response.content.decode(), "a way back to where they were"
    assert "Revenir à l'accueil" in page
    assert "détail interne" not in page


@pytest.mark.urls("tests.test_error_pages")
def test_a_refusal_tells_a_signed_in_adult_who_can_give_access(client, demo_site, django_user_model):
    adult = django_user_model.objects.create_user("camille", "c@example.org", "un-mot-de-passe-long")
    client.force_login(adult)

    response = client.get("/refus/", HTTP_REFERER="https://ailleurs.example/piege/")

    assert response.status_code == 403
    page = text(response)
    assert "Le compte camille n'a pas le droit d'ouvrir cette page" in page
    assert "administrateur de votre structure" in page
    assert "ailleurs.example" not in response.content.decode(), "never a way back to another site"


def test_a_form_sent_without_its_token_gets_a_french_page_with_a_way_back(demo_site):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/dictionnaire/demander/", {"word": "Cloud"}, HTTP_REFERER="http://testserver/dictionnaire/demander/"
    )

    assert response.status_code == 403
    assert in_site_layout(response)
    page = text(response)
    assert "Ce formulaire n'a pas pu être envoyé" in page
    assert "rechargez la page" in page
    assert 'href="http://testserver/dictionnaire/demander/"' in response.content.decode()
    assert "Cloud" not in page, "nothing sent is shown back"
    assert "CSRF" not in page and "Forbidden" not in page


@pytest.mark.urls("tests.test_error_pages")
def test_a_server_error_page_in_the_layout_even_when_the_database_is_down(client, demo_site):
    client.raise_request_exception = False

    response = client.get("/panne/")

    assert response.status_code == 500
    page = text(response)
    assert "Un problème est survenu" in page and "Revenir à l'accueil" in page
    assert 'class="site-header"' in response.content.decode() and 'lang="fr"' in response.content.decode()
    assert "secret" not in page and "OperationalError" not in page


def test_the_server_error_page_reads_no_database(django_db_blocker):
    request = RequestFactory().get("/n-importe-ou/")

    with django_db_blocker.block():
        response = server_error(request)

    assert response.status_code == 500
    assert "Un problème est survenu" in response.content.decode()
    assert "/static/portail/css/site.css" in response.content.decode()


def test_an_unknown_page_has_a_way_back(client, demo_site):
    response = client.get("/dictionnaire/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert in_site_layout(response)
    assert "Revenir à l'accueil" in text(response)
