"""Public pages of the boussole with the demo data, the error report form, freshness confirmation, open data."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from boussole.models import ErrorReport

pytestmark = pytest.mark.django_db

PAGES = [
    "/boussole/",
    "/boussole/annuaire/",
    "/boussole/agenda/",
    "/boussole/ressources/",
    "/boussole/glossaire/",
    "/boussole/orientation/",
    "/boussole/donnees/",
]


def test_error_report_reaches_the_structure_and_moderators(client, make_structure, django_user_model):
    cache.clear()
    django_user_model.objects.create_superuser("modo", "modo@exemple.org", "x" * 12)
    structure = make_structure(courriel="accueil@exemple.org")

    response = client.post(
        f"{structure.get_absolute_url()}signaler/", {"message": "Le téléphone a changé.", "website": ""}
    )

    assert response.status_code == 302
    assert ErrorReport.objects.get().structure == structure
    assert sorted(mail.outbox[0].to) == ["accueil@exemple.org", "modo@exemple.org"]


def test_error_report_honeypot_and_rate_limit(client, make_structure):
    cache.clear()
    structure = make_structure()
    url = f"{structure.get_absolute_url()}signaler/"

    client.post(url, {"message": "spam", "website": "http://spam.example"})
    assert ErrorReport.objects.count() == 0
    empty = client.post(url, {"message": ""})
    assert empty.status_code == 400 and "obligatoire" in empty.content.decode().lower()
    for _ in range(5):
        client.post(url, {"message": "Encore une erreur"})
    limited = client.post(url, {"message": "Encore une erreur"})

    assert limited.status_code == 429
    assert "réessayer dans une heure" in limited.content.decode()


def test_reminder_then_one_click_confirmation(client, make_structure):
    structure = make_structure(courriel="accueil@exemple.org", verified_at=date.today() - timedelta(days=200))

    call_command("boussole_freshness_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("boussole_freshness_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mail.outbox) == 1  # not twice in a month
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200
    client.post(link)
    structure.refresh_from_db()
    assert structure.verified_at == date.today()
    assert client.post(link).status_code == 400  # a used link does not work twice
    assert client.get(f"{structure.get_absolute_url()}confirmer/faux/").status_code == 400


def test_open_data_export_holds_only_public_sheets(client, make_structure):
    make_structure(nom="Publique")
    make_structure(nom="Brouillon", live=False)

    data = client.get("/boussole/donnees/boussole.json").json()
    csv_text = client.get("/boussole/donnees/structures.csv").content.decode()

    assert [record["nom"] for record in data["structures"]] == ["Publique"]
    assert data["licence"].startswith("Licence Ouverte")
    assert "Publique" in csv_text and "Brouillon" not in csv_text
    assert client.get("/boussole/donnees/autre.csv").status_code == 404


def test_admin_lists_boussole_snippets(admin_client, make_structure):
    make_structure(nom="Centre visible dans l'admin")

    response = admin_client.get("/admin/snippets/boussole/structure/")

    assert response.status_code == 200
    assert "Centre visible dans l" in response.content.decode()


@pytest.mark.parametrize("model", ["structure", "service", "event", "resource", "glossaryentry", "orientationquestion"])
def test_admin_add_forms_open(admin_client, model):
    assert admin_client.get(f"/admin/snippets/boussole/{model}/add/").status_code == 200


def test_admin_refuses_unreadable_opening_hours_with_a_clear_message(admin_client, make_structure):
    structure = make_structure(nom="Centre à corriger")
    url = f"/admin/snippets/boussole/structure/edit/{structure.pk}/"
    form = admin_client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update(
        {
            "nom": "Centre à corriger",
            "horaires_accueil": "lundi de 9h à 18h",
            "closures-TOTAL_FORMS": "0",
            "closures-INITIAL_FORMS": "0",
            "closures-MIN_NUM_FORMS": "0",
            "closures-MAX_NUM_FORMS": "1000",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "format OpenStreetMap" in response.content.decode()
    structure.refresh_from_db()
    assert structure.horaires_accueil != "lundi de 9h à 18h"


def test_moderators_find_stale_sheets_in_the_admin(admin_client, make_structure):
    make_structure(nom="Fiche fraîche")
    make_structure(nom="Fiche oubliée", verified_at=date.today() - timedelta(days=400))

    html = admin_client.get("/admin/snippets/boussole/structure/", {"freshness": "required"}).content.decode()

    assert "Fiche oubliée" in html and "Fiche fraîche" not in html


def test_the_reporters_address_is_erased_once_the_report_is_handled(make_structure):
    report = ErrorReport.objects.create(structure=make_structure(), message="Erreur", email="parent@exemple.org")

    report.handled = True
    report.save()

    report.refresh_from_db()
    assert report.email == ""
