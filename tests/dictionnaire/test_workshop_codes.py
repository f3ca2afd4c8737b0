"""Issue 17: a class shares one address; wrong workshop codes are counted per browser as well as per address,
and the adult can unlock their workshop."""

import html

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from dictionnaire.models import Pupil, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


def join(client, code, nickname="Léo"):
    return client.post("/dictionnaire/atelier/", {"code": code, "nickname": nickname})


def test_one_pupil_mistyping_slows_down_that_browser_only(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)
    clumsy = Client()
    for _attempt in range(11):  # over the 10 an hour a browser may get wrong
        join(clumsy, "AAAAAA")

    assert "Trop d'essais" in text(join(clumsy, workshop.code)), "this browser waits"
    assert join(Client(), workshop.code, "Inès").status_code == 302, "the rest of the class, same address, joins"
    assert list(Pupil.objects.values_list("nickname", flat=True)) == ["Inès"]


def test_the_adult_unlocks_a_workshop_locked_by_wrong_codes_from_the_school_address(classroom, teacher, other_teacher):
    workshop = Workshop.open(classroom, teacher)
    for _pupil in range(7):  # several pupils, a few wrong codes each: the school's address is over its limit
        browser = Client()
        for _attempt in range(3):
            join(browser, "AAAAAA")
    latecomer = Client()
    response = join(latecomer, workshop.code, "Inès")
    assert response.status_code == 429 and "Trop d'essais" in text(response)

    intruder = Client()
    intruder.force_login(other_teacher)
    assert intruder.post(reverse("dictionnaire:workshop_unlock", args=[classroom.pk])).status_code == 403
    assert join(latecomer, workshop.code, "Inès").status_code == 429

    adult = Client()
    adult.force_login(teacher)
    assert "Débloquer l'atelier" in text(adult.get(classroom.get_absolute_url()))
    response = adult.post(reverse("dictionnaire:workshop_unlock", args=[classroom.pk]), follow=True)
    assert "L'atelier est débloqué" in text(response)

    assert join(latecomer, workshop.code, "Inès").status_code == 302
    assert join(Client(), "AAAAAA").status_code == 429, "guessing other codes from that address still waits"
