import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what a rolled-back test cached must not leak into the next one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data, loaded once per test module inside a transaction that is rolled back after the module.

    Each test still runs in its own savepoint (``db``), so what a test changes is undone after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(demo_data, db):
    """The site as ``load_demo_data`` leaves it; returns its home page."""
    from portail.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in French: a test that switched language (a request under /en/ or /ar/) must not leak it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser tests run last, after pytest-django's own ordering.

    They share one committed demo site that is flushed after them (tests/browser/conftest.py); a flush also removes
    what the migrations created (Wagtail's root collection, locales), which the tests after them would miss.
    A transactional test (``django_db(transaction=True)``) leaves an empty database behind it: it runs after them,
    and its ``serialized_rollback`` brings the migrations' content back for itself.
    """
    browser = [item for item in items if item.nodeid.startswith("tests/browser/")]
    transactional = [item for item in items if item not in browser and _is_transactional(item)]
    others = [item for item in items if item not in browser and item not in transactional]
    items[:] = others + browser + transactional


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return marker is not None and marker.kwargs.get("transaction", False)
