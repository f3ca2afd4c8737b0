"""Whole responses of public pages: kept for anonymous readers only, one entry per language and preferences."""

from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test.signals import template_rendered

from dictionnaire.models import TermStatistic
from portail import cache as portail_cache
from tests.performance.conftest import make_fiches
from tests.performance.test_cache import publish_term

TERM_URL = "/dictionnaire/wi-fi/"


@contextmanager
def rendered_templates():
    names = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record, dispatch_uid="test-response-cache")
    try:
        yield names
    finally:
        template_rendered.disconnect(dispatch_uid="test-response-cache")


@pytest.fixture
def term(sections):
    return publish_term("Wi-Fi", "Internet sans fil dans la maison.")


def test_a_warm_hit_renders_no_template_and_counts_the_view_in_one_query(client, term, django_assert_max_num_queries):
    first = client.get(TERM_URL)
    assert first.status_code == 200 and "Cookie" in first["Vary"]
    with rendered_templates() as names, django_assert_max_num_queries(1):
        again = client.get(TERM_URL)
    assert names == []
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] and "Cookie" in again["Vary"]
    # The headers of the middlewares the kept copy skips are kept with it; those around it are added again.
    for header in ("Content-Language", "X-Frame-Options", "Content-Security-Policy", "X-Content-Type-Options"):
        assert again[header] == first[header], header
    assert not again.cookies
    assert TermStatistic.views_of(term) == 2  # the hit still counts its view


def test_a_published_change_shows_at_once(client, term):
    assert "Internet sans fil" in client.get(TERM_URL).text
    term.short_definition = "Le réseau sans fil de la box."
    term.save_revision().publish()
    assert "Le réseau sans fil de la box." in client.get(TERM_URL).text
    term.unpublish()
    assert client.get(TERM_URL).status_code == 404


def test_a_session_or_a_logged_in_user_is_never_served_nor_stored(client, term):
    client.cookies["sessionid"] = "not-a-real-session"
    with rendered_templates() as names:
        client.get(TERM_URL)
        client.get(TERM_URL)
    assert names.count("dictionnaire/term_page.html") == 2  # rendered each time, never kept
    del client.cookies["sessionid"]
    with rendered_templates() as names:
        client.get(TERM_URL)  # the first anonymous request: nothing stored by the session's ones
    assert "dictionnaire/term_page.html" in names

    user = get_user_model().objects.create_user("redactrice", password="x")
    client.force_login(user)
    with rendered_templates() as names:
        client.get(TERM_URL)
    assert "dictionnaire/term_page.html" in names  # not served from the anonymous entry


def test_preferences_and_language_have_their_own_entries(client, term):
    plain = client.get(TERM_URL).text
    assert "texte-grand" not in plain.split("<head>")[0]
    client.cookies["preferences"] = "texte-grand.contraste-fort"
    with rendered_templates() as names:
        large = client.get(TERM_URL).text
    assert names and 'class="texte-grand contraste-fort"' in large.split("<head>")[0]
    with rendered_templates() as names:
        assert client.get(TERM_URL).text == large
    assert names == []
    del client.cookies["preferences"]

    with rendered_templates() as names:
        english = client.get("/en" + TERM_URL).text
    assert names and '<html lang="en"' in english
    assert '<html lang="fr"' in client.get(TERM_URL).text
    with rendered_templates() as names:
        assert client.get("/en" + TERM_URL).text == english
    assert names == []


