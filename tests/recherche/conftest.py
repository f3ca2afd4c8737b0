import pytest

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
