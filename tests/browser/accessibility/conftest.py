"""One served demo site, in French and in Arabic, shared by every accessibility suite of this folder.

The demo data takes long to load, so it is loaded once for the folder (``scope="package"``) on a live server of its
own, and the database is flushed after the last test of the folder, as a transactional test leaves it. The tests here
never ask for ``live_server`` nor ``db``: pytest-django would then flush the database after each of them.
"""

import os

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

from .survey import FRENCH_AND_ARABIC, survey_site


class DemoSite:
    def __init__(self, url, workshop_code):
        self.url = url
        self.workshop_code = workshop_code


def translate_demo_pages(language_code):
    """The Wagtail pages the suites visit, copied into ``language_code`` and published (untranslated text)."""
    from wagtail.models import Locale

    from fiches.models import ExperiencePage
    from portail.models import HomePage

    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    home = HomePage.objects.get(locale=Locale.get_default())
    pages = [home, *home.get_children().specific(), *ExperiencePage.objects.filter(departement="80").order_by("path")]
    for page in pages:
        page.copy_for_translation(locale, copy_parents=True).save_revision().publish()


def open_demo_workshop():
    """An open workshop of a demo class, as an adult opens it; returns its code for the pupils."""
    from django.contrib.auth import get_user_model

    from dictionnaire.models import Classroom, Workshop

    classroom = Classroom.objects.order_by("pk").first()
    adult = classroom.adult or get_user_model().objects.create_user("animatrice-a11y", "animatrice@example.org")
    return Workshop.open(classroom, adult).code


@pytest.fixture(scope="package")
def a11y_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
        translate_demo_pages("ar")
        site = DemoSite(url=None, workshop_code=open_demo_workshop())
        server = LiveServer("localhost")
        site.url = server.url
        try:
            yield site
        finally:
            # Not server.stop(): that makes SQLite's in-memory connection private to this thread again, while request
            # threads that Chromium keeps alive may still close it later (and fail).
            server.thread.terminate()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="package")
def survey(a11y_site, browser):
    """Every public page type and state, visited once per language: axe-core, reflow, focus and skip link findings."""
    return {language: survey_site(browser, a11y_site, language) for language in FRENCH_AND_ARABIC}
