"""load_demo_data: the page tree, idempotence, editors' changes kept, the demo admin only in development.

Loading the demo data takes seconds, so each test loads it as few times as its claim needs.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from portail.models import HomePage

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def load():
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_data_builds_the_page_tree_without_an_admin_outside_development():
    load()

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert {page.url for page in home.get_children().live()} == {"/dictionnaire/", "/fiches/", "/boussole/"}
    assert not get_user_model().objects.exists()


def test_loading_again_changes_nothing_keeps_editors_changes_and_the_development_admin(settings, monkeypatch):
    settings.DEMO_CREATE_ADMIN = True
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "un mot de passe de demo")
    load()
    fiches = Page.objects.get(slug="fiches").specific
    fiches.introduction = "Texte revu par l'équipe."
    fiches.save_revision().publish()
    first = row_counts()

    load()

    assert row_counts() == first
    fiches.refresh_from_db()
    assert fiches.introduction == "Texte revu par l'équipe."
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password("un mot de passe de demo")
