"""wagtail-localize works with this Wagtail: submitting a page for translation and opening its translation editor."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, demo_site):
    admin = get_user_model().objects.create_superuser("moderatrice", "moderatrice@example.org", "mot de passe sûr 42")
    client.force_login(admin)
    return client


def test_a_page_submitted_for_translation_opens_in_the_translation_editor(editor_client, demo_site):
    english = Locale.objects.create(language_code="en")

    response = editor_client.post(
        f"/admin/localize/submit/page/{demo_site.pk}/",
        {"locales": [english.pk], "include_subtree": "on"},
    )

    assert response.status_code == 302
    translated_home = Page.objects.get(translation_key=demo_site.translation_key, locale=english)
    french_tree = Page.objects.filter(locale=Locale.get_default(), depth__gte=2).count()
    assert Page.objects.filter(locale=english).count() == french_tree  # the home and every page under it
    editor = editor_client.get(f"/admin/pages/{translated_home.pk}/edit/")
    assert editor.status_code == 200
    assert b"Bienvenue" in editor.content  # the source strings offered for translation
    assert b"js-translation-editor" in editor.content  # wagtail-localize's editor, not the plain page editor


def test_a_translated_section_is_served_under_its_language_prefix(editor_client, demo_site):
    english = Locale.objects.create(language_code="en")
    editor_client.post(
        f"/admin/localize/submit/page/{demo_site.pk}/", {"locales": [english.pk], "include_subtree": "on"}
    )
    for page in Page.objects.filter(locale=english):
        page.specific.save_revision().publish()

    response = editor_client.get("/en/fiches/")

    assert response.status_code == 200
    assert response.context["page"].locale == english
    assert '<html lang="en" dir="ltr">' in response.content.decode()
