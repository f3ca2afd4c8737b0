"""JavaScript switched off in Chromium: the core tasks still work, by keyboard, with the plain HTML forms and links."""

import pytest

from . import tasks

# django_db (not transactional): the test database gets created; the suites never flush the shared demo site.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def no_javascript(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    yield context
    context.close()


@pytest.fixture
def page(no_javascript):
    page = no_javascript.new_page()
    page.set_default_timeout(15_000)
    yield page
    page.close()


def test_search_a_word_and_open_it(a11y_site, page):
    tasks.search_a_word_and_open_it(page, a11y_site)
    assert page.locator("#site-search-q[role=combobox]").count() == 0, "no script ran"


def test_ask_for_a_word(a11y_site, page):
    tasks.ask_for_a_word(page, a11y_site, "Cryptomonnaie")


def test_filter_fiches(a11y_site, page):
    tasks.filter_fiches(page, a11y_site)


def test_find_an_open_structure(a11y_site, page):
    tasks.find_an_open_structure(page, a11y_site)
    assert page.locator(".leaflet-container").count() == 0


def test_complete_the_orientation(a11y_site, page):
    tasks.complete_the_orientation(page, a11y_site)
