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
    "dictionnaire_search.unansweredsearch",  # counted on every search that finds nothing: shown in the admin only
    # Pilotage (issue 18): queued tasks, job runs, daily counts and reminders never show on a public page.
    "django_tasks_db.dbtaskresult",
    "pilotage.jobrun",
    "pilotage.dailycount",
    "pilotage.moderationreminder",
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
#
# A page the same for every anonymous reader (a term, the A–Z index, a fiche) is kept whole and served again by
# ``PublicResponseCacheMiddleware``, placed just after the security, CSP and static-file middlewares: a warm hit
# reads one Redis round trip (the copy and the generations it was made under) and skips sessions, locale, CSRF,
# authentication, two-factor, messages and the view. The view decides what may be kept (``public_response``
# marks its response); the middleware decides from the cookies alone whether this reader may share it.

#: Cookies that make a visitor not anonymous (a session: logged in, a workshop, a form's state) or carry messages.
PRIVATE_COOKIES = ("sessionid", "messages")
#: Longest address kept (longer ones are rendered each time, never stored).
MAX_PATH_LENGTH = 500


def _private_cookie_names():
    from django.conf import settings

    return {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"), *PRIVATE_COOKIES}


def _stamp_keys():
    """Every key a kept response may depend on: the areas' generations and the header's page links version."""
    from portail.navigation import CACHE_VERSION_KEY

    return [generation_key(area) for area in AREAS] + [CACHE_VERSION_KEY]


def current_stamp(areas):
    """``((key, value), …)`` of the generations a response is made under, read *before* it is rendered.

    A change published while the page renders moves a generation on, so the copy is stale at once.
    """
    from portail.navigation import CACHE_VERSION_KEY, cache_version

    values = dict(zip(areas, generations(*areas), strict=True))
    return tuple((generation_key(area), values[area]) for area in areas) + ((CACHE_VERSION_KEY, cache_version()),)


def response_key(request):
    """The key of this request's kept response, or ``None`` when it must never use one.

    Only an anonymous reader's GET/HEAD, decided from the cookies alone (the session is never loaded), and never
    Wagtail's dummy requests: a preview runs the middlewares with one (``is_dummy``) on the page's public address,
    and must show the draft, not a kept copy. The key holds the host and scheme, the full path (the language is in
    it: French at the root, ``/en/``, ``/ar/``) and the reader's preferences (classes on <html>).
    """
    from portail.preferences import ReadingPreferences

    if request.method not in ("GET", "HEAD") or getattr(request, "is_dummy", False):
        return None
    if _private_cookie_names().intersection(request.COOKIES):
        return None
    full_path = request.get_full_path()
    if len(full_path) > MAX_PATH_LENGTH:
        return None
    preferences = ReadingPreferences.from_request(request).cookie_value
    parts = (request.get_host(), request.is_secure(), full_path, preferences)
    return "response:" + hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


def run_each_time(each_time):
    """Call what a page does on every view, kept copy or not (``("module.function", args)``): never fails the page."""
    from django.utils.module_loading import import_string

    if not each_time:
        return
    path, args = each_time
    try:
        import_string(path)(*args)
    except Exception:
        logger.exception("%s failed for a kept page", path)


def public_response(request, areas, render, query=(), timeout=DEFAULT_TIMEOUT, each_time=None):
    """``render()``'s response, marked to be kept whole and served to every anonymous reader until the areas change.

    ``areas``: every area whose content the page shows (the header and footer are in ``"pages"``). Only a
    request with no query parameter but those of ``query`` (one value each) is kept. ``each_time``:
    ``("module.function", args)`` called on every view of the page, kept copy or not (a view counter), or a
    function giving it (or ``None``) once the page is rendered. Everything the page shows must be read inside
    ``render()``: the generations are read before it, so a change made meanwhile makes the copy stale.
    Anything not the same for every anonymous reader (a CSRF token, a cookie, another status than 200) is
    never kept: :class:`PublicResponseCacheMiddleware` checks it on the way out.
    """
    from django.utils.cache import patch_vary_headers

    keep = not getattr(request, "is_preview", False) and not any(
        name not in query or len(values) != 1 or len(values[0]) > 100 for name, values in request.GET.lists()
    )
    stamp = None
    if keep:
        try:
            stamp = current_stamp(areas)
        except Exception:
            logger.warning("cache unreachable, %s not kept", request.path, exc_info=True)
    response = render()
    if callable(each_time):
        each_time = each_time()
    run_each_time(each_time)
    if stamp is not None:
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        response.kept_whole = {"stamp": stamp, "each_time": each_time, "timeout": timeout}
    patch_vary_headers(response, ("Cookie",))
    return response


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


class PublicResponseCacheMiddleware:
    """Serves a kept copy of a public page before the rest of the stack runs, and keeps the pages marked so.

    Placed after the security, CSP and static-file middlewares (they add their headers to every response, kept
    or not) and before the sessions. A copy holds the headers the inner middlewares and the view set
    (``Content-Language``, ``Vary``, ``X-Frame-Options``…), never a cookie. The cache being down only costs speed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = response_key(request)
        if key is not None:
            kept = self.lookup(key)
            if kept is not None:
                return self.replay(kept)
        response = self.get_response(request)
        mark = getattr(response, "kept_whole", None)
        if key is not None and mark is not None:
            self.keep(request, response, key, mark)
        return response

    @staticmethod
    def lookup(key):
        """The kept copy if it was made under the current generations: one round trip to the cache."""
        stamp_keys = _stamp_keys()
        try:
            found = cache.get_many([key, *stamp_keys])
        except Exception:
            logger.warning("cache unreachable, page rendered without it", exc_info=True)
            return None
        kept = found.get(key)
        if kept is None or any(found.get(name) != value for name, value in kept["stamp"]):
            return None
        return kept

    @staticmethod
    def replay(kept):
        from django.http import HttpResponse

        response = HttpResponse(kept["content"])
        for name, value in kept["headers"]:
            response[name] = value
        run_each_time(kept["each_time"])
        return response

    @staticmethod
    def keep(request, response, key, mark):
        if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Set-Cookie"):
            return
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page asked for a CSRF token
            return
        session = getattr(request, "session", None)
        if session is not None and getattr(session, "modified", False):
            return
        if "private" in response.get("Cache-Control", "") or b"csrfmiddlewaretoken" in response.content:
            return
        headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
        kept = {"content": response.content, "headers": headers, "stamp": mark["stamp"], "each_time": mark["each_time"]}
        try:
            cache.set(key, kept, mark["timeout"])
        except Exception:
            logger.warning("cache unreachable, %s not kept", request.path, exc_info=True)
