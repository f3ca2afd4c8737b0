import pytest

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_home_page_shows_the_three_sections_and_leads_to_them(served_demo_site, page):
    page.goto(served_demo_site.url + "/")

    assert page.locator("html").get_attribute("lang") == "fr"
    navigation = page.get_by_role("navigation", name="Les trois parties du site")
    assert navigation.get_by_role("link").all_inner_texts() == [
        "Quand les enfants deviennent profs",
        "Fiches d'expériences",
        "Boussole parentale",
    ]
    cards = page.locator(".section-card h2")
    assert cards.count() == 3

    page.get_by_role("main").get_by_role("link", name="Boussole parentale").click()
    page.wait_for_url("**/boussole/")
    assert page.get_by_role("heading", level=1).inner_text() == "Boussole parentale"


def test_skip_link_is_first_and_moves_focus_to_the_content(served_demo_site, page):
    page.goto(served_demo_site.url + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_base_text_is_at_least_18_pixels(served_demo_site, page):
    page.goto(served_demo_site.url + "/")

    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert size >= 18
