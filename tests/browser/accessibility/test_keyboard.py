"""Keyboard only: the skip link comes first, every focusable element shows its focus, and the core tasks can be done
with Tab, Space, Enter and typing (JavaScript on)."""

import pytest

from . import tasks
from .survey import MINIMAL_STATES, report

# django_db (not transactional): the test database gets created; the suites never flush the shared demo site.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def keyboard(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800})
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    yield context
    context.close()


@pytest.fixture
def page(keyboard):
    page = keyboard.new_page()
    page.set_default_timeout(15_000)
    yield page
    page.close()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_first_tab_stop_is_a_visible_skip_link_to_the_content(survey, language):
    expected = {"isSkipLink": True, "onScreen": True, "targetIsMain": True}
    problems = report(
        survey[language],
        lambda finding: [f"first Tab stop: {finding.skip_link}"] if finding.skip_link != expected else [],
    )
    assert not problems, problems


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_focusable_element_shows_a_focus_ring(survey, language):
    problems = report(survey[language], lambda finding: finding.focus["missing"])
    assert not problems, f"no visible focus ({language}):\n{problems}"
    assert all(
        finding.focus["checked"] > (2 if finding.state in MINIMAL_STATES else 5)
        for finding in survey[language]
        if not finding.unreachable
    )


def test_search_a_word_and_open_it(a11y_site, page):
    tasks.search_a_word_and_open_it(page, a11y_site)
    assert page.locator("#site-search-q[role=combobox]").count() == 1, "the suggestions' script ran"


def test_ask_for_a_word(a11y_site, page):
    tasks.ask_for_a_word(page, a11y_site, "Métavers")


def test_filter_fiches(a11y_site, page):
    tasks.filter_fiches(page, a11y_site)


def test_find_an_open_structure(a11y_site, page):
    tasks.find_an_open_structure(page, a11y_site)


def test_complete_the_orientation(a11y_site, page):
    tasks.complete_the_orientation(page, a11y_site)
