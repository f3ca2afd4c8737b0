import pytest

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_orientation_walks_three_questions_and_lands_on_results(served_demo_site, page):
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(served_demo_site.url + "/boussole/")
    page.get_by_role("link", name="Je cherche de l'aide").first.click()

    assert page.get_by_text("Question 1 sur 3").is_visible()
    page.get_by_label("Écrans, ENT, démarches en ligne").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Moins de 6 ans").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Où habitez-vous ?").fill("Tourcoing")
    page.get_by_role("button", name="Continuer").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Qui peut vous aider"
    first = page.locator("#res-structures ~ ol .card").first
    assert "Tourcoing" in first.inner_text()
    first.locator("h2 a").click()
    assert page.get_by_role("heading", name="Signaler une erreur").is_visible()


def test_annuaire_map_is_an_enhancement_of_the_list(served_demo_site, page):
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(served_demo_site.url + "/boussole/annuaire/?lieu=Lille")

    cards = page.locator("ol.cards > li").count()
    assert cards >= 5
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator("#carte").is_visible()
    assert page.locator(".leaflet-marker-icon").count() == cards
    # The tiles cannot load: the map says so in a line of text, and its markers stay reachable by keyboard.
    assert page.get_by_text("La carte ne peut pas s'afficher").is_visible()
    assert page.locator(".leaflet-marker-icon[tabindex='0']").count() == cards
