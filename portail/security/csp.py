"""The Content Security Policy: strict everywhere, relaxed for the Wagtail admin only."""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings


def is_widget_path(path):
    """``/widget/…``: the pages other sites may frame."""
    from portail.widgets import is_widget_path as widget

    return widget(path)


def frame_ancestors():
    from portail.widgets import frame_ancestors as allowed

    return allowed()


def is_admin_path(path):
    return path.startswith(getattr(settings, "PORTAIL_ADMIN_URL_PREFIX", "/admin/"))


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with ``PORTAIL_ADMIN_CSP_REPLACE`` applied to the admin's responses.

    The public site has no inline script, handler or style attribute; Wagtail's admin (and its page previews,
    framed by the admin itself) still uses some, so only the admin gets ``'unsafe-inline'`` and same-origin framing.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.replace is None and is_admin_path(request.path_info):
            parts.replace = getattr(settings, "PORTAIL_ADMIN_CSP_REPLACE", None)
        if not report_only and parts.replace is None and is_widget_path(request.path_info):
            # The widgets alone may be framed by other sites (PORTAIL_WIDGET_FRAME_ANCESTORS): portail/widgets.py.
            parts.replace = {"frame-ancestors": frame_ancestors()}
        return parts
