"""Installable and offline: the favicon, the web app manifest, the service worker and the offline page.

The service worker (``portail/static/portail/js/service-worker.js``, written by hand, no framework) is served from
the site's root (``/service-worker.js``) so that it may look after every page. It keeps the site's shell (style
sheets, icons, the offline page), the pages a reader visited (at most ``MAX_PAGES``, the oldest dropped), the
dictionary's A–Z index and the lexique; network first for pages (a reader with network always gets the current
page, and the kept copy is refreshed), the kept copy without network, and otherwise the French offline page.
Pages work exactly as before without JavaScript: the service worker only adds to them.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

#: Pages kept for reading without network, at most (the oldest visited goes first).
MAX_PAGES = 60
#: A new version of the shell: bump it when the service worker's list of files changes.
SHELL_VERSION = "1"
ICON_SIZES = (192, 512)


def _static_file(path, content_type):
    found = finders.find(path)
    if found is None:
        static_root = Path(settings.STATIC_ROOT) / path
        found = str(static_root) if static_root.is_file() else None
    if found is None:
        raise Http404(path)
    response = FileResponse(open(found, "rb"), content_type=content_type)  # noqa: SIM115 - closed by Django
    patch_cache_control(response, public=True, max_age=7 * 24 * 60 * 60)
    return response


@require_GET
def favicon(request):
    return _static_file("portail/icons/favicon.ico", "image/x-icon")


@require_GET
def apple_touch_icon(request):
    return _static_file("portail/icons/apple-touch-icon.png", "image/png")


@require_GET
def manifest(request):
    """``/manifest.webmanifest``: name, icons, start address and colours, in French."""
    icons = [
        {"src": static(f"portail/icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in ICON_SIZES
    ]
    icons += [
        {"src": static("portail/icons/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png",
         "purpose": "maskable"},
        {"src": static("portail/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]  # fmt: skip
    data = {
        "name": "Portail de l'inclusion numérique",
        "short_name": "Dictionnaire",
        "description": "Les mots du numérique expliqués par des enfants, des fiches d'expériences et la boussole "
        "des parents.",
        "lang": "fr",
        "dir": "ltr",
        "start_url": reverse("wagtail_serve", args=["dictionnaire/"]) + "?source=appli",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d3b5c",
        "icons": icons,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


@require_GET
def service_worker(request):
    """The service worker, from the root so that its scope is the whole site; the shell's addresses filled in."""
    path = finders.find("portail/js/service-worker.js") or str(
        Path(settings.STATIC_ROOT) / "portail/js/service-worker.js"
    )
    script = Path(path).read_text(encoding="utf-8")
    shell = [
        reverse("offline"),
        static("portail/css/site.css"),
        static("portail/css/print.css"),
        static("dictionnaire/css/dictionnaire.css"),
        static("dictionnaire/css/lexique.css"),
        static("portail/icons/icon-192.png"),
        static("portail/icons/icon.svg"),
    ]
    keep = [reverse("wagtail_serve", args=["dictionnaire/"]), reverse("dictionnaire:lexicon")]
    config = (
        f"const VERSION = {SHELL_VERSION!r};\n"
        f"const SHELL = {shell!r};\n"
        f"const ALWAYS_KEPT = {keep!r};\n"
        f"const OFFLINE_PAGE = {reverse('offline')!r};\n"
        f"const MAX_PAGES = {MAX_PAGES};\n"
    )
    response = HttpResponse(config + script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True, max_age=0)  # updates are picked up on the next visit
    return response


@require_GET
def offline(request):
    """What a reader without network sees for a page they never visited: in French, saying what still works."""
    response = TemplateResponse(request, "portail/offline.html", {"title": _("Pas de réseau")})
    patch_cache_control(response, public=True, max_age=60 * 60)
    return response