def test_index_and_fiche_pages_are_kept_but_not_their_other_queries_and_routes(client, term, sections):
    fiche = make_fiches(sections["fiches"], 0, 1)[0]
    for url in ("/dictionnaire/", "/dictionnaire/?categorie=internet", fiche.url):
        client.get(url)
        with rendered_templates() as names:
            assert client.get(url).status_code == 200
        assert names == [], url
    with rendered_templates() as names:
        client.get("/dictionnaire/?utm_source=lettre")
        client.get("/dictionnaire/?utm_source=lettre")
    assert len([name for name in names if name.endswith("dictionary_index_page.html")]) == 2
    view, args, kwargs = fiche.resolve_subpage("/pdf/")
    assert not fiche.caches_response(None, view, args, kwargs)  # only the page itself, never its PDF
    assert fiche.caches_response(None, *fiche.resolve_subpage("/"))

    publish_term("Courriel", "Un message envoyé par internet.")
    assert "Courriel" in client.get("/dictionnaire/").text
    fiche.title = "Les rois de la tablette"
    fiche.save_revision().publish()
    assert "Les rois de la tablette" in client.get(fiche.url).text


def test_only_the_same_page_for_everyone_is_kept(rf):
    """A CSRF token, a cookie, another status, a POST, a preview or a query parameter: rendered, never kept."""

    def served(request, response, query=()):
        view = portail_cache.PublicResponseCacheMiddleware(
            lambda request: portail_cache.public_response(request, ["pages"], lambda: response, query=query)
        )
        return view(request).content

    def kept(make_request, response, query=()):
        """What a second identical request gets after the first one was answered with ``response``."""
        served(make_request(), response, query)
        return served(make_request(), HttpResponse("rendered again"), query)

    page = b"<html>same for everyone</html>"
    assert kept(lambda: rf.get("/a/"), HttpResponse(page)) == page
    assert kept(lambda: rf.get("/a/", {"categorie": "internet"}), HttpResponse(page), query=("categorie",)) == page
    assert kept(lambda: rf.get("/a/", {"utm_source": "x"}), HttpResponse(page)) == b"rendered again"
    token = b'<input type="hidden" name="csrfmiddlewaretoken" value="x">'
    assert kept(lambda: rf.get("/b/"), HttpResponse(token)) == b"rendered again"
    with_cookie = HttpResponse(page)
    with_cookie.set_cookie("suivi", "1")
    assert kept(lambda: rf.get("/c/"), with_cookie) == b"rendered again"
    assert kept(lambda: rf.get("/d/"), HttpResponse(page, status=404)) == b"rendered again"
    assert kept(lambda: rf.post("/e/"), HttpResponse(page)) == b"rendered again"

    def preview():
        request = rf.get("/f/")
        request.is_preview = True
        return request

    assert kept(preview, HttpResponse(page)) == b"rendered again"

    def asked_token():
        request = rf.get("/g/")
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        return request

    assert kept(asked_token, HttpResponse(page)) == b"rendered again"
    assert kept(lambda: rf.get("/h/", HTTP_COOKIE="messages=abc"), HttpResponse(page)) == b"rendered again"


def test_a_kept_copy_is_stale_once_an_area_or_the_header_moves_on(rf):
    from django.core.cache import cache

    from portail.navigation import CACHE_VERSION_KEY

    def served(body, areas=("fiches", "pages")):
        view = portail_cache.PublicResponseCacheMiddleware(
            lambda request: portail_cache.public_response(request, areas, lambda: HttpResponse(body))
        )
        return view(rf.get("/fiches/une-fiche/")).content

    assert served(b"v1") == b"v1"
    assert served(b"v2") == b"v1"  # kept
    portail_cache.bump("dictionnaire")  # another area: the fiche stays
    assert served(b"v2") == b"v1"
    portail_cache.bump("fiches")
    assert served(b"v2") == b"v2"
    cache.incr(CACHE_VERSION_KEY)  # a page added to or renamed in the header
    assert served(b"v3") == b"v3"
    cache.delete(portail_cache.generation_key("pages"))  # a generation evicted from the cache
    assert served(b"v4") == b"v4"


