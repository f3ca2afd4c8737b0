"""``/admin/dictionnaire/chiffres/?du=…&au=…``: the figures of a period as tables, SVG charts, and CSV."""

import csv
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from pilotage import charts
from pilotage.figures import METRICS, figures_for
from pilotage.period import PRESETS, resolve
from portail.csvsafe import safe_row

DELAYS = {
    "request_to_publication": _("Délai demande → publication"),
    "submission_to_decision": _("Délai envoi en relecture → décision"),
}


def _days(value):
    return None if value is None else round(value, 1)


def _french_number(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def csv_response(start, end, figures, territory=None):
    """Separator ``;``, decimal comma and a BOM: LibreOffice and Excel in French open it as a table."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chiffres-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    header = [_("Du"), _("Au"), _("Structure"), *(str(label) for label in METRICS.values())]
    for label in DELAYS.values():
        header += [f"{label} — {_('médiane (jours)')}", f"{label} — {_('90e centile (jours)')}"]
    writer.writerow(header)
    first = territory.name if territory else _("Tout le site")
    rows = [(first, figures["site"])] + [(row["structure"].name, row) for row in figures["structures"]]
    for name, row in rows:
        cells = [start.isoformat(), end.isoformat(), name]
        cells += [_french_number(row["figures"][metric]) for metric in METRICS]
        for key in DELAYS:
            cells += [_french_number(_days(value)) for value in row[key]]
        writer.writerow(safe_row(cells))
    return response


def territory_choice(request):
    """``(territories offered, territory chosen or None)``: « Tout le réseau » or any territory for a national
    moderator; a moderator scoped to territories only chooses among theirs, the first one by default."""
    from portail.models import Territory
    from portail.moderation import moderator_territory_ids

    scoped = moderator_territory_ids(request.user)
    territories = Territory.objects.order_by("name")
    territories = list(territories.filter(pk__in=scoped) if scoped is not None else territories)
    asked = request.GET.get("territoire", "")
    chosen = next((territory for territory in territories if str(territory.pk) == asked), None)
    if chosen is None and scoped is not None and territories:
        chosen = territories[0]
    return territories, chosen, scoped is None


def figures_view(request):
    from dictionnaire.admin_views import may_see_figures

    if not may_see_figures(request.user):
        raise PermissionDenied
    form, start, end = resolve(request.GET)
    territories, territory, national = territory_choice(request)
    figures = figures_for(start, end, territory.pk if territory else None)
    if request.GET.get("format") == "csv":
        return csv_response(start, end, figures, territory)
    keep = {"territoire": territory.pk} if territory else {}
    periods = charts.buckets(start, end)
    chart_list = []
    for metric, label in METRICS.items():
        values = charts.series_values(figures["series"].get(metric, {}), periods)
        chart_list.append({"label": label, "svg": charts.bar_chart(label, values), "values": values})
    site = figures["site"]
    return TemplateResponse(
        request,
        "pilotage/figures.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "territories": territories,
            "territory": territory,
            "national": national,
            "presets": [(label, "?" + urlencode({"periode": key, **keep})) for key, label in PRESETS.items()],
            "csv_url": "?" + urlencode({"du": start.isoformat(), "au": end.isoformat(), **keep, "format": "csv"}),
            "metrics": list(METRICS.values()),
            "site_figures": [(label, site["figures"][metric]) for metric, label in METRICS.items()],
            "site_delays": [(label, *map(_days, site[key])) for key, label in DELAYS.items()],
            "structure_rows": [
                {
                    "name": row["structure"].name,
                    "figures": [row["figures"][metric] for metric in METRICS],
                    "delays": [_days(row[key][0]) for key in DELAYS],
                }
                for row in figures["structures"]
            ],
            "delay_labels": list(DELAYS.values()),
            "charts": chart_list,
        },
    )
