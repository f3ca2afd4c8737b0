"""Cached public pages show a published change at once: the area's cache generation moves on."""

import os
import socket
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

from dictionnaire.models import Category, Term
from portail import cache as portail_cache
from tests.performance.conftest import make_fiches

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def publish_term(word, definition):
    term = Term(word=word, category=Category.INTERNET, short_definition=definition, live=False)
    term.save()
    term.save_revision().publish()
    return Term.objects.get(pk=term.pk)


def check_publications_show_at_once(client, sections):
    term = publish_term("Wi-Fi", "Internet sans fil dans la maison.")
    assert "Internet sans fil" in client.get("/dictionnaire/wi-fi/").text
    assert "Wi-Fi" in client.get("/dictionnaire/").text
    # Served from the cache now: the same key, no query for the term.
    assert cache.get(portail_cache.make_key(("dictionnaire", "boussole"), "term", "wi-fi")) is not None

    term.short_definition = "Le réseau sans fil de la box."
    term.save_revision().publish()
    assert "Le réseau sans fil de la box." in client.get("/dictionnaire/wi-fi/").text

    publish_term("Courriel", "Un message envoyé par internet.")
    assert "Courriel" in client.get("/dictionnaire/").text

    term.unpublish()
    assert client.get("/dictionnaire/wi-fi/").status_code == 404
    assert "Wi-Fi" not in client.get("/dictionnaire/").text

    fiche = make_fiches(sections["fiches"], 0, 1)[0]
    assert "Fiche 0000" in client.get(fiche.url).text
    assert "Fiche 0000" in client.get("/fiches/flux/rss/").text
    fiche.title = "Les rois de la tablette"
    fiche.save_revision().publish()
    assert "Les rois de la tablette" in client.get(fiche.url).text
    assert "Les rois de la tablette" in client.get("/fiches/flux/rss/").text
    assert "Les rois de la tablette" in client.get("/fiches/export/json/").text
    fiche.unpublish()
    assert client.get(fiche.url).status_code == 404
    assert "Les rois de la tablette" not in client.get("/fiches/flux/rss/").text


def test_a_published_change_is_visible_at_once(client, sections):
    check_publications_show_at_once(client, sections)


def test_footer_follows_the_contact_settings(client, sections):
    from wagtail.models import Site

    from portail.models import ContactSettings

    assert "contact@localhost" in client.get("/").text
    settings = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    settings.email = "accueil@centre-social.example"
    settings.save()
    assert "accueil@centre-social.example" in client.get("/").text


def test_a_page_view_counter_does_not_empty_the_cache(client, sections):
    publish_term("Wi-Fi", "Internet sans fil dans la maison.")
    client.get("/dictionnaire/wi-fi/")
    before = portail_cache.generations(*portail_cache.AREAS)
    client.get("/dictionnaire/wi-fi/")  # counts a view: a write that changes no public page
    assert portail_cache.generations(*portail_cache.AREAS) == before


def redis_is_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_with_the_real_redis_cache(client, sections):
    """The same on Redis (the production cache): keys under a prefix of their own, removed afterwards."""
    if not redis_is_up():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 and CI=true")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            "BACKEND": "portail.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches):
        from django.core.cache import caches as handler

        assert "Redis" in type(handler["default"]).__name__
        # One Redis client per connection pool, not a new one (and its callbacks table) on every cache call.
        assert handler["default"]._cache.get_client(write=True) is handler["default"]._cache.get_client(write=True)
        try:
            check_publications_show_at_once(client, sections)
        finally:
            client_ = handler["default"]._cache.get_client(None, write=True)
            keys = list(client_.scan_iter(f"{prefix}:*"))
            if keys:
                client_.delete(*keys)


def test_a_term_image_comes_in_phone_sizes_and_modern_formats(client, sections):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="La box", file=get_test_image_file(size=(1200, 900)))
    term = publish_term("Box", "L'appareil qui apporte internet.")
    term.image, term.image_alt = image, "Une box internet posée sur un meuble."
    term.save_revision().publish()
    html = client.get("/dictionnaire/box/").text
    assert "<picture>" in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert "400w" in html and "800w" in html
    assert 'alt="Une box internet posée sur un meuble."' in html
    assert {rendition.width for rendition in image.renditions.all()} == {400, 800}


def test_a_cache_that_cannot_be_reached_stops_neither_pages_nor_publications(client, sections, settings):
    """Redis down: pages come from the database, publications still work (and say so in the log)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portail.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    term = publish_term("Wi-Fi", "Internet sans fil dans la maison.")
    assert portail_cache.cached("dictionnaire", "test", lambda: "built") == "built"
    term.short_definition = "Le réseau sans fil de la box."
    term.save_revision().publish()
    assert Term.objects.get(pk=term.pk).short_definition == "Le réseau sans fil de la box."


def test_a_fiche_preview_neither_uses_nor_fills_the_public_fragment(rf, sections):
    """A preview renders the fiche's template with a draft: the public cached fragment must not leak either way."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    fiche = make_fiches(sections["fiches"], 0, 1)[0]

    def render(preview=False):
        request = rf.get(fiche.url)
        request.user = AnonymousUser()
        if preview:
            request.is_preview = True
        context = {"page": fiche, "self": fiche, "index_page": sections["fiches"]}
        return render_to_string("fiches/experience_page.html", context, request=request)

    live, draft = '<h1 itemprop="headline">Fiche 0000</h1>', '<h1 itemprop="headline">Brouillon secret</h1>'
    assert live in render()  # the live version's content, now cached
    fiche.title = "Brouillon secret"  # a draft being previewed: nothing saved
    assert draft in render(preview=True)
    public = render()
    assert live in public and draft not in public
