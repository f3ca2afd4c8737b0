"""wagtail-localize works with this Wagtail: submitting a page for translation and opening its translation editor."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def english_tree(demo_data, django_db_blocker):
    """The home and the fiches index submitted for translation into English once, through wagtail-localize's admin.

    It lives in the module's rolled-back transaction (see ``demo_data``).
    """
    from portail.models import HomePage

    with django_db_blocker.unblock():
        home = HomePage.objects.get()
        english = Locale.objects.get(language_code="en")
        editor = Client()
        editor.force_login(get_user_model().objects.create_superuser("moderatrice", "moderatrice@example.org", "x"))
        fiches = home.get_children().get(slug="fiches")
        responses = [
            editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [english.pk]}) for page in (home, fiches)
        ]
        return {"home": home, "fiches": fiches, "english": english, "editor": editor, "responses": responses}


def test_a_page_submitted_for_translation_opens_in_the_translation_editor(english_tree, db):
    english, home, editor = english_tree["english"], english_tree["home"], english_tree["editor"]

    assert [response.status_code for response in english_tree["responses"]] == [302, 302]
    translated_home = Page.objects.get(translation_key=home.translation_key, locale=english)
    assert translated_home.get_children().get().translation_key == english_tree["fiches"].translation_key
    page_editor = editor.get(f"/admin/pages/{translated_home.pk}/edit/")
    assert page_editor.status_code == 200
    assert b"Bienvenue" in page_editor.content  # the source strings offered for translation
    assert b"js-translation-editor" in page_editor.content  # wagtail-localize's editor, not the plain page editor


def test_a_translated_section_is_served_under_its_language_prefix(english_tree, db):
    english = english_tree["english"]
    for source in (english_tree["home"], english_tree["fiches"]):
        source.get_translation(english).specific.save_revision().publish()

    response = english_tree["editor"].get("/en/fiches/")

    assert response.status_code == 200
    assert response.context["page"].locale == english
    assert '<html lang="en" dir="ltr">' in response.content.decode()
