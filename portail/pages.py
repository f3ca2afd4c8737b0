"""Page look-ups that cost no query of their own: a page list without private pages, a page's view restrictions.

Wagtail's ``PageQuerySet.public()`` first reads every view restriction (one query) to build its filter, and
``Page.get_view_restrictions()`` reads the page's ancestors (one query) before their restrictions: here each is a
condition of the one query that needs it.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce, Length, Substr
from django.http import Http404
from django.utils.functional import SimpleLazyObject


def restricted():
    """True for a page whose own path or one of its ancestors' starts a view restriction (a private section)."""
    from wagtail.models import PageViewRestriction

    return Exists(PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path"))))


def public(pages):
    """``pages.public()`` in the same query: the pages outside every private section."""
    return pages.filter(~restricted())


class OneQueryViewRestrictionsMixin:
    """``get_view_restrictions()`` in one query (Wagtail's checks them before serving every page).

    As Wagtail's: the restrictions of the page and of its ancestors, an alias (or an alias of an alias) answering
    with its source page's. The ancestors' paths are the page's path cut at each level of the tree.
    """

    def get_view_restrictions(self):
        from wagtail.models import Page, PageViewRestriction

        if getattr(self, "_routed_unrestricted", False):  # routed to by a query that checked it (no alias)
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        checked = (
            Page.objects.filter(path__in=paths)
            .annotate(checked=Coalesce("alias_of__alias_of_id", "alias_of_id", "id"))
            .values("checked")
        )
        return PageViewRestriction.objects.filter(page_id__in=checked)


def child_page_models(page_class):
    """``{model: name}`` of the page types a ``page_class`` page may have as children that extend ``Page`` directly:
    ``select_related(*names)`` on a query of such children brings each one's own row (``specific_child``)."""
    from wagtail.models import Page

    return {
        model: model._meta.model_name for model in page_class.allowed_subpage_models() if Page in model._meta.parents
    }


def specific_child(page, names):
    """The specific page of a child read with ``select_related(*names.values())``, without another query."""
    name = names.get(page.specific_class)
    return getattr(page, name) if name else page.specific


class OneQueryChildRouteMixin:
    """Routes to a child page in one query: the child's own row comes with it (Wagtail reads the child, then its
    specific row). The child types are the page's ``subpage_types`` that extend ``Page`` directly; any other child
    is routed as Wagtail does."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        names = child_page_models(type(self))
        children = self.get_children().select_related(*names.values()).annotate(is_restricted=restricted())
        child = children.filter(slug=path_components[0]).first()
        if child is None:
            raise Http404
        specific = specific_child(child, names)
        specific._cached_parent_obj = self
        # No view restriction on the child or above it: Wagtail's check before serving needs no query of its own.
        specific._routed_unrestricted = not child.is_restricted and child.alias_of_id is None
        return specific.route(request, path_components[1:])


def site_root_paths():
    """Wagtail's ``Site.get_site_root_paths()`` (the root pages of every site and their translations, used to
    make every page's address) in one query instead of one plus one per site, kept in the same cache entry."""
    from wagtail.models import Locale, Page, Site
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION, SiteRootPath

    cached = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if cached is not None:
        return [SiteRootPath(*row) for row in cached]
    quote = connection.ops.quote_name
    site, page, locale = (quote(model._meta.db_table) for model in (Site, Page, Locale))
    sites = Site.objects.raw(
        f"SELECT s.id, s.hostname, s.port, s.site_name, s.root_page_id, s.is_default_site,"  # noqa: S608
        f" t.url_path AS translation_path, l.language_code AS translation_language"
        f" FROM {site} s INNER JOIN {page} r ON r.id = s.root_page_id"
        f" INNER JOIN {page} t ON t.translation_key = r.translation_key"
        f" INNER JOIN {locale} l ON l.id = t.locale_id"
        f" ORDER BY r.url_path DESC, s.is_default_site DESC, s.hostname, s.id, t.path"
    )
    paths = [SiteRootPath(s.id, s.translation_path, s.root_url, s.translation_language) for s in sites]
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, paths, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
    return paths


class SiteRootPathsMiddleware:
    """Gives Wagtail the site root paths of :func:`site_root_paths`, read only if a page address is made.

    Wagtail keeps them for a request in ``request._wagtail_cached_site_root_paths`` (``Page._get_site_root_paths``)
    and reads them there first; without this attribute it reads them its own way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.WAGTAIL_I18N_ENABLED:
            request._wagtail_cached_site_root_paths = SimpleLazyObject(site_root_paths)
        return self.get_response(request)
