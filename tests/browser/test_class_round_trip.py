"""Issue 17 in Chromium: claim → write → preview → submit → request changes with a comment → the pupils read the
comment → fix → submit again → approve → the senior finds it; then the same word once more, as an improvement of
the published definition. The request for changes goes through Wagtail's API in the test (``TaskState.reject``,
what the admin's « Demander des modifications » calls); approvals are clicked in Wagtail's admin in the browser."""

import threading

import pytest
from django.contrib.auth.models import Group

from tests.browser.accessibility.probes import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "un-mot-de-passe-long"
WORD = "Mode sombre"


@pytest.fixture(scope="module")
def served_class(served_demo_site, django_db_blocker):
    from django.contrib.auth import get_user_model

    from dictionnaire.models import Accompagnateur, Classroom, Structure, WordRequest
    from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS

    with django_db_blocker.unblock():
        users = get_user_model().objects
        structure = Structure.objects.create(name="École des allers-retours")
        teacher = users.create_user("maitre-allers-retours", "maitre-ar@example.org", PASSWORD)
        teacher.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
        Accompagnateur.attach(teacher, structure)
        Classroom.objects.create(pseudonym="CM1 Allers-retours", level="CM1", structure=structure, adult=teacher)
        moderator = users.create_user("moderateur-allers-retours", "moderateur-ar@example.org", PASSWORD)
        moderator.groups.add(Group.objects.get(name=MODERATORS))
        request = WordRequest.ask(WORD).request
        WordRequest.objects.filter(pk=request.pk).update(count=999)  # first in the wanted list
    return served_demo_site


@pytest.fixture
def new_page(browser):
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


