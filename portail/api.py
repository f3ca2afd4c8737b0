"""The site's read-only public API (Wagtail API v2), mounted at /api/v2/. Apps' content is reached through it:
``/api/v2/pages/?type=fiches.ExperiencePage&fields=*``.

Bad parameters are refusals (400 with a ``message``), never a 500: a control character anywhere (PostgreSQL
refuses NUL), a number larger than the database's integers, a search with nothing left to look for.
"""

import unicodedata

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from portail.sanitise import plain_query

#: Longest search kept (like the site's search box).
SEARCH_MAX_LENGTH = 100
#: Largest offset asked for: far beyond any listing, well within every database's integers.
OFFSET_MAX = 10**9


def has_control_characters(value):
    return any(unicodedata.category(char) in ("Cc", "Cs") for char in value)


class PlainSearchFilter(SearchFilter):
    """Wagtail's search with the query cleaned as the site's search box does (no control characters, no double
    quotes: SQLite's full-text engine fails on an unbalanced one); a search with no word left is refused."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = plain_query(request.GET["search"], SEARCH_MAX_LENGTH)
        if not any(char.isalnum() for char in query):
            raise BadRequestError("search must contain at least one letter or digit")
        if request.GET.get("search_operator") not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        request.GET = request.GET.copy()
        request.GET["search"] = query
        return super().filter_queryset(request, queryset, view)


class BoundedPagination(WagtailPagination):
    """Wagtail's offset and limit, refused when larger than any listing (SQLite cannot slice beyond 2⁶³)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if len(offset) > 10 or (offset.isdigit() and int(offset) > OFFSET_MAX):
            raise BadRequestError(f"offset cannot be higher than {OFFSET_MAX}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Published pages as JSON only (the browsable HTML view is not part of the public site)."""

    renderer_classes = [JSONRenderer]
    pagination_class = BoundedPagination
    filter_backends = [
        PlainSearchFilter if backend is SearchFilter else backend for backend in PagesAPIViewSet.filter_backends
    ]

    def initial(self, request, *args, **kwargs):
        """Refuse a control character in any parameter before a filter sends it to the database."""
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if has_control_characters(name) or any(has_control_characters(value) for value in values):
                raise BadRequestError(f"'{name}' contains control characters")

    def get_base_queryset(self):
        """The pages this reader may see, read once per request (Wagtail asks for them for the list and its
        filters: each time one query for the view restrictions and one for the site's root page)."""
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset.all()

    def get_queryset(self):
        """Each page's locale and the fiches' tags and organisations come in a few queries, not per page."""
        queryset = super().get_queryset().select_related("locale")
        related = getattr(queryset.model, "api_prefetch_related", ())
        return queryset.prefetch_related(*related) if related else queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
