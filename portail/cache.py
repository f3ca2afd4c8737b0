"""Caching of public, expensive data with a generation key per area of the site.

Every cached value's key holds the area's current *generation*. Publishing, unpublishing, editing or deleting
anything of an area (a page, a snippet, a structure…) moves its generation on: the old keys are never read
again and expire on their own. No key has to be found and deleted, so a change is visible at once on every
worker sharing the cache (Redis) — and with the local-memory cache in one process.

Only data and HTML fragments that are the same for every visitor are cached, keyed by language and anything
else that changes them: never a whole response carrying a CSRF token, messages or user-specific content.
"""

import hashlib
import logging
import time

from django.core.cache import cache
from django.utils import translation

logger = logging.getLogger(__name__)

#: The areas of the site whose caches move on together.
AREAS = ("dictionnaire", "demandes", "fiches", "boussole", "pages")
#: Requests for words and workshops change often (every « demander un mot ») and show on no cached page.
REQUEST_MODELS = {
    "dictionnaire.wordrequest",
    "dictionnaire.requestsubmission",
    "dictionnaire.workshop",
    "dictionnaire.pupil",
}
#: How long a cached value lives at most (a generation change makes it unreachable at once anyway).
DEFAULT_TIMEOUT = 60 * 60

#: Models whose changes never alter a public page (counters, sessions, logs): no invalidation for them.
IGNORED_MODELS = {
    "dictionnaire.termstatistic",
    "sessions.session",
    "admin.logentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.revision",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailusers.userprofile",
    "auth.user",
    "dictionnaire_search.searchdocument",
}


def generation_key(area):
    return f"generation:{area}"


def generation(area):
    """The area's current generation (a number that only changes when its content does)."""
    value = cache.get(generation_key(area))
    if value is None:
        value = time.time_ns()
        if not cache.add(generation_key(area), value, timeout=None):
            value = cache.get(generation_key(area), value)
    return value


def generations(*areas):
    values = cache.get_many([generation_key(area) for area in areas])
    return tuple(values.get(generation_key(area)) or generation(area) for area in areas)


def bump(*areas):
    """Forget everything cached for these areas (their next reads rebuild it).

    A cache that cannot be reached must not stop an editor's publication: the error is logged.
    """
    try:
        cache.set_many({generation_key(area): time.time_ns() for area in areas or AREAS}, timeout=None)
    except Exception:  # the cache backend's own connection errors (redis.ConnectionError, …)
        logger.exception("could not move the cache generation of %s on", areas)


def make_key(area, name, *parts, language=True):
    """``area:generation:name:language:digest-of-parts`` — the parts are whatever changes the value.

    ``area`` may be a tuple of areas when the value shows content of several (then any of them moves it on).
    """
    areas = (area,) if isinstance(area, str) else tuple(area)
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:16] if parts else "-"
    lang = (translation.get_language() or "-") if language else "*"
    current = "-".join(str(value) for value in generations(*areas))
    return f"{'+'.join(areas)}:{current}:{name}:{lang}:{digest}"


def cached(area, name, build, *parts, timeout=DEFAULT_TIMEOUT, language=True):
    """The value of ``build()`` for this key, computed once per generation of the area."""
    try:
        key = make_key(area, name, *parts, language=language)
        value = cache.get(key)
    except Exception:  # the cache is down: the page is still served, from the database
        logger.warning("cache unreachable, %s built without it", name, exc_info=True)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("cache unreachable, %s not kept", name, exc_info=True)
    return value


def area_for(model):
    """The area a model belongs to, or ``None`` when its changes never show on a public page."""
    label = model._meta.label_lower
    if label in IGNORED_MODELS:
        return None
    if label in REQUEST_MODELS:
        return "demandes"
    app = model._meta.app_label
    if app in ("dictionnaire", "dictionnaire_search"):
        return "dictionnaire"
    if app in ("fiches", "boussole"):
        return app
    return "pages"


# -- invalidation ---------------------------------------------------------------------------------------------


def forget_changes_of(model):
    """Move on the generation of what this model shows (its area, and the site's page listings for pages)."""
    from wagtail.models import Page

    area = area_for(model)
    if area is None:
        return
    areas = {area}
    if area == "pages":
        # Images, documents, sites, locales, tags…: shown anywhere, so everything moves on.
        areas.update(AREAS)
    elif issubclass(model, Page):
        areas.add("pages")
    bump(*areas)


