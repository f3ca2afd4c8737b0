"""Issue 17: the pupils' edit-conflict page shows both versions side by side with the changed parts marked, and a
second click never overwrites the other person's text without an explicit choice."""

import html

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from dictionnaire.models import Term, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def data(term, base, **changes):
    return {
        "word": term.word,
        "category": term.category,
        "short_definition": term.short_definition,
        "full_text": "La box l'envoie **par les airs**.",
        "usages": term.usages,
        "danger": term.danger,
        "cool": term.cool,
        "base_revision": base,
        **changes,
    }


def danger_of(term):
    return Term.objects.get(pk=term.pk).get_latest_revision_as_object().danger


def test_a_second_click_needs_a_choice_and_the_changed_parts_are_marked(classroom, teacher, published_term):
    base = published_term.latest_revision_id
    edit = reverse("dictionnaire:draft_edit", args=[published_term.pk])
    adult = Client()
    adult.force_login(teacher)
    adult.post(edit + f"?classe={classroom.pk}", data(published_term, base, danger="Version de l'adulte."))
    pupil = Client()
    pupil.post("/dictionnaire/atelier/", {"code": Workshop.open(classroom, teacher).code, "nickname": "Inès"})
    mine = data(published_term, base, danger="Version de l'élève.")

    response = pupil.post(edit, mine)

    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert "Les deux versions" in page and "(différent)" in page
    assert page.count('class="changed"') == 1, "only the danger part differs"
    assert "La box l'envoie **par les airs**." in page, "the full definition compared as text on both sides"
    seen = Term.objects.get(pk=published_term.pk).latest_revision_id
    assert f'name="version_vue" value="{seen}"' in page

    again = pupil.post(edit, {**mine, "version_vue": seen})
    assert again.status_code == 409 and danger_of(published_term) == "Version de l'adulte.", "no choice, no overwrite"

    chosen = pupil.post(edit, {**mine, "version_vue": seen, "choix": "garder-ma-version"})
    assert chosen.status_code == 302 and danger_of(published_term) == "Version de l'élève."


def test_a_choice_made_on_an_older_version_does_not_overwrite_a_newer_one(classroom, teacher, published_term):
    base = published_term.latest_revision_id
    edit = reverse("dictionnaire:draft_edit", args=[published_term.pk]) + f"?classe={classroom.pk}"
    adult = Client()
    adult.force_login(teacher)
    adult.post(edit, data(published_term, base, danger="Première."))
    seen = Term.objects.get(pk=published_term.pk).latest_revision_id
    adult.post(edit, data(published_term, seen, danger="Deuxième."))

    response = adult.post(
        edit, data(published_term, base, danger="Troisième.", version_vue=seen, choix="garder-ma-version")
    )

    assert response.status_code == 409 and danger_of(published_term) == "Deuxième."
