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
