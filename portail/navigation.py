"""The header's links to the site's three parts, cached per site and language until a page changes."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, Q
from django.db.models.functions import Length, Substr
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from portail.pages import child_page_models, public, specific_child

CACHE_VERSION_KEY = "site-sections:version"
CACHE_TIMEOUT = 60 * 60


def _version():
    return cache.get_or_set(CACHE_VERSION_KEY, 1, timeout=None)


#: Changes whenever a page is published, unpublished, moved or deleted: other caches of page addresses use it too.
cache_version = _version


def content_language():
    """The active language as Wagtail names its locales (``Locale.get_active()``'s code, without reading it)."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _menu_pages(root):
    """The live, public pages shown in menus under the root's translation in the active language, else the root.

    One query, as ``Page.objects.child_of(root.localized)`` without reading the locale and the translation first.
    """
    localized_roots = Page.objects.filter(
        translation_key=root.translation_key, locale__language_code=content_language()
    )
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    under_root = Q(parent_path__in=localized_roots.values("path")) | (
        Q(parent_path=root.path) & ~Exists(localized_roots)
    )
    pages = Page.objects.live().alias(parent_path=parent_path).filter(under_root, show_in_menus=True)
    return public(pages).order_by("path")


def _load_sections(site, request):
    names = child_page_models(site.root_page.specific_class or Page)
    pages = (specific_child(page, names) for page in _menu_pages(site.root_page).select_related(*names.values()))
    return [
        {
            "title": page.title,
            "url": page.get_url(request),
            "slug": page.slug,
            "introduction": getattr(page, "introduction", ""),
        }
        for page in pages
    ]


def site_sections(request):
    """Live sections of the request's site in the active language: ``[{"title", "url", "slug", "introduction"}]``."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = f"site-sections:{_version()}:{site.pk}:{translation.get_language()}"
    sections = cache.get(key)
    if sections is None:
        sections = _load_sections(site, request)
        cache.set(key, sections, CACHE_TIMEOUT)
    return sections


def forget_site_sections(**kwargs):
    try:
        cache.incr(CACHE_VERSION_KEY)
    except ValueError:
        cache.set(CACHE_VERSION_KEY, 1, timeout=None)


for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(forget_site_sections, dispatch_uid=f"forget-site-sections-{signal}")


@receiver(post_delete, dispatch_uid="forget-site-sections-on-delete")
def forget_site_sections_on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        forget_site_sections()
