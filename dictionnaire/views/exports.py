"""The dictionary as open data: JSON and CSV exports and the read API of one term."""

import csv

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from dictionnaire.images import images_prefetch
from dictionnaire.models import (
    Term,
)
from dictionnaire.views.public import LICENCE_URL
from portail.csvsafe import safe_row


def _published_terms():
    return (
        Term.objects.live()
        .select_related("classroom__structure")
        .prefetch_related(Prefetch("related_terms", queryset=Term.objects.live().only("slug")), images_prefetch())
        .order_by("word")
    )


def export_json(request):
    data = {
        "licence": "CC BY-SA 4.0",
        "licence_url": LICENCE_URL,
        "source": request.build_absolute_uri(reverse("wagtail_serve", args=["dictionnaire/"])),
        "termes": [term.as_json(request) for term in _published_terms()],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="dictionnaire.json"'
    return response


CSV_COLUMNS = [
    "mot",
    "slug",
    "url",
    "categorie",
    "variantes",
    "synonymes",
    "definition_courte",
    "definition_complete_html",
    "on_dit",
    "ce_que_je_trouve_dangereux_des_fois",
    "ce_que_je_trouve_cool_en_meme_temps",
    "mots_lies",
    "credits",
    "publie_le",
    "licence",
]


def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dictionnaire.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for term in _published_terms():
        row = term.as_json(request)
        writer.writerow(safe_row("; ".join(v) if isinstance(v := row[c], list) else (v or "") for c in CSV_COLUMNS))
    return response


def api_term(request, slug):
    term = _published_terms().filter(slug=slug).first()
    if term is None:
        return JsonResponse({"erreur": _("Ce mot n'est pas dans le dictionnaire.")}, status=404)
    response = JsonResponse(term.as_json(request), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
