from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

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


def privacy(request):
    """« Vos données personnelles »: what the site keeps, in plain French."""
    return TemplateResponse(request, "portail/privacy.html")
