import pytest
from django.db import transaction

from tests.security.htmlcheck import load_payloads


@pytest.fixture(scope="session")
def payloads():
    return load_payloads()


@pytest.fixture(scope="module")
def site_pages_once(django_db_setup, django_db_blocker):
    """The home page and the three section pages, without the demo content, made once per module inside a
    transaction rolled back after it (each test still runs in its own savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_site_pages()
        transaction.set_rollback(True)


@pytest.fixture
def site_pages(site_pages_once, db):
    """Fresh copies: a test that adds children changes the in-memory tree data of its pages."""
    return {key: type(page).objects.get(pk=page.pk) for key, page in site_pages_once.items()}


def make_site_pages():
    from boussole.models import BoussoleIndexPage
    from dictionnaire.models import DictionaryIndexPage
    from fiches.models import ExperienceIndexPage
    from fiches.moderation import ensure_moderation
    from portail.demo import ensure_child_page, ensure_home_page

    home, _created = ensure_home_page()
    pages = {"home": home}
    for key, page_class, slug in [
        ("dictionnaire", DictionaryIndexPage, "dictionnaire"),
        ("fiches", ExperienceIndexPage, "fiches"),
        ("boussole", BoussoleIndexPage, "boussole"),
    ]:
        pages[key], _created = ensure_child_page(home, page_class, slug, title=slug.title(), introduction="Intro.")
    ensure_moderation(pages["fiches"])
    return pages


@pytest.fixture
def structure_admin_group(db):
    from boussole.roles import ensure_structure_admins

    return ensure_structure_admins()
