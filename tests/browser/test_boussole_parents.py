"""A parent in Roubaix (issue 22): their own words, answers within 30 km, the child's age, a call back."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from boussole.callbacks import CallbackRequest, purge_closed_callbacks

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def card_names(page):
    return page.locator("ol.cards > li h2").all_inner_texts()


def test_a_parent_in_roubaix_finds_childcare_nearby_for_a_toddler_and_asks_to_be_called_back(served_demo_site, page):
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(served_demo_site.url + "/boussole/annuaire/")
    page.get_by_label("Besoin").select_option(label="Faire garder mon enfant")
    page.get_by_label("Où ? (commune ou code postal)").fill("Roubaix")
    page.locator("main form[role=search] button[type=submit]").click()

    assert page.get_by_text("Les réponses à moins de 30 km de Roubaix.").is_visible()
    distances = [
        float(d.replace(",", ".")) for d in re.findall(r"à ([\d,]+) km", page.locator("ol.cards").inner_text())
    ]
    assert distances and max(distances) <= 30
    everyone = card_names(page)
    assert "Maison de développement social Echo" in everyone  # its « Accueil jeunes (12-17 ans) »
    assert "CCAS de Grande-Synthe" not in everyone  # the same service, 80 km away

    page.get_by_label("Âge de l'enfant").select_option(label="parents d'enfants de moins de 6 ans")
    page.locator("main form[role=search] button[type=submit]").click()
    toddlers = card_names(page)
    assert toddlers and "Maison de développement social Echo" not in toddlers
    assert "Accueil jeunes" not in page.locator("ol.cards").inner_text()

    page.get_by_role("link", name="Voir les ateliers et événements de cette recherche").click()
    agenda = page.locator("main").inner_text()
    assert "Halte-garderie : portes ouvertes" in agenda and "Stage vacances ados" not in agenda
    page.get_by_label("Âge de l'enfant").select_option("")
    page.locator("main form[role=search] button[type=submit]").click()
    assert "Stage vacances ados" in page.locator("main").inner_text()

    page.go_back()
    page.go_back()
    page.locator("ol.cards > li h2 a").first.click()
    page.get_by_role("link", name="Demander à être rappelé(e)").click()
    page.get_by_label("Votre prénom").fill("Samia")
    page.get_by_label("Votre numéro de téléphone").fill("06 12 34 56 78")
    page.get_by_label("le matin").check()
    page.get_by_label("J'accepte que la structure garde").check()
    page.get_by_role("button", name="Être rappelé(e)").click()

    reference = page.locator(".reference").inner_text()
    callback = CallbackRequest.objects.get(reference=reference)
    assert callback.telephone == "06 12 34 56 78" and callback.status == CallbackRequest.OPEN
    assert callback in CallbackRequest.objects.filter(structure=callback.structure, status="a-rappeler")

    callback.status = CallbackRequest.DONE
    callback.save()
    purge_closed_callbacks(now=timezone.now() + timedelta(days=29))
    callback.refresh_from_db()
    assert callback.telephone == "06 12 34 56 78"
    purge_closed_callbacks(now=timezone.now() + timedelta(days=31))  # the clock moved a month on
    callback.refresh_from_db()
    assert callback.telephone == "" and callback.prenom == ""
