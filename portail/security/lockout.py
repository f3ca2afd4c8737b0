"""django-axes hooks: a friendly French page when an account is locked, and the client's address behind a proxy."""

from django.conf import settings
from django.template.response import TemplateResponse


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out person sees: what happened, how long to wait, who can help. Status 429."""
    minutes = round(float(settings.AXES_COOLOFF_TIME or 0) * 60)
    response = TemplateResponse(
        request, "portail/security/lockout.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    return response.render()


def client_ip(request):
    """The visitor's address: the connection's, or the one the trusted proxies put in X-Forwarded-For.

    Only the last ``PORTAIL_PROXY_COUNT`` entries are written by our proxies; anything further left came from the
    client and could be forged, so it is never trusted.
    """
    proxies = getattr(settings, "PORTAIL_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
