"""The boussole's events as open data, beside the structures and services: JSON and CSV (formulas neutralised)."""

import csv
import io
import json

from django.http import HttpResponse
from django.utils import timezone

from boussole.io.formats import LIST_SEPARATOR
from boussole.models import Event
from boussole.referentials import LICENCE
from portail.csvsafe import safe_dict

COLUMNS = [
    "id",
    "titre",
    "description",
    "debut",
    "fin",
    "lieu",
    "adresse",
    "code_insee",
    "commune",
    "latitude",
    "longitude",
    "publics",
    "thematiques",
    "prix",
    "gratuit",
    "lien_inscription",
    "telephone_inscription",
    "nombre_places",
    "structure",
    "structure_id",
    "url",
]


def _local(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def event_record(event, request):
    return {
        "id": event.slug,
        "titre": event.title,
        "description": event.description,
        "debut": _local(event.start),
        "fin": _local(event.end),
        "lieu": event.place_label,
        "adresse": event.adresse,
        "code_insee": event.code_insee,
        "commune": event.commune,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "publics": list(event.publics or []),
        "thematiques": list(event.thematiques or []),
        "prix": event.price,
        "gratuit": event.is_free,
        "lien_inscription": event.registration_url,
        "telephone_inscription": event.registration_phone,
        "nombre_places": event.capacity,
        "structure": event.structure.nom if event.structure_id else None,
        "structure_id": event.structure.source_id if event.structure_id else None,
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }


def _records(request):
    events = Event.objects.public().select_related("structure").order_by("start", "pk")
    return [event_record(event, request) for event in events]


def events_json_view(request):
    body = json.dumps({"licence": LICENCE, "evenements": _records(request)}, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="boussole-evenements.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def events_csv_view(request):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in _records(request):
        row = {
            name: LIST_SEPARATOR.join(value) if isinstance(value, list) else ("" if value is None else value)
            for name, value in record.items()
        }
        row["gratuit"] = "oui" if record["gratuit"] else "non"
        writer.writerow(safe_dict(row))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="boussole-evenements.csv"'
    return response
