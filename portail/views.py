from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from wagtail.models import Locale, Page

from portail.preferences import COOKIE_MAX_AGE, COOKIE_NAME, ReadingPreferences
from portail.sanitise import plain_query

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 100


def search(request):
    """Site-wide search over the published pages of the current language."""
    query = plain_query(request.GET.get("q", ""), SEARCH_QUERY_MAX_LENGTH)
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().filter(locale=Locale.get_active()).search(query)
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "portail/search.html",
        {"search_query": query, "search_results": page, "paginator": paginator},
    )


@never_cache
def reading_preferences(request):
    """Remember the text size and contrast chosen with the header's links, then go back to the page.

    A functional cookie (no consent banner needed); the ``next`` address is followed only on this site.
    """
    preferences = ReadingPreferences.from_request(request).with_choices(request.GET)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if preferences.cookie_value:
        response.set_cookie(
            COOKIE_NAME,
            preferences.cookie_value,
            max_age=COOKIE_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response


def privacy(request):
    """« Vos données personnelles »: what the site keeps, in plain French."""
    return TemplateResponse(request, "portail/privacy.html")
