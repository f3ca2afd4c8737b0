"""A moderator of one territory, in Chromium: signs in, finds on the dashboard the word a class of their territory
sent (with the class, the structure and the buttons in sight), not the word of another territory, and approves it
with one click; the word is then public."""

import pytest
from django.urls import reverse

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "un-mot-de-passe-long"


@pytest.fixture(scope="module")
def territory_site(served_demo_site, django_db_blocker):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from dictionnaire.models import Category, Classroom, Structure, Term
    from dictionnaire.roles import MODERATORS
    from portail.models import Territory

    with django_db_blocker.unblock():
        words = {}
        for name, city in (("Côte d'Opale (test)", "Calais"), ("Flandre (test)", "Dunkerque")):
            territory = Territory.objects.create(name=name, communes="62193" if city == "Calais" else "59183")
            structure = Structure.objects.create(name=f"Centre de {city} (test)", city=city, territory=territory)
            adult = get_user_model().objects.create_user(f"adulte-{city}", f"{city}@example.org", PASSWORD)
            classroom = Classroom.objects.create(
                pseudonym=f"CM1 {city} (test)", level="CM1", structure=structure, adult=adult
            )
            term = Term(word=f"Mot de {city}", category=Category.INTERNET, short_definition="Défini.", live=False)
            term.classroom = classroom
            term.save()
            term.save_revision(user=adult)
            term.get_workflow().start(term, adult)
            words[city] = term.pk
            if city == "Calais":
                moderator = get_user_model().objects.create_user("moderatrice-opale", "opale@example.org", PASSWORD)
                moderator.groups.add(Group.objects.get(name=MODERATORS))
                territory.moderators.add(moderator)
    return served_demo_site, words


def test_a_territory_moderator_approves_from_the_dashboard(territory_site, page, django_db_blocker):
    from dictionnaire.models import Term

    site, words = territory_site
    page.goto(site.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", "moderatrice-opale")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site.url + "/admin/")

    queue = page.locator("#awaiting-review-content, .moderation-queue").first
    row = page.locator("tr", has_text="Mot de Calais")
    assert "CM1 Calais (test)" in row.inner_text() and "Centre de Calais (test)" in row.inner_text()
    assert "Mot de Dunkerque" not in queue.inner_text()

    row.locator("button[data-workflow-action-url*='/approve/']").first.click()
    page.wait_for_load_state("networkidle")

    with django_db_blocker.unblock():
        assert Term.objects.get(pk=words["Calais"]).live
        assert not Term.objects.get(pk=words["Dunkerque"]).live
    page.goto(site.url + "/dictionnaire/mot-de-calais/")
    assert "Défini." in page.content()
