"""Open data exports of the published fiches: JSON (the booklet file's shape, plus the page's address) and CSV."""

import csv
import io
import json

from django.http import HttpResponse

from portail.csvsafe import safe_dict

CSV_COLUMNS = [
    "titre",
    "adresse",
    "structure",
    "commune",
    "departement_code",
    "publics",
    "themes",
    "partenaires",
    "site_web",
    "courriels",
    "telephones",
    "source",
    "date_publication",
]


def fiche_record(page, request, tags):
    """One fiche as plain data, without the persons' contacts that are not shown on the site.

    ``tags``: the fiche's ``{"public": [...], "theme": [...]}``, read for the whole list (``fiche_tags``).
    """
    return {
        "titre": page.title,
        "adresse": page.get_full_url(request),
        "structure": page.structure,
        "commune": page.commune or None,
        "departement_code": page.departement,
        "publics": sorted(tag.name for tag in tags["public"]),
        "themes": sorted(tag.name for tag in tags["theme"]),
        "partenaires": [line for line in page.partners.splitlines() if line.strip()],
        "sections": page.sections,
        "contact": {
            "structures": [{"nom": o.name, "adresse": o.address} for o in page.organisations.all()],
            "site_web": page.contact_website or None,
            "courriels": page.contact_emails.split(),
            "telephones": [line for line in page.contact_phones.splitlines() if line.strip()],
        },
        "source": page.source or None,
        "date_publication": page.first_published_at.isoformat() if page.first_published_at else None,
    }


def _records(fiches, request):
    """The fiches' records in title order: their tags (both kinds in one query) and organisations come in bulk."""
    from fiches.models import fiche_tags

    tags = fiche_tags(fiches.values("pk"))
    empty = {"public": [], "theme": []}
    fiches = fiches.order_by("title").prefetch_related("organisations")
    return [fiche_record(page, request, tags.get(page.pk, empty)) for page in fiches]


def json_response(fiches, request):
    body = json.dumps({"fiches": _records(fiches, request)}, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="fiches.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def csv_response(fiches, request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record in _records(fiches, request):
        row = dict(record)
        for key in ("publics", "themes", "partenaires"):
            row[key] = " | ".join(record[key])
        row["site_web"] = record["contact"]["site_web"] or ""
        row["courriels"] = " | ".join(record["contact"]["courriels"])
        row["telephones"] = " | ".join(record["contact"]["telephones"])
        writer.writerow(safe_dict(row))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fiches.csv"'
    return response
