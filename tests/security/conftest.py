import pytest
from django.contrib.auth.models import Group, Permission

from tests.security.htmlcheck import load_payloads

STRUCTURE_ADMINS = "Administrateurs de structure (tests)"
#: What a structure admin of the boussole holds: its snippets and the import screen, nothing of the dictionary.
STRUCTURE_ADMIN_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[
        ("boussole", f"{action}_{model}")
        for model in ("structure", "service", "event", "resource", "glossaryentry", "errorreport")
        for action in ("add", "change", "view", "publish")
    ],
]


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
    group, _created = Group.objects.get_or_create(name=STRUCTURE_ADMINS)
    for app_label, codename in STRUCTURE_ADMIN_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)
    return group