def test_the_cache_down_only_costs_speed(rf, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    for name in ("get", "get_many", "set", "set_many", "add"):
        monkeypatch.setattr(cache, name, down)
    view = portail_cache.PublicResponseCacheMiddleware(
        lambda request: portail_cache.public_response(request, ["pages"], lambda: HttpResponse(b"the page"))
    )
    assert view(rf.get("/a/")).content == b"the page"


def test_a_kept_search_still_counts_unanswered_searches_and_finds_a_new_term_at_once(client, term):
    from dictionnaire.search.models import UnansweredSearch

    page, api = "/dictionnaire/recherche/?q=courriel", "/api/dictionnaire/recherche/?q=courriel"
    first = client.get(page)
    assert "Courriel" not in client.get(api).text
    with rendered_templates() as names:
        again = client.get(page)
    assert names == [] and again.content == first.content
    assert UnansweredSearch.objects.get(query="courriel").count == 2  # the kept copy's search is counted too

    publish_term("Courriel", "Un message envoyé par internet.")
    assert "Un message envoyé par internet." in client.get(page).text
    assert client.get(api).json()["results"][0]["term"] == "Courriel"


def test_a_rebuilt_search_index_is_searched_at_once(client, term):
    from dictionnaire.search.backends import get_backend

    page = "/dictionnaire/recherche/?q=wifi"
    assert 'href="/dictionnaire/wi-fi/"' in client.get(page).text
    get_backend().rebuild([])  # a rebuild writes in bulk: no model signal, the index's version moves on
    assert 'href="/dictionnaire/wi-fi/"' not in client.get(page).text


def test_an_annuaire_search_is_kept_until_a_structure_changes_or_the_minute_ends(client, sections):
    from datetime import UTC, datetime

    from boussole.views import seconds_to_next_minute
    from tests.performance.conftest import make_structures

    structure = make_structures(0, 3)[0]
    url = "/boussole/annuaire/?q=centre&thematique=famille"
    first = client.get(url)
    assert first.status_code == 200 and "Centre social 0000" in first.text
    with rendered_templates() as names:
        assert client.get(url).content == first.content
    assert names == []

    structure.nom = "Maison des familles du centre"
    structure.save()
    assert "Maison des familles du centre" in client.get(url).text
    # « Ouvert » / « fermé » change on the minute: a kept search lives until the next one at most.
    assert seconds_to_next_minute(datetime(2026, 11, 24, 10, 29, 45, tzinfo=UTC)) == 15
    assert seconds_to_next_minute(datetime(2026, 11, 24, 10, 29, 0, tzinfo=UTC)) == 60


def test_the_home_and_the_boussole_home_are_kept_until_a_page_changes(client, sections):
    for url in ("/", "/boussole/"):
        first = client.get(url)
        with rendered_templates() as names:
            assert client.get(url).content == first.content
        assert names == [], url

    dictionary = sections["dictionnaire"]
    dictionary.introduction = "Les mots du numérique expliqués par les enfants."
    dictionary.save_revision().publish()
    assert "Les mots du numérique expliqués par les enfants." in client.get("/").text
    boussole = sections["boussole"]
    boussole.title = "Boussole des parents"
    boussole.save_revision().publish()
    assert "Boussole des parents" in client.get("/boussole/").text


def test_a_preview_shows_the_draft_not_the_kept_copy(client, sections):
    """Wagtail runs a preview through the middlewares with a dummy request on the page's public address (without
    the editor's cookies when it has no original request)."""
    from urllib.parse import urlsplit

    fiche = make_fiches(sections["fiches"], 0, 1)[0]
    public_address = urlsplit(fiche.full_url)  # the host and path the preview's dummy request is made for
    read = {"path": public_address.path, "HTTP_HOST": public_address.netloc}
    assert client.get(**read).status_code == 200  # kept for anonymous readers
    fiche.title = "Un brouillon pas encore publié"  # being edited, not even saved: what the live preview shows

    preview = fiche.make_preview_request()

    assert "Un brouillon pas encore publié" in preview.content.decode()
    assert "Un brouillon pas encore publié" not in client.get(**read).text
