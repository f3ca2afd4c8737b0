"""Headless Debian Chromium driven by Playwright (never downloads a browser), and ONE served demo site for the package.

The demo data takes long to load, so every browser test of this package shares one load and one live server
(``served_demo_site``, ``scope="package"``); the database is flushed after the package's last test, as a
transactional test leaves it. The tests here are marked ``django_db`` (NOT ``transaction=True``) and never ask for
``live_server`` nor ``transactional_db``: pytest-django would then flush the database after each of them. A test that
prepares data for itself does it in a module-scoped fixture under ``django_db_blocker.unblock()`` (committed, so the
server's threads see it) and uses words, names and classes of its own, so that the order of the tests does not matter.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in the test thread; the tests still touch the database synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required for the browser tests when CI=true.")
        pytest.skip("Chromium is not installed: browser test skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


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


def close_other_database_sessions():
    """End the PostgreSQL sessions left open by the live server's request threads, and close this finalizer's own
    (seen to be another connection than the one pytest-django closes at the end, as if in another context):
    otherwise the test database cannot be dropped at the end of the run."""
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connections.close_all()


@pytest.fixture(scope="package")
def served_demo_site(django_db_setup, django_db_blocker):
    """The demo data (with a few pages copied into Arabic and an open workshop) on a live server of its own."""
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
            close_other_database_sessions()
