"""French at the root, English under /en/, Arabic under /ar/ (right to left): the interface speaks the language of
the address, and the header's language switch leads to the same page in each language."""

import re

import pytest
from wagtail.models import Locale

from fiches.models import ExperienceIndexPage
from portail.demo import ensure_child_page, ensure_home_page

pytestmark = pytest.mark.django_db


def html_tag(html):
    return re.search(r"<html[^>]*>", html).group(0)


def switch_links(html):
    """``{language code: (href, is_current)}`` of the header's language switch."""
    nav = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"]*)" lang="(\w+)" hreflang="\2" dir="(?:ltr|rtl)"( aria-current="true")?>', nav)
    return {code: (href.replace("&amp;", "&"), bool(current)) for href, code, current in links}


@pytest.fixture
def site():
    home, _ = ensure_home_page()
    fiches, _ = ensure_child_page(
        home, ExperienceIndexPage, "fiches", title="Fiches d'expériences", introduction="Des idées.", show_in_menus=True
    )
    return home, fiches


def test_an_arabic_page_reads_right_to_left_with_arabic_interface_strings(client, site):
    html = client.get("/ar/dictionnaire/demander/").content.decode()

    assert html_tag(html) == '<html lang="ar" dir="rtl">'
    assert '<a class="skip-link" href="#contenu">انتقل إلى المحتوى</a>' in html
    assert "ابحث عن كلمة في القاموس" in html  # the header's search
    assert "اطلب كلمة" in html  # the page's own title
    assert "Aller au contenu" not in html


def test_an_english_page_reads_left_to_right_in_english(client, site):
    html = client.get("/en/dictionnaire/demander/").content.decode()

    assert html_tag(html) == '<html lang="en" dir="ltr">'
    assert '<a class="skip-link" href="#contenu">Skip to the content</a>' in html
    assert "Search the dictionary for a word" in html


def test_french_is_served_at_the_root_without_prefix(client, site):
    assert client.get("/fr/dictionnaire/demander/").status_code == 404
    html = client.get("/dictionnaire/demander/").content.decode()
    assert html_tag(html) == '<html lang="fr" dir="ltr">'
    assert "Aller au contenu" in html


def test_the_switch_of_a_view_leads_to_the_same_address_in_each_language(client, site):
    links = switch_links(client.get("/ar/dictionnaire/recherche/?q=wifi").content.decode())

    assert links == {
        "fr": ("/dictionnaire/recherche/?q=wifi", False),
        "en": ("/en/dictionnaire/recherche/?q=wifi", False),
        "ar": ("/ar/dictionnaire/recherche/?q=wifi", True),
    }
    html = client.get("/dictionnaire/recherche/").content.decode()
    assert 'lang="fr" hreflang="fr" dir="ltr" aria-current="true">Français</a>' in html
    assert '<a href="/ar/dictionnaire/recherche/" lang="ar" hreflang="ar" dir="rtl">العربيّة</a>' in html
    assert '<a href="/en/dictionnaire/recherche/" lang="en" hreflang="en" dir="ltr">English</a>' in html


def test_the_switch_of_a_page_leads_to_its_translation_or_else_to_the_home_of_that_language(client, site):
    home, fiches = site
    english = Locale.objects.get(language_code="en")
    for page in (home, fiches):
        translated = page.copy_for_translation(english)
        if page == fiches:
            translated.slug = "experiences"
        translated.save_revision().publish()

    links = switch_links(client.get("/fiches/").content.decode())
    assert links == {"fr": ("/fiches/", True), "en": ("/en/experiences/", False), "ar": ("/ar/", False)}

    links = switch_links(client.get("/en/experiences/proposer/").content.decode())
    assert links["fr"] == ("/fiches/proposer/", False)  # a routable sub-page keeps its place

    english_page = client.get("/en/experiences/")
    assert english_page.context["page"].locale == english
    assert html_tag(english_page.content.decode()) == '<html lang="en" dir="ltr">'


def test_an_unknown_address_is_a_404_in_the_language_of_its_prefix(client, site):
    response = client.get("/ar/nulle-part/")

    assert response.status_code == 404
    assert html_tag(response.content.decode()) == '<html lang="ar" dir="rtl">'
