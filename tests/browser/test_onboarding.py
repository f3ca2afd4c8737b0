"""The network's onboarding in Chromium: a centre asks to take part → a coordinator accepts it in the admin → the
invitation e-mail (locmem) → a password chosen → a class created → a workshop opened → a pupil joins.

The centre's and the adult's pages are walked with JavaScript switched off, and axe-core checks each of them."""

import re

import pytest

from tests.browser.accessibility.probes import run_axe

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "un-mot-de-passe-long"
NEW_PASSWORD = "des-crayons-de-couleur"


@pytest.fixture(scope="module")
def served_network(served_demo_site, django_db_blocker):
    """The shared demo site with a site administrator of this test's own (committed, for the server's threads)."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        from django.contrib.auth.models import Group

        from dictionnaire.models import Accompagnateur, Structure
        from dictionnaire.roles import ACCOMPAGNATEURS

        get_user_model().objects.create_superuser("admin-navigateur", "admin-nav@example.org", PASSWORD)
        adult = get_user_model().objects.create_user("adulte-navigateur", "adulte-nav@example.org", PASSWORD)
        adult.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
        Accompagnateur.attach(adult, *Structure.objects.order_by("pk")[:2])
    return served_demo_site


@pytest.fixture
def contexts(browser):
    opened = []

    def open_page(javascript=True):
        context = browser.new_context(locale="fr-FR", java_script_enabled=javascript)
        opened.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in opened:
        context.close()


def no_axe_violation(checker, url):
    """axe-core (which needs scripts) on the same address, in a context of its own."""
    checker.goto(url)
    violations = run_axe(checker)
    assert not violations, f"{url}:\n" + "\n".join(violations)


def test_a_new_centre_is_onboarded_from_the_browser_alone(served_network, contexts):
    from django.core import mail

    url = served_network.url
    checker = contexts()

    # The centre finds « Participer » in the footer and asks, without JavaScript.
    centre = contexts(javascript=False)
    centre.goto(url + "/")
    centre.locator("footer").get_by_role("link", name="Participer").click()
    centre.wait_for_url(url + "/participer/")
    no_axe_violation(checker, url + "/participer/")
    centre.get_by_role("button", name="Envoyer la demande").click()  # empty: errors, nothing lost
    assert "Écrivez le nom de votre structure." in centre.inner_text("main")
    no_axe_violation(checker, centre.url)
    centre.get_by_label("Le nom de votre structure").fill("Centre social Navigateur")
    centre.get_by_label("Sa commune").fill("Roubaix")
    centre.get_by_label("Votre adresse e-mail").fill("direction@navigateur.example")
    centre.get_by_label("Quelques mots sur votre projet").fill("Un club numérique le mercredi.")
    centre.get_by_role("button", name="Envoyer la demande").click()
    assert "Merci, votre demande est envoyée." in centre.inner_text("main")

    # A site administrator accepts it in the admin, in one action.
    admin = contexts()
    admin.goto(url + "/admin/login/")
    admin.locator("#id_username").fill("admin-navigateur")
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("form button[type=submit]").first.click()
    admin.wait_for_url(url + "/admin/")
    admin.goto(url + "/admin/participations/")
    admin.get_by_role("link", name="Centre social Navigateur").click()
    admin.wait_for_url(re.compile(r".*/admin/participations/decider/\d+/"))
    admin.get_by_role("button", name="Accepter et inviter").click()
    admin.wait_for_url(url + "/admin/participations/")
    assert "son invitation est partie" in admin.inner_text("body")

    # The invitation e-mail (locmem backend: the live server runs in this process).
    invitation = next(message for message in mail.outbox if message.to == ["direction@navigateur.example"])
    link = re.search(r"https?://[^/\s]+(/compte/invitation/[^/\s]+/)", invitation.body).group(1)

    # The adult chooses a password and lands in the classes space, without JavaScript.
    adult = contexts(javascript=False)
    adult.goto(url + link)
    no_axe_violation(checker, url + link)
    adult.locator("#id_new_password1").fill(NEW_PASSWORD)
    adult.locator("#id_new_password2").fill(NEW_PASSWORD)
    adult.get_by_role("button", name="Créer mon compte").click()
    adult.wait_for_url(url + "/dictionnaire/classes/")
    assert "Créez maintenant votre première classe" in adult.inner_text("main")

    # A class at once, then a workshop.
    adult.get_by_label("Nom de la classe").fill("CM2 Navigateur Roubaix")
    adult.get_by_label("Niveau").select_option("CM2")
    adult.get_by_role("button", name="Créer la classe").click()
    adult.get_by_role("button", name="Ouvrir un atelier (3 heures)").click()
    code = adult.locator("[data-workshop-code]").inner_text().strip()
    adult.goto(url + "/compte/")
    assert "direction@navigateur.example" in adult.inner_text("main")

    # A pupil joins with the code.
    pupil = contexts()
    pupil.goto(url + "/dictionnaire/atelier/")
    pupil.get_by_label("Le code de l'atelier").fill(code)
    pupil.get_by_label("Ton prénom ou ton surnom").fill("Noé")
    pupil.get_by_role("button", name="Entrer dans l'atelier").click()
    assert "CM2 Navigateur Roubaix" in pupil.inner_text("main")

    # The link served once.
    assert adult.goto(url + link).status == 404


def test_the_account_pages_have_no_axe_violation(served_network, contexts):
    """The adult's pages once signed in: the classes space and their account; and the forgotten password."""
    url = served_network.url
    page = contexts()
    for path in ("/dictionnaire/connexion/", "/compte/mot-de-passe-oublie/", "/compte/invitation/perime/"):
        page.goto(url + path)
        assert not run_axe(page), path
    page.goto(url + "/dictionnaire/connexion/")
    # an adult of two structures (a site administrator would also get Wagtail's user bar, not ours to check here)
    page.get_by_label("Nom d’utilisateur").fill("adulte-navigateur")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Me connecter").click()
    page.wait_for_url(url + "/dictionnaire/classes/")
    for path in ("/dictionnaire/classes/", "/compte/"):
        page.goto(url + path)
        violations = run_axe(page)
        assert not violations, f"{path}:\n" + "\n".join(violations)
