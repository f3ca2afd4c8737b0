"""One organisation, one identity: a definition's credits lead to the centre's Boussole sheet, which lists the
words its classes wrote; in the admin the link is chosen with a chooser."""

from datetime import date

import pytest

from boussole.models import Structure as Sheet
from dictionnaire.models import Category, Classroom, Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(db):
    today = date.today()
    return Sheet.objects.create(
        source="boussole",
        source_id="lg",
        nom="Centre social Lazare-Garreau",
        date_maj=today,
        verified_at=today,
        live=True,
    )


@pytest.fixture
def written(structure, adult, sheet):
    structure.boussole_structure = sheet
    structure.save()
    classroom = Classroom.objects.create(pseudonym="CM2 Lazare", level="CM2", structure=structure, adult=adult)
    term = Term(word="Wi-Fi", category=Category.INTERNET, short_definition="Internet sans fil.", classroom=classroom)
    term.save()
    term.save_revision().publish()
    return term


def test_the_credits_of_a_definition_lead_to_the_boussole_sheet(client, written, sheet, dictionary_index):
    response = client.get("/dictionnaire/wi-fi/")
    assert response.status_code == 200
    assert f'href="/boussole/annuaire/{sheet.slug}/"' in response.text


def test_no_link_to_a_sheet_that_is_not_public(client, written, sheet, dictionary_index):
    Sheet.objects.filter(pk=sheet.pk).update(live=False)
    assert "/boussole/annuaire/" not in client.get("/dictionnaire/wi-fi/").text


def test_the_boussole_sheet_lists_the_words_its_classes_wrote(client, written, sheet):
    response = client.get(f"/boussole/annuaire/{sheet.slug}/")
    assert response.status_code == 200
    assert 'href="/dictionnaire/wi-fi/"' in response.text


def test_a_sheet_of_a_centre_without_classes_lists_no_words(client, sheet):
    assert "Les mots écrits par ses classes" not in client.get(f"/boussole/annuaire/{sheet.slug}/").text


def test_the_admin_links_a_structure_to_its_sheet_with_a_chooser(client, superuser, structure):
    client.force_login(superuser)
    response = client.get(f"/admin/snippets/dictionnaire/structure/edit/{structure.pk}/")
    assert response.status_code == 200
    assert "/admin/snippets/choose/boussole/structure/" in response.text
