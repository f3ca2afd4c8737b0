"""The site's read-only public API (Wagtail API v2), mounted at /api/v2/. Apps' content is reached through it:
``/api/v2/pages/?type=fiches.ExperiencePage&fields=*``."""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Published pages as JSON only (the browsable HTML view is not part of the public site)."""

    renderer_classes = [JSONRenderer]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
