import pytest

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_a_reader_filters_by_departement_and_opens_a_fiche(served_demo_site, page):
    page.goto(served_demo_site.url + "/fiches/")
    assert page.get_by_role("main").get_by_role("status").inner_text() == "26 fiches trouvées"

    assert page.get_by_role("button", name="Afficher les fiches").count() == 2  # at the top and the bottom
    page.locator(".facet-group summary", has_text="Département").click()  # the groups are folded
    page.get_by_label("Somme (80)").check()
    page.wait_for_url("**/fiches/?*departement=80*")  # with JavaScript the list follows the ticked box
    page.wait_for_function("document.querySelectorAll('.fiche-card').length === 3")

    assert page.get_by_role("main").get_by_role("status").inner_text() == "3 fiches trouvées"
    cards = page.locator(".fiche-card h2 a")
    assert cards.count() == 3
    assert all("Somme (80)" in text for text in page.locator(".fiche-card__meta").all_inner_texts())
    assert page.get_by_label("Somme (80)").is_checked()

    title = cards.first.inner_text()
    cards.first.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator("dl.fiche-facts").inner_text().count("Somme (80)") == 1
    assert page.locator(".fiche-section h2").count() >= 5