def on_change(sender, **kwargs):
    model = sender
    instance = kwargs.get("instance")
    if instance is not None and not isinstance(instance, type):
        model = type(instance)
    forget_changes_of(model)
    # Once more when the transaction commits: a request between the change and the commit may have cached
    # the old state again.
    from django.db import transaction

    transaction.on_commit(lambda: forget_changes_of(model))


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, published, unpublished

    for signal in (post_save, post_delete, m2m_changed, page_published, page_unpublished, published, unpublished):
        signal.connect(on_change, dispatch_uid=f"portail-cache-{id(signal)}")


# -- whole responses of public pages ---------------------------------------------------------------------------

#: Cookies that make a visitor not anonymous (a session: logged in, a workshop, a form's state) or carry messages.
PRIVATE_COOKIES = ("sessionid", "messages")
#: Response headers set by a view that a cached copy gives back (middlewares add theirs on every response).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")


def _private_cookie_names():
    from django.conf import settings

    return {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"), *PRIVATE_COOKIES}


def response_key(request, areas, query=()):
    """The key of a page's whole response, or ``None`` when this request must never use the response cache.

    Only an anonymous reader's GET/HEAD, decided from the cookies alone (the session is never loaded), without a
    preview and with no query parameter but those of ``query`` (part of the key). The key holds the areas'
    generations, the header's page links version, the host and scheme, the full path, the active language and
    the reader's preferences (classes on <html>).
    """
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    if _private_cookie_names().intersection(request.COOKIES):
        return None
    if any(name not in query or len(values) != 1 or len(values[0]) > 100 for name, values in request.GET.lists()):
        return None
    from portail.navigation import cache_version
    from portail.preferences import ReadingPreferences

    preferences = ReadingPreferences.from_request(request).cookie_value
    parts = (request.get_host(), request.is_secure(), request.get_full_path(), preferences, cache_version())
    return make_key(tuple(areas), "response", *parts)


def _storable(request, response):
    """What a cache may keep of a fresh response, or ``None`` when it is not the same for every anonymous reader."""
    if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return None
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page asked for a CSRF token
        return None
    session = getattr(request, "session", None)
    if session is not None and getattr(session, "modified", False):
        return None
    if response.has_header("Cache-Control") and "private" in response["Cache-Control"]:
        return None
    content = response.content
    if b"csrfmiddlewaretoken" in content:
        return None
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return {"content": content, "headers": headers}


def public_response(request, areas, render, query=(), timeout=DEFAULT_TIMEOUT):
    """``render()``'s response, kept whole and served again to every anonymous reader until the areas change.

    ``areas``: every area whose content the page shows (the header and footer are in ``"pages"``). A cached
    copy is a new ``HttpResponse`` (no template rendered); anything not the same for every anonymous reader
    (a CSRF token, a cookie, another status than 200) is never kept. The cache being down only costs the speed.
    """
    from django.http import HttpResponse
    from django.utils.cache import patch_vary_headers

    try:
        key = response_key(request, areas, query)
        stored = cache.get(key) if key else None
    except Exception:
        logger.warning("cache unreachable, %s rendered without it", request.path, exc_info=True)
        key = stored = None
    if stored is not None:
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"].items():
            response[name] = value
    else:
        response = render()
        if key is None:
            return response
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        stored = _storable(request, response)
        if stored is None:
            return response
        try:
            cache.set(key, stored, timeout)
        except Exception:
            logger.warning("cache unreachable, %s not kept", request.path, exc_info=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def cache_public_response(*areas, query=()):
    """View decorator: :func:`public_response` for a view whose whole output depends on these areas only."""
    import functools

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            return public_response(request, areas, lambda: view(request, *args, **kwargs), query=query)

        return wrapper

    return decorator


class PublicResponseCacheMixin:
    """For a Wagtail page the same for every anonymous reader: its ``serve`` goes through :func:`public_response`.

    Wagtail's view restrictions are checked before ``serve`` (``before_serve_page``) and a preview sets
    ``request.is_preview``: neither a private page nor a draft reaches the cache.
    """

    #: Every area whose content the page shows; ``"pages"`` holds the header, the footer and the page itself.
    response_cache_areas = ("pages",)
    #: Query parameters that are part of the key (any other one: the page is rendered, never cached).
    response_cache_query = ()

    def serve(self, request, *args, **kwargs):
        parent = super()
        if not self.caches_response(request, *args, **kwargs):
            return parent.serve(request, *args, **kwargs)
        return public_response(
            request,
            self.response_cache_areas,
            lambda: parent.serve(request, *args, **kwargs),
            query=self.response_cache_query,
        )

    def caches_response(self, request, *args, **kwargs):
        return True
