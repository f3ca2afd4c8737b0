"""The dictionary's loop in Chromium: a senior asks → a class writes it in a workshop → the adult submits →
a moderator approves in Wagtail's admin → the senior finds the definition."""

import re

import pytest
from django.contrib.auth.models import Group

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "un-mot-de-passe-long"


@pytest.fixture(scope="module")
def served_dictionary(served_demo_site, django_db_blocker):
    """The shared demo site, with a class and a moderator of this test's own (committed, for the server's threads)."""
    from django.contrib.auth import get_user_model

    from dictionnaire.models import Accompagnateur, Classroom, Structure
    from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS

    with django_db_blocker.unblock():
        users = get_user_model().objects
        structure = Structure.objects.create(name="École des Tests")
        teacher = users.create_user("maitresse-navigateur", "maitresse@example.org", PASSWORD)
        teacher.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
        Accompagnateur.attach(teacher, structure)
        Classroom.objects.create(pseudonym="CM2 Navigateur 2026", level="CM2", structure=structure, adult=teacher)
        moderator = users.create_user("moderatrice-navigateur", "moderatrice@example.org", PASSWORD)
        moderator.groups.add(Group.objects.get(name=MODERATORS))
    return served_demo_site


@pytest.fixture
def new_page(browser):
    """Opens a page in a browser context of its own; every context is closed after the test (no lingering
    keep-alive connection to the shared server)."""
    contexts = []

    def open_page():
        context = browser.new_context(locale="fr-FR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_the_whole_loop_in_a_browser(served_dictionary, new_page):
    url = served_dictionary.url

    # A senior asks for a word, from the prefilled form a search with no result leads to.
    senior = new_page()
    senior.goto(url + "/dictionnaire/demander/?mot=Mode%20silencieux")
    assert senior.get_by_label("Le mot que vous ne comprenez pas").input_value() == "Mode silencieux"
    senior.get_by_label("Où l'avez-vous vu ou entendu ?").fill("dans les réglages du téléphone")
    senior.get_by_role("button", name="Envoyer ma demande").click()
    senior.wait_for_url(re.compile(r".*/dictionnaire/suivi/\w+/"))
    assert "en attente d'une classe" in senior.inner_text("main")

    # The adult logs in and opens a workshop.
    adult = new_page()
    adult.goto(url + "/dictionnaire/connexion/")
    adult.get_by_label("Nom d’utilisateur").fill("maitresse-navigateur")
    adult.get_by_label("Mot de passe").fill(PASSWORD)
    adult.get_by_role("button", name="Me connecter").click()
    adult.get_by_role("link", name="CM2 Navigateur 2026").click()
    adult.get_by_role("button", name="Ouvrir un atelier (3 heures)").click()
    code = adult.locator("[data-workshop-code]").inner_text().strip()

    # A pupil joins with the code and a nickname, takes the word and writes it.
    pupil = new_page()
    pupil.goto(url + "/dictionnaire/atelier/")
    pupil.get_by_label("Le code de l'atelier").fill(code)
    pupil.get_by_label("Ton prénom ou ton surnom").fill("Inès")
    pupil.get_by_role("button", name="Entrer dans l'atelier").click()
    pupil.get_by_role("button", name="Prendre « Mode silencieux »").click()
    pupil.get_by_role("link", name="Écrire la définition de « Mode silencieux »").click()
    pupil.get_by_label("Catégorie").select_option("materiel")
    pupil.get_by_label("Définition courte").fill("Un bouton qui coupe la sonnerie, sans couper les appels.")
    pupil.get_by_label("Ce que je trouve dangereux des fois").fill("On rate un appel important.")
    pupil.get_by_label("Ce que je trouve cool en même temps").fill("Ça économise la batterie.")
    pupil.get_by_role("button", name="Enregistrer le brouillon").click()
    assert "Brouillon enregistré" in pupil.inner_text("main")

    # The adult sends it to the moderators.
    adult.reload()
    adult.get_by_role("link", name="Relire « Mode silencieux » et l'envoyer aux modérateurs").click()
    adult.get_by_role("button", name="Envoyer « Mode silencieux » aux modérateurs").click()
    assert "est envoyé aux modérateurs" in adult.inner_text("main")

    # The moderator approves it in Wagtail's admin.
    moderator = new_page()
    moderator.goto(url + "/admin/login/")
    moderator.locator("#id_username").fill("moderatrice-navigateur")
    moderator.locator("#id_password").fill(PASSWORD)
    moderator.locator("form button[type=submit]").first.click()
    moderator.wait_for_url(url + "/admin/")
    from dictionnaire.models import Term

    term = Term.objects.get(word="Mode silencieux")
    moderator.goto(url + f"/admin/snippets/dictionnaire/term/edit/{term.pk}/")
    approve = moderator.locator("button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
    with moderator.expect_navigation():
        approve.first.dispatch_event("click")
    term.refresh_from_db()
    assert term.live, "approved and published by the moderator"

    # The senior finds the definition on the A–Z index and reads it.
    senior.goto(url + "/dictionnaire/")
    senior.get_by_role("navigation", name="Lettres de l’alphabet").get_by_role("link", name="M", exact=True).click()
    senior.wait_for_url(re.compile(r"/dictionnaire/\?lettre=M"))
    senior.locator(".term-list").get_by_role("link", name="Mode silencieux").click()
    senior.wait_for_url("**/dictionnaire/mode-silencieux/")
    assert "Un bouton qui coupe la sonnerie" in senior.inner_text("main")
    assert "CM2 Navigateur 2026" in senior.inner_text("main")
    assert "Inès" not in senior.content()
    # « Écouter » shows only where the browser can speak.
    can_speak = senior.evaluate("'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function'")
    assert senior.get_by_role("button", name="Écouter").is_visible() == can_speak
