"""django-axes hooks: limits per account, per address and per both; a friendly French page when sign-in is
locked; the client's address behind a proxy.

Three counts of failed sign-ins over the cool-off time, each with its own limit (``PORTAIL_LOCKOUT_LIMITS``,
``AXES_FAILURE_LIMIT`` for the first): one user name from one address (someone who forgot their password), one
address whatever the user names (someone trying many accounts), one user name whatever the addresses (many
machines guessing one account). Any count over its limit locks the sign-in.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.template.response import TemplateResponse


def _parameter_name(parameter):
    return parameter if isinstance(parameter, str) else "+".join(parameter)


class TieredLockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler with one limit per lockout parameter instead of one for all.

    django-axes compares the largest count with a single limit: each count is scaled here so that it reaches
    ``AXES_FAILURE_LIMIT`` exactly when it reaches its own limit.
    """

    def get_failures(self, request, credentials=None):
        limit = get_failure_limit(request, credentials)
        own_limits = getattr(settings, "PORTAIL_LOCKOUT_LIMITS", {})
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            own = own_limits.get(_parameter_name(parameter), limit)
            worst = max(worst, failures * limit // own)
        return worst

    def reset_user_attempts(self, request, credentials=None):
        """A successful sign-in forgets only this account's failures from this address: signing in to one's own
        account must not wipe the count of an address that tried many others."""
        username = get_client_username(request, credentials)
        deleted, _by_model = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return deleted


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out person sees: what happened, how long to wait, who can help. Status 429."""
    minutes = round(float(settings.AXES_COOLOFF_TIME or 0) * 60)
    response = TemplateResponse(
        request, "portail/security/lockout.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    return response.render()


def address_is_locked(request):
    """Whether sign-ins from this visitor's address are locked now (its address-wide count is over its limit).

    Read before showing a sign-in form: a form that cannot be used is not shown, the lockout page is."""
    from axes.attempts import get_cool_off_threshold
    from axes.handlers.proxy import AxesProxyHandler

    if not getattr(settings, "AXES_ENABLED", True):
        return False
    AxesProxyHandler.update_request(request)
    limit = getattr(settings, "PORTAIL_LOCKOUT_LIMITS", {}).get("ip_address", settings.AXES_FAILURE_LIMIT)
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0) >= limit


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