def request_changes(comment):
    """Wagtail's « Demander des modifications », committed so that the live server sees it.

    The test runs in a transaction: on PostgreSQL the live server's own connection would not see an uncommitted
    rejection, so it is made from a thread of its own (its connection commits); SQLite's in-memory test database
    is one connection shared with the live server, which sees it at once.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection
    from wagtail.models import TaskState

    def reject():
        moderator = get_user_model().objects.get(username="moderateur-allers-retours")
        TaskState.objects.get(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id=str(term().pk)
        ).specific.reject(user=moderator, comment=comment)

    if connection.vendor != "postgresql":
        reject()
        return
    failures = []

    def in_its_own_connection():
        try:
            reject()
        except Exception as error:  # noqa: BLE001  (raised again in the test's thread)
            failures.append(error)
        finally:
            connection.close()

    worker = threading.Thread(target=in_its_own_connection)
    worker.start()
    worker.join()
    if failures:
        raise failures[0]


def term():
    from dictionnaire.models import Term

    return Term.objects.get(word=WORD)


def approve_in_admin(moderator, url):
    moderator.goto(url + f"/admin/snippets/dictionnaire/term/edit/{term().pk}/")
    approve = moderator.locator("button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
    with moderator.expect_navigation():
        approve.first.dispatch_event("click")


def adult_sends(adult, url):
    adult.goto(url + adult.class_path)
    adult.get_by_role("link", name=f"Relire « {WORD} » et l'envoyer aux modérateurs").click()
    assert "Aperçu : cette version n'est pas publiée." in adult.inner_text("main")
    assert adult.locator("main textarea").count() == 0, "read-only"
    assert run_axe(adult) == []
    adult.get_by_role("button", name=f"Envoyer « {WORD} » aux modérateurs").click()
    assert "est envoyé aux modérateurs" in adult.inner_text("main")


def pupil_fixes(pupil, url, comment, field, value):
    pupil.goto(url + "/dictionnaire/atelier/")
    assert comment in pupil.inner_text("main"), "the moderators' comment is where the pupils work"
    pupil.get_by_role("link", name=f"Continuer {WORD}").click()
    assert comment in pupil.inner_text("main"), "and above the draft"
    assert run_axe(pupil) == []
    pupil.get_by_label(field).fill(value)
    pupil.get_by_role("button", name="Enregistrer le brouillon").click()
    assert "Modification enregistrée" in pupil.inner_text("main")


def test_a_word_goes_round_the_moderators_twice_and_the_senior_finds_each_version(served_class, new_page):
    url = served_class.url

    adult = new_page()
    adult.goto(url + "/dictionnaire/connexion/")
    adult.get_by_label("Nom d’utilisateur").fill("maitre-allers-retours")
    adult.get_by_label("Mot de passe").fill(PASSWORD)
    adult.get_by_role("button", name="Me connecter").click()
    adult.get_by_role("link", name="CM1 Allers-retours").click()
    adult.class_path = adult.url.split(url, 1)[-1]
    adult.get_by_role("button", name="Ouvrir un atelier (3 heures)").click()
    code = adult.locator("[data-workshop-code]").inner_text().strip()

    pupil = new_page()
    pupil.goto(url + "/dictionnaire/atelier/")
    pupil.get_by_label("Le code de l'atelier").fill(code)
    pupil.get_by_role("button", name="Entrer avec un surnom au hasard (par exemple « Renard bleu »)").click()
    assert "Bienvenue" in pupil.inner_text("main")

    # Claim, write, preview as the grandparents will read it.
    pupil.get_by_role("button", name=f"Prendre « {WORD} »").click()
    pupil.get_by_role("link", name=f"Écrire la définition de « {WORD} »").click()
    pupil.get_by_label("Catégorie").select_option("materiel")
    pupil.get_by_label("Définition courte").fill("Un réglage qui met l'écran en noir.")
    pupil.get_by_label("Définition complète").fill(
        "On le trouve dans les réglages :\n- sur le téléphone\n- sur l'ordinateur"
    )
    pupil.get_by_role("button", name="Enregistrer le brouillon").click()
    assert "Brouillon enregistré" in pupil.inner_text("main")
    pupil.get_by_role("link", name=f"Voir « {WORD} » comme les grands-parents").click()
    assert "comme les grands-parents la liront" in pupil.inner_text("main")
    assert pupil.locator("main .rich-text li").count() == 2, "the pupils' list is a list"
    assert run_axe(pupil) == []

    # The adult sees who is there and what they write, and projects the code.
    adult.goto(url + adult.class_path)
    assert "1 élève a rejoint l'atelier" in adult.inner_text("main")
    assert run_axe(adult) == []
    adult.get_by_role("link", name="Projeter au tableau (code, QR code et élèves présents)").click()
    assert code in adult.inner_text("main") and "1 élève est là" in adult.inner_text("main")
    assert run_axe(adult) == []

    # Round 1: sent, sent back with a comment, fixed, sent again, approved, found by the senior.
    adult_sends(adult, url)
    request_changes("Dites à quoi il sert.")
    pupil_fixes(
        pupil,
        url,
        "Dites à quoi il sert.",
        "Définition courte",
        "Un réglage qui met l'écran en noir pour moins fatiguer les yeux.",
    )
    adult_sends(adult, url)
    moderator = new_page()
    moderator.goto(url + "/admin/login/")
    moderator.locator("#id_username").fill("moderateur-allers-retours")
    moderator.locator("#id_password").fill(PASSWORD)
    moderator.locator("form button[type=submit]").first.click()
    moderator.wait_for_url(url + "/admin/")
    approve_in_admin(moderator, url)
    senior = new_page()
    senior.goto(url + f"/dictionnaire/{term().slug}/")
    assert "Un réglage qui met l'écran en noir pour moins fatiguer les yeux." in senior.inner_text("main")

    # Round 2, the same word: the class improves the published definition; sent back once more, then approved.
    pupil.goto(url + "/dictionnaire/atelier/")
    pupil.get_by_text("Voir les").click()  # the published words are folded away
    pupil.locator("section[aria-labelledby=ameliorer]").get_by_role("link", name=WORD, exact=True).click()
    pupil.get_by_label("Ce que je trouve cool en même temps").fill("Ça économise la batterie.")
    pupil.get_by_role("button", name="Enregistrer le brouillon").click()
    adult_sends(adult, url)
    request_changes("Sur quels téléphones ?")
    pupil_fixes(
        pupil,
        url,
        "Sur quels téléphones ?",
        "Ce que je trouve cool en même temps",
        "Ça économise la batterie des téléphones récents.",
    )
    adult_sends(adult, url)
    approve_in_admin(moderator, url)
    senior.reload()
    assert "Ça économise la batterie des téléphones récents." in senior.inner_text("main")
    assert "Un réglage qui met l'écran en noir pour moins fatiguer les yeux." in senior.inner_text("main")
