"""The dictionary and the annuaire on other sites: compact pages meant for an ``<iframe>``, and their snippets.

``/widget/dictionnaire/`` (``?q=``) searches the dictionary and shows the best answers; ``/widget/annuaire/``
(``?commune=`` an INSEE code or a name) lists the boussole's structures near a commune. Both are read-only and set
no cookie (no session, no CSRF token, GET forms), may be framed by the origins of ``PORTAIL_WIDGET_FRAME_ANCESTORS``
(default any: ``*``) — only them: ``portail.security.csp`` relaxes ``frame-ancestors`` for ``/widget/`` alone, and
X-Frame-Options is left out of these responses only — and open the full site in a new tab.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from portail.cache import public_response

WIDGET_PREFIX = "/widget/"
MAX_QUERY_LENGTH = 100
DICTIONARY_RESULTS = 4
DIRECTORY_RESULTS = 8


def frame_ancestors():
    """The origins allowed to frame the widgets (``'*'``: any), as CSP ``frame-ancestors`` sources."""
    return list(getattr(settings, "PORTAIL_WIDGET_FRAME_ANCESTORS", ["*"])) or ["'none'"]


def is_widget_path(path):
    return path.startswith(WIDGET_PREFIX)


@xframe_options_exempt
@require_GET
def dictionary_widget(request):
    from dictionnaire.search.backends import get_backend

    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]

    def render():
        results, found_well = [], True
        if query:
            response = get_backend().search(query, limit=DICTIONARY_RESULTS)
            results, found_well = response.results, response.found_well
        context = {
            "query": query,
            "results": results,
            "found_well": found_well,
            "site": request.build_absolute_uri("/"),
            "request_url": request.build_absolute_uri(
                reverse("dictionnaire:request") + "?" + urlencode({"mot": query})
            ),
            "index_url": request.build_absolute_uri(reverse("wagtail_serve", args=["dictionnaire/"])),
        }
        return TemplateResponse(request, "portail/widgets/dictionary.html", context)

    return public_response(request, ("dictionnaire", "pages"), render, query=("q",))


@xframe_options_exempt
@require_GET
def directory_widget(request):
    from boussole import directory

    asked = " ".join(request.GET.get("commune", "").split())[:100]

    def render():
        place = directory.Place()
        if asked:
            if asked.isdigit() or (len(asked) == 5 and asked[:2].isalnum() and asked[2:].isdigit()):
                place = directory.resolve_place(code_insee=asked.upper())
            if place.commune is None:
                place = directory.resolve_place(text=asked)
        results = list(directory.search_structures(place=place)[:DIRECTORY_RESULTS]) if place.commune else []
        query = {"commune": place.commune.code_insee, "lieu": place.commune.nom} if place.commune is not None else {}
        context = {
            "asked": asked,
            "place": place,
            "results": results,
            "site": request.build_absolute_uri("/"),
            "directory_url": request.build_absolute_uri(reverse("boussole:directory") + "?" + urlencode(query)),
        }
        return TemplateResponse(request, "portail/widgets/directory.html", context)

    return public_response(request, ("boussole", "pages"), render, query=("commune",))


# -- the admin's snippet generator -----------------------------------------------------------------------------


def snippets_admin(request):
    """Admin page: the ``<iframe>`` codes a centre pastes in its site (the dictionary; the annuaire of a commune)."""
    from django.utils.html import escape
    from django.utils.translation import gettext as _

    from boussole import directory

    site = request.build_absolute_uri("/").rstrip("/")
    asked = " ".join(request.GET.get("commune", "").split())[:100]
    place = directory.resolve_place(code_insee=asked) if asked.isdigit() else directory.resolve_place(text=asked)
    dictionary_url = site + reverse("widget_dictionary")
    directory_url = site + reverse("widget_directory")
    if place.commune is not None:
        directory_url += "?" + urlencode({"commune": place.commune.code_insee})

    def iframe(url, title, height):
        return (
            f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" height="{height}" '
            f'style="border:0;max-width:40rem" loading="lazy"></iframe>'
        )

    context = {
        "dictionary_snippet": iframe(dictionary_url, _("Le dictionnaire du numérique"), 420),
        "directory_snippet": iframe(directory_url, _("Qui peut aider les parents près de chez vous"), 480),
        "asked": asked,
        "place": place,
        "allowed": frame_ancestors(),
    }
    return TemplateResponse(request, "portail/widgets/admin.html", context)
