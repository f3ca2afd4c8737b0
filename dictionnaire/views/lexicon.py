"""« Mon petit lexique »: add a word from its page, list, reorder and remove, share, and print it large.

No account and no JavaScript: the list is kept in a cookie (``dictionnaire.lexicon``). The lexique page is never
kept by the whole-page cache (it depends on the reader's cookie and carries a CSRF token).
"""

import time

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dictionnaire import lexicon
from dictionnaire.models import Term


# No CSRF token: the button is on term pages kept whole for every reader; it can only add to one's own list.
@csrf_exempt
@require_POST
def add(request):
    """« Ajouter à mon lexique » (POST ``mot=<slug>``): back to the lexique, which says the word is in it."""
    slugs, _title = lexicon.read(request)
    slug = lexicon.parse_slugs(request.POST.get("mot", ""))[:1]
    if not slug or not Term.objects.live().filter(slug=slug[0]).exists():
        return redirect("dictionnaire:lexicon")
    if slug[0] not in slugs:
        slugs.append(slug[0])
    response = HttpResponseRedirect(reverse("dictionnaire:lexicon") + "?ajoute=" + slug[0])
    return lexicon.write(response, slugs[-lexicon.MAX_WORDS :])


@require_http_methods(["GET", "HEAD", "POST"])
def lexicon_page(request):
    """The reader's words (or a shared lexique: ``?mots=…&titre=…``), to reorder, remove, title and print."""
    slugs, title = lexicon.read(request)
    if request.method == "POST":
        return change(request, slugs, title)
    shared = "mots" in request.GET
    if shared:
        slugs = lexicon.parse_slugs(request.GET.get("mots", ""))
        title = lexicon.clean_title(request.GET.get("titre", ""))
    terms = lexicon.terms_for(slugs)
    slugs = [term.slug for term in terms]
    added = next((term for term in terms if term.slug == request.GET.get("ajoute")), None)
    context = {
        "terms": terms,
        "title": title,
        "shown_title": title or lexicon.default_title(),
        "shared": shared,
        "added": added,
        "query": lexicon.share_query(slugs, title),
        "share_url": request.build_absolute_uri(
            reverse("dictionnaire:lexicon") + "?" + lexicon.share_query(slugs, title)
        ),
    }
    response = TemplateResponse(request, "dictionnaire/lexicon.html", context)
    add_never_cache_headers(response)
    return response


def change(request, slugs, title):
    """The lexique page's buttons: move a word up or down, remove it, keep a shared list, set the title."""
    action = request.POST.get("action", "")
    slug = request.POST.get("mot", "")
    if action == "monter":
        slugs = lexicon.move(slugs, slug, -1)
    elif action == "descendre":
        slugs = lexicon.move(slugs, slug, 1)
    elif action == "retirer":
        slugs = [kept for kept in slugs if kept != slug]
    elif action == "garder":
        slugs = lexicon.parse_slugs(request.POST.get("mots", ""))
        title = lexicon.clean_title(request.POST.get("titre", ""))
    elif action == "titre":
        title = lexicon.clean_title(request.POST.get("titre", ""))
    elif action == "vider":
        slugs = []
    anchor = f"#lexique-{slug}" if action in ("monter", "descendre") and slug in slugs else ""
    response = HttpResponseRedirect(reverse("dictionnaire:lexicon") + anchor)
    return lexicon.write(response, slugs, title)


@require_GET
def lexicon_pdf(request):
    """``lexique.pdf?mots=wi-fi,qr-code&titre=…``: the words in that order, in large print (or the reader's own)."""
    if "mots" in request.GET:
        slugs = lexicon.parse_slugs(request.GET.get("mots", ""))
        title = lexicon.clean_title(request.GET.get("titre", ""))
    else:
        slugs, title = lexicon.read(request)
    terms = lexicon.terms_for(slugs)
    if not terms:
        return TemplateResponse(request, "dictionnaire/lexicon_empty.html", status=404)
    started = time.perf_counter()
    pdf = lexicon.lexicon_pdf(terms, title or lexicon.default_title(), request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="lexique.pdf"'
    response["Server-Timing"] = f"pdf;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response


@require_GET
def booklet_pdf(request):
    """The whole dictionary as a printable booklet, its words by category."""
    from dictionnaire.models import Category

    order = {value: index for index, (value, _label) in enumerate(Category.choices)}
    terms = sorted(
        Term.objects.live().select_related("image").order_by("sort_key"),
        key=lambda term: order.get(term.category, len(order)),
    )
    pdf = lexicon.lexicon_pdf(terms, _("Le dictionnaire des enfants profs"), request, grouped=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="dictionnaire.pdf"'
    return response
