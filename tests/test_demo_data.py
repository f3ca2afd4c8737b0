import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from portail.models import HomePage

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def load(**kwargs):
    out = open("/dev/null", "w")  # noqa: SIM115
    call_command("load_demo_data", stdout=out)


def test_demo_data_builds_the_page_tree():
    load()

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert {page.url for page in home.get_children().live()} == {"/dictionnaire/", "/fiches/", "/boussole/"}


def test_loading_demo_data_twice_changes_nothing():
    load()
    first = row_counts()

    load()

    assert row_counts() == first


def test_demo_data_keeps_what_editors_changed():
    load()
    fiches = Page.objects.get(slug="fiches").specific
    fiches.introduction = "Texte revu par l'équipe."
    fiches.save_revision().publish()

    load()

    fiches.refresh_from_db()
    assert fiches.introduction == "Texte revu par l'équipe."


def test_no_admin_account_outside_development():
    load()

    assert not get_user_model().objects.exists()


def test_admin_account_in_development_uses_the_given_password(settings, monkeypatch):
    settings.DEMO_CREATE_ADMIN = True
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "un mot de passe de demo")

    load()
    load()

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password("un mot de passe de demo")
