"""The dictionary's A–Z index: drawn on by its home page (``DictionaryIndexPage``) and its tests."""

from collections import OrderedDict

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import Collate

from dictionnaire.models import (
    Category,
    Term,
    WordRequest,
)
from dictionnaire.text import INDEX_LETTERS, index_letter
from portail.cache import cached

WAITING_STATUSES = [WordRequest.Status.OPEN, WordRequest.Status.CLAIMED, WordRequest.Status.IN_MODERATION]


#: Terms of one letter shown on one page of the A–Z index.
INDEX_TERMS_PER_PAGE = 100


def index_context(request):
    """The A–Z index: the letters bar and the terms of one letter (``?lettre=``, one page of them: ``?page=``),
    of one category (``?categorie=``) or all, with the waiting words and the latest published.

    Each part is one SQL query, cached until the dictionary changes: the page costs as much with 100,000 terms
    as with 10 (only the chosen letter's page of terms is read).
    """
    category = request.GET.get("categorie", "")
    if category not in Category.values:
        category = ""
    counts = cached("dictionnaire", "index-letters", lambda: letter_counts(category), category)
    letter = index_letter(request.GET.get("lettre"))
    if letter not in counts:
        # No letter asked, or one without terms (or not a letter at all): the first one that has terms.
        letter = next(iter(counts), None)
    paginator = Paginator(range(counts.get(letter, 0)), INDEX_TERMS_PER_PAGE)  # counted already: no query
    page = paginator.page(nearest_page(request.GET.get("page"), paginator.num_pages))
    terms = []
    if letter is not None:
        terms = cached(
            "dictionnaire",
            "index-terms",
            lambda: letter_terms(category, letter, page.start_index() - 1, page.end_index()),
            category,
            letter,
            page.number,
        )
    letters = [{"letter": value, "count": counts.get(value, 0), "current": value == letter} for value in INDEX_LETTERS]
    return {
        "letters": letters,
        "current_letter": letter,
        "terms": terms,
        "page_obj": page,
        "categories": Category.choices,
        "current_category": category,
        "waiting_requests": WordRequest.objects.filter(status__in=WAITING_STATUSES).order_by("-count", "created_at")[
            :8
        ],
        "recent_terms": cached("dictionnaire", "index-recent", recent_terms),
    }


def nearest_page(value, last):
    """The page number asked for, brought between 1 and ``last``; 1 when it is no number."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(last, 1))


def letter_counts(category):
    """How many published terms start with each letter (of a category, or all): one aggregate query.

    An ordered dict of the letters that have terms only, in the index's order.
    """
    terms = Term.objects.live()
    if category:
        terms = terms.filter(category=category)
    rows = terms.order_by().values_list("letter").annotate(count=Count("pk"))
    counts = dict(rows)
    return OrderedDict((letter, counts[letter]) for letter in INDEX_LETTERS if counts.get(letter))


def letter_terms(category, letter, start, stop):
    """The published terms of one letter (of a category, or all) from ``start`` to ``stop``, in index order."""
    terms = Term.objects.live().filter(letter=letter)
    if category:
        terms = terms.filter(category=category)
    # The index's order is Python's (code points, as ``sorted`` gives): PostgreSQL's locale would skip hyphens.
    key = Collate("sort_key", "C") if connection.vendor == "postgresql" else F("sort_key")
    terms = terms.only("word", "slug", "short_definition", "category").order_by(key, "word")
    return list(terms[start:stop])


def recent_terms():
    """The six latest published terms (whatever the category)."""
    return list(
        Term.objects.live()
        .filter(last_published_at__isnull=False)
        .only("word", "slug", "last_published_at")
        .order_by("-last_published_at", "word")[:6]
    )
