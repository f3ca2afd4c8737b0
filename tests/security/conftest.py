import pytest

from tests.security.htmlcheck import load_payloads


@pytest.fixture(scope="session")
def payloads():
    return load_payloads()


@pytest.fixture
def site_pages(db):
    """The home page and the three section pages, without the demo content (fast)."""
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
