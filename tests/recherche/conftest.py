import pytest
from django.core.management import call_command
from django.db import transaction

from dictionnaire.search.backends import get_backend
from dictionnaire.search.evaluation import vocabulary_documents


@pytest.fixture(scope="module")
def vocabulary_backend(django_db_setup, django_db_blocker):
    """The configured engine with the 70 words of the shipped vocabulary, indexed once per test module."""
    with django_db_blocker.unblock():
        backend = get_backend()
        backend.rebuild(vocabulary_documents())
        yield backend
        backend.clear()


@pytest.fixture
def search(vocabulary_backend, db):
    def run(query, limit=10):
        return vocabulary_backend.search(query, limit=limit)

    return run


@pytest.fixture(scope="module")
def demo_terms(django_db_setup, django_db_blocker):
    """The demo data (70 published terms, indexed as they are published), loaded once per test module inside a
    transaction rolled back at the module's end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)
