"""The accessibility suites run on the served demo site that the whole browser package shares (see
``tests/browser/conftest.py``): in French and in Arabic, with an open workshop. The tests here never ask for
``live_server`` nor ``transactional_db``: pytest-django would then flush the database after each of them.
"""

import pytest

from .survey import FRENCH_AND_ARABIC, survey_site


@pytest.fixture(scope="package")
def a11y_site(served_demo_site):
    return served_demo_site


@pytest.fixture(scope="package")
def survey(a11y_site, browser):
    """Every public page type and state, visited once per language: axe-core, reflow, focus and skip link findings."""
    return {language: survey_site(browser, a11y_site, language) for language in FRENCH_AND_ARABIC}
