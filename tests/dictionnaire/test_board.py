"""Issue 17: the class page shows who joined the open workshop and what each writes; « Projeter au tableau »."""

import html
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from dictionnaire.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def adult(teacher):
    client = Client()
    client.force_login(teacher)
    return client


def test_the_class_page_shows_the_pupils_and_what_they_write_until_the_workshop_closes(adult, classroom, word_request):
    adult.post(reverse("dictionnaire:workshop_open", args=[classroom.pk]))
    code = Workshop.objects.get().code
    ines, leo = Client(), Client()
    ines.post("/dictionnaire/atelier/", {"code": code, "nickname": "Inès"})
    leo.post("/dictionnaire/atelier/", {"code": code, "nickname": "Léo"})
    ines.post(reverse("dictionnaire:claim", args=[word_request.pk]))
    ines.get(reverse("dictionnaire:draft_new", args=[word_request.pk]))

    page = text(adult.get(classroom.get_absolute_url()))

    assert "2 élèves ont rejoint l'atelier" in page
    assert "Inès — écrit « Mode avion »" in re.sub(r"<[^>]+>", "", page) and "Léo" in page
    adult.post(reverse("dictionnaire:workshop_close", args=[classroom.pk]))
    page = text(adult.get(classroom.get_absolute_url()))
    assert "Inès" not in page and "Léo" not in page


def test_the_board_shows_the_code_the_address_a_qr_code_and_who_is_there(adult, classroom):
    board = reverse("dictionnaire:workshop_board", args=[classroom.pk])
    assert "Aucun atelier n'est ouvert" in text(adult.get(board))
    adult.post(reverse("dictionnaire:workshop_open", args=[classroom.pk]))
    code = Workshop.objects.get().code
    Client().post("/dictionnaire/atelier/", {"code": code, "nickname": "Inès"})

    page = text(adult.get(board))

    assert code in page and "testserver/dictionnaire/atelier/" in page
    assert 'src="data:image/svg+xml' in page and f"avec le code {code}" in page
    assert "1 élève est là" in page and "Inès" in page
    assert f'href="{board}"' in page, "a refresh link works without JavaScript"
    assert "data-board-refresh" in page


def test_the_board_is_for_the_class_adult_only(classroom, other_teacher):
    board = reverse("dictionnaire:workshop_board", args=[classroom.pk])
    assert Client().get(board).status_code == 302
    intruder = Client()
    intruder.force_login(other_teacher)
    assert intruder.get(board).status_code == 403


def test_the_qr_code_opens_the_join_form_with_the_code(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)
    page = text(Client().get(f"/dictionnaire/atelier/?code={workshop.code}"))
    assert f'value="{workshop.code}"' in page
