import pytest

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_misspelt_word_in_the_header_box_leads_to_the_term_by_keyboard(served_demo_site, page):
    page.goto(served_demo_site.url + "/")
    box = page.get_by_role("combobox", name="Chercher un mot du dictionnaire")

    box.click()
    page.keyboard.type("ouifi", delay=40)
    suggestions = page.get_by_role("listbox", name="Mots proposés")
    suggestions.get_by_role("option").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert suggestions.get_by_role("option").first.inner_text().startswith("Wi-Fi")

    page.keyboard.press("ArrowDown")
    first = suggestions.get_by_role("option").first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    page.keyboard.press("Enter")

    page.wait_for_url("**/dictionnaire/wi-fi/")
    assert "Wi-Fi" in page.get_by_role("heading", level=1).inner_text()
