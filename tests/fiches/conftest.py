import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

import fiches

DATA_FILE = Path(fiches.__file__).resolve().parent / "data" / "fiches-2019.json"


@pytest.fixture(scope="session")
def booklet_records():
    """The booklet's fiches as the project's JSON file holds them: the expected values of the tests."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_fiches(django_db_setup, django_db_blocker):
    """The site after ``load_demo_data`` (26 fiches), loaded once per module and rolled back after it.

    Each test still runs in its own savepoint (``db``), so what a test changes is undone after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
        from fiches.models import ExperienceIndexPage

        yield ExperienceIndexPage.objects.get()
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def index(demo_fiches, db):
    cache.clear()
    return demo_fiches


def page_for(number):
    from fiches.models import ExperiencePage

    return ExperiencePage.objects.get(booklet_number=number)
