"""The dictionary's search page (works without JavaScript) and its JSON API (also used by the autocomplete)."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portail.cache import public_response

from .backends import get_backend

MAX_QUERY_LENGTH = 100
PAGE_RESULTS = 20
API_DEFAULT_LIMIT = 10
API_MAX_LIMIT = 50


def request_word_url(query):
    """The « Demander ce mot » form, prefilled with what was searched."""
    try:
        base = reverse("dictionnaire:request")
    except NoReverseMatch:
        base = reverse("dictionnaire_search:page").replace("recherche/", "demander/")
    return f"{base}?{urlencode({'mot': query})}"


@require_GET
def search_page(request):
    query = request.GET.get("q", "").strip()
    found = {"well": True}

    def render():
        context = {"search_query": query, "response": None, "error": None}
        if len(query) > MAX_QUERY_LENGTH:
            context["error"] = _(
                "Votre recherche est trop longue : %(max)s caractères au plus. Essayez avec un seul mot."
            ) % {"max": MAX_QUERY_LENGTH}
            context["search_query"] = query[:MAX_QUERY_LENGTH]
        elif query:
            response = get_backend().search(query, limit=PAGE_RESULTS)
            found["well"] = response.found_well
            context["response"] = response
            context["good_results"] = [r for r in response.results if response.found_well]
            # Not a good match: one answer first when the meaning search is sure of it, else three candidates.
            context["sure_answer"] = response.results[0] if not response.found_well and response.sure else None
            candidates = response.results[1:3] if context["sure_answer"] else response.results[:3]
            context["nearest"] = [] if response.found_well else candidates
            context["request_url"] = request_word_url(query)
            context["site_search_url"] = f"{reverse('search')}?{urlencode({'q': query})}"
        status = 400 if context["error"] else 200
        return TemplateResponse(request, "dictionnaire_search/search_page.html", context, status=status)

    def count_if_unanswered():  # every search is counted, kept page or not (figures; unanswered ones apart)
        return ("pilotage.figures.count_search", (query, found["well"]))

    # Seniors search the same words: a search's page is kept whole for every anonymous reader until a term changes.
    return public_response(request, ("dictionnaire", "pages"), render, query=("q",), each_time=count_if_unanswered)


def _error(message):
    return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_search(request):
    """``GET ?q=<text>&limit=<n>`` → ``{"query", "results": [...], "did_you_mean"}``; only published terms."""
    query = request.GET.get("q", "").strip()
    if not query:
        return _error(_("Le paramètre « q » est vide : écrivez le mot à chercher."))
    if len(query) > MAX_QUERY_LENGTH:
        return _error(_("Le paramètre « q » est trop long : %(max)s caractères au plus.") % {"max": MAX_QUERY_LENGTH})
    raw_limit = request.GET.get("limit", "")
    try:
        limit = int(raw_limit) if raw_limit else API_DEFAULT_LIMIT
    except ValueError:
        return _error(
            _("Le paramètre « limit » doit être un nombre entier entre 1 et %(max)s.") % {"max": API_MAX_LIMIT}
        )
    if not 1 <= limit <= API_MAX_LIMIT:
        return _error(
            _("Le paramètre « limit » doit être un nombre entier entre 1 et %(max)s.") % {"max": API_MAX_LIMIT}
        )
    return public_response(
        request,
        ("dictionnaire",),
        lambda: JsonResponse(
            get_backend().search(query, limit=limit).as_dict(), json_dumps_params={"ensure_ascii": False}
        ),
        query=("q", "limit"),
    )
