"""Every public page answers in at most 12 SQL queries, and in as many with 200 items in its list as with 10.

Each test builds its list with 10 items, counts the page's queries with an empty cache (the worst case: a cold
start, or just after a publication, when the sections, settings, cached lists and the language switch's live
translations are read again) and with the cache it filled, grows the list to 200 items and counts again. Both
counts stay within the budget. Paginated lists show one page: their count must not grow either.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.performance.conftest import (
    BUDGET,
    FEW,
    MANY,
    make_events,
    make_fiches,
    make_glossary,
    make_questions,
    make_requests,
    make_resources,
    make_services,
    make_structures,
    make_terms,
)


def sql_of(client, url, status):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, url
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture
def count_queries(client):
    """The SQL of one GET with an empty cache, then of the same GET with the cache filled by it."""

    def count(url, status=200, first=True):
        if first:
            client.get(url)  # first visit: per-process caches (content types, locales) and view counters
        cache.clear()
        cold = sql_of(client, url, status)
        warm = sql_of(client, url, status)
        return cold, warm

    return count


def grows(count, urls, grow, reload_after_growth=False):
    """Each url's query counts with the small list, then with the large one: within budget, and equal.

    ``reload_after_growth``: the page keeps something in the process that the growth makes it read again once
    (the embedded search engine's memory index): a first visit after the growth, not counted.
    """
    few = {url: count(url) for url in urls}
    grow()
    many = {url: count(url, first=reload_after_growth) for url in urls}
    report = "\n".join(
        f"{len(few[url][1]):3d} {len(many[url][1]):3d}   {len(few[url][0]):3d} {len(many[url][0]):3d}  {url}"
        for url in urls
    )
    print(f"\nqueries with {FEW} / {MANY} items: warm cache, then empty cache\n{report}")
    # The SQL shown for an offender is that of the count at fault: with the cache filled, else with it empty.
    over = {
        url: many[url][1] if len(many[url][1]) > BUDGET or len(many[url][1]) != len(few[url][1]) else many[url][0]
        for url in urls
        if len(many[url][1]) > BUDGET
        or len(many[url][0]) > BUDGET
        or len(many[url][1]) != len(few[url][1])
        or len(many[url][0]) != len(few[url][0])
    }
    details = "\n\n".join(f"{url}:\n  " + "\n  ".join(sql) for url, sql in over.items())
    assert not over, f"over budget or growing with the list:\n{report}\n\n{details}"


def test_dictionary_pages(sections, count_queries):
    terms = make_terms(0, FEW)
    head = terms[0]
    head.related_terms.set(terms[1:FEW])
    make_requests(0, FEW)
    urls = [
        "/dictionnaire/",
        "/dictionnaire/?categorie=internet",
        "/dictionnaire/?lettre=m&page=2",
        f"/dictionnaire/{head.slug}/",
        "/dictionnaire/demander/",
        "/dictionnaire/atelier/",
        "/dictionnaire/export/dictionnaire.json",
        "/dictionnaire/export/dictionnaire.csv",
        f"/api/dictionnaire/termes/{head.slug}/",
    ]

    def grow():
        more = make_terms(FEW, MANY)
        head.related_terms.add(*more)
        make_requests(FEW, MANY)

    grows(count_queries, urls, grow)


def index_terms(terms):
    from dictionnaire.search.backends import get_backend
    from dictionnaire.search.signals import search_document

    backend = get_backend()
    for term in terms:
        backend.index(search_document(term))


def test_dictionary_search(sections, count_queries):
    """Every term matches « mot »: the result list is full with 10 terms and with 200."""
    index_terms(make_terms(0, FEW))
    urls = ["/dictionnaire/recherche/?q=mot", "/api/dictionnaire/recherche/?q=mot", "/dictionnaire/recherche/?q=mto"]
    grows(count_queries, urls, lambda: index_terms(make_terms(FEW, MANY)), reload_after_growth=True)


def test_fiche_pages_feeds_exports_and_site_search(sections, count_queries):
    index = sections["fiches"]
    first = make_fiches(index, 0, FEW)[0]
    urls = [
        "/",
        "/fiches/",
        "/fiches/?departement=59&theme=tablette",
        "/fiches/?q=atelier",
        first.url,
        "/fiches/flux/rss/",
        "/fiches/export/json/",
        "/recherche/?q=fiche",
        "/sitemap.xml",
        "/api/v2/pages/?type=fiches.ExperiencePage&fields=*",
    ]
    grows(count_queries, urls, lambda: make_fiches(index, FEW, MANY))


def test_boussole_pages(sections, count_queries):
    structures = make_structures(0, FEW)
    head = structures[0]
    make_services([head], FEW - 1, start=1)
    make_events(0, FEW, structure=head)
    make_resources(0, FEW)
    glossary = make_glossary(0, FEW)
    glossary[0].structures.set(structures)
    make_questions(0, 3)
    urls = [
        "/boussole/",
        "/boussole/annuaire/",
        "/boussole/annuaire/?thematique=famille&lieu=Lille&ouvert=1",
        head.get_absolute_url(),
        "/boussole/agenda/",
        "/boussole/agenda.ics",
        f"/boussole/agenda/atelier-{0:04d}/",
        "/boussole/ressources/",
        "/boussole/glossaire/",
        glossary[0].get_absolute_url(),
        "/boussole/orientation/",
        "/boussole/orientation/?etape=3",
        "/boussole/donnees/",
        "/boussole/donnees/boussole.json",
    ]

    def grow():
        more = make_structures(FEW, MANY)
        make_services([head], MANY - FEW, start=FEW)
        make_events(FEW, MANY, structure=head)
        make_resources(FEW, MANY)
        make_glossary(FEW, MANY)
        glossary[0].structures.add(*more)

    grows(count_queries, urls, grow)
