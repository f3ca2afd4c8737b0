"""The language switch: for each language of the site, where the current page is in that language.

French is served at the root, English under /en/ and Arabic under /ar/ (``i18n_patterns`` without a prefix for
the default language). A Wagtail page links to its live translation, or else to the home of that language;
any other view links to the same address in the other language.
"""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Page

from portail.navigation import CACHE_TIMEOUT, cache_version
from portail.pages import public


def _home_url(language_code):
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


def _live_translation_urls(request, page):
    """``{language_code: url}`` of the page's live translations, cached until a page is published or moved."""
    key = f"language-links:{cache_version()}:{request.get_host()}:{page.translation_key}"
    urls = cache.get(key)
    if urls is None:
        translations = public(Page.objects.live().filter(translation_key=page.translation_key))
        urls = {}
        for translated in translations.select_related("locale"):
            url = translated.get_url(request)
            if url:
                urls[translated.locale.language_code] = url
        cache.set(key, urls, CACHE_TIMEOUT)
    return urls


def _translated_page_urls(request, page):
    """The live translations' addresses, with the routable sub-path (``proposer/``) of this request kept."""
    current_url = page.get_url(request) or ""
    suffix = request.path[len(current_url) :] if current_url and request.path.startswith(current_url) else ""
    return {code: url + suffix for code, url in _live_translation_urls(request, page).items()}


def _translated_path(request, code):
    """The same address in another language, or that language's home when it has none."""
    full_path = request.get_full_path()
    url = translate_url(full_path, code)  # unchanged when the address has no equivalent in that language
    return url if url != full_path else _home_url(code)


def language_links(request, page=None):
    """``[{"code", "name", "url", "current", "bidi"}]`` for every language of the site, in settings order."""
    current = translation.get_language()
    page_urls = _translated_page_urls(request, page) if isinstance(page, Page) and page.pk else None
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        if code == current:
            url = request.get_full_path()
        elif page_urls is not None:
            url = page_urls.get(code) or _home_url(code)
        else:
            url = _translated_path(request, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"][:1].upper() + info["name_local"][1:],  # each in its own language
                "url": url,
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links
