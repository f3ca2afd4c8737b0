"""Refusals are pages: a French page in the site's layout, with a way back and what to do.

``handler403`` and ``CSRF_FAILURE_VIEW`` point here; 404 uses Django's own view with ``templates/404.html``;
500 uses Django's own view with ``templates/500.html``, which needs neither the database nor the request.
"""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def way_back(request):
    """The page the visitor came from when it is on this site (never another site's address), else ``None``."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def _context(request):
    return {"back_url": way_back(request), "login_url": reverse("dictionnaire:login")}


def permission_denied(request, exception=None):
    """403: who is signed in (or that nobody is), and whom to ask for access."""
    response = TemplateResponse(request, "403.html", _context(request), status=403)
    response["Cache-Control"] = "private, no-store"
    return response


def csrf_failure(request, reason=""):
    """403 of a form sent without its security token (an old page, blocked cookies): what happened, how to redo it.

    Nothing of what was sent is shown back: the post may come from another site."""
    context = {**_context(request), "retry_url": way_back(request) or request.get_full_path()}
    response = TemplateResponse(request, "403_csrf.html", context, status=403)
    response["Cache-Control"] = "private, no-store"
    return response
