"""The site's read-only public API (Wagtail API v2), mounted at /api/v2/. Apps' content is reached through it:
``/api/v2/pages/?type=fiches.ExperiencePage&fields=*``."""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Published pages as JSON only (the browsable HTML view is not part of the public site)."""

    renderer_classes = [JSONRenderer]

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
