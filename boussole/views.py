"""Public pages of the boussole: thin views over ``directory``, the models and the feeds."""

from django.contrib import messages
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boussole import directory, freshness, hours, needs
from boussole.ages import band
from boussole.forms import (
    RADIUS_CHOICES,
    AgendaSearchForm,
    DirectorySearchForm,
    ErrorReportForm,
    ResourceFilterForm,
)
from boussole.ical import calendar_for
from boussole.io.exporter import export_csv, export_json
from boussole.models import (
    BoussoleIndexPage,
    Event,
    GlossaryEntry,
    Resource,
    Service,
    Structure,
)
from boussole.referentials import LICENCE, SCHEMA_ATTRIBUTION, find_communes, referential
from dictionnaire.models import Term
from portail.abuse import is_limited
from portail.cache import public_response

RESULTS_PER_PAGE = 10


def paginate(request, items, per_page=RESULTS_PER_PAGE):
    """A page of ``items``; a wrong page number gives the first or last page, never an error."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def place_from(data):
    return directory.resolve_place(data.get("lieu"), data.get("commune"), data.get("lat"), data.get("lon"))


#: The annuaire's query parameters: a search with these only is the same page for every anonymous reader.
DIRECTORY_QUERY = (
    "q",
    "thematique",
    "toutes",
    "public",
    "age",
    "rayon",
    "ouvert",
    "lieu",
    "commune",
    "lat",
    "lon",
    "page",
)
#: Fewer results than this within a radius: the page offers to look further.
FEW_RESULTS = 3


def seconds_to_next_minute(now=None):
    """How long an annuaire page stays right: opening hours change its « ouvert » statuses on the minute."""
    now = now or timezone.now()
    return max(1, 60 - now.second)


def directory_view(request):
    def render():
        form = DirectorySearchForm(request.GET or None)
        data = form.cleaned()
        place = place_from(data)
        thematiques = needs.resolve(data["thematique"], form.needs)
        results = directory.search_structures(
            data["q"],
            thematiques,
            data["public"],
            data["ouvert"],
            place,
            ages=band(data["age"]),
            radius=data["rayon"],
        )
        page = paginate(request, results)
        markers = [
            {
                "nom": r.structure.nom,
                "url": r.structure.get_absolute_url(),
                "lat": r.structure.latitude,
                "lon": r.structure.longitude,
                "statut": r.status.text,
            }
            for r in page.object_list
            if r.structure.has_coordinates
        ]
        ics_query = urlencode({k: v for k, v in request.GET.items() if k in AGENDA_QUERY})
        context = {
            "form": form,
            "place": place,
            "radius": results.radius,
            "wider": wider_query(request, results.radius, len(results)),
            "results": page,
            "result_count": len(results),
            "capped": len(results) >= directory.RESULTS_CAP,
            "query_string": query_without_page(request),
            "markers": markers,
            "ics_query": ics_query,
            "boussole": boussole_page(request),
        }
        return TemplateResponse(request, "boussole/directory.html", context)

    # Parents search the same needs in the same towns: a search's page is kept whole until the boussole or a page
    # changes, and at most until the next minute (the statuses « ouvert » / « fermé » it shows).
    return public_response(
        request, ("boussole", "pages"), render, query=DIRECTORY_QUERY, timeout=seconds_to_next_minute()
    )


#: The search parameters the agenda shares with the annuaire (its links and feeds keep them).
AGENDA_QUERY = {"thematique", "toutes", "lieu", "commune", "public", "age", "rayon"}


def wider_query(request, radius, count):
    """The query of the same search a step further (« élargir »), when a radius gave few answers."""
    if radius is None or count >= FEW_RESULTS:
        return ""
    further = [km for km in RADIUS_CHOICES if km > radius]
    if not further:
        return ""
    params = request.GET.copy()
    params.pop("page", None)
    params["rayon"] = further[0]
    return params.urlencode()


def boussole_page(request):
    """The section page, for the breadcrumb; one query."""
    return BoussoleIndexPage.objects.live().only("title", "url_path", "slug").first()


def structure_view(request, slug):
    services = Service.objects.filter(live=True).order_by("nom")
    structure = get_object_or_404(
        Structure.objects.filter(live=True).prefetch_related(Prefetch("services", queryset=services), "closures"),
        slug=slug,
    )
    return render_structure(request, structure, ErrorReportForm())


def words_written_at(structure, limit=30):
    """The published words the classes of the same centre wrote (its contributing structure), A to Z; one query."""
    from dictionnaire.models import Term

    return list(
        Term.objects.live()
        .filter(classroom__structure__boussole_structure=structure)
        .only("word", "slug")
        .order_by("word")[:limit]
    )


def render_structure(request, structure, report_form, status=200):
    now = timezone.now()
    events = list(Event.objects.upcoming(now).filter(structure=structure).order_by("start")[:5])
    words = words_written_at(structure)
    return TemplateResponse(
        request,
        "boussole/structure.html",
        {
            "structure": structure,
            "status": structure.opening_status(now),
            "week": hours.describe(structure.horaires_accueil),
            "closures": structure.upcoming_closures(timezone.localdate(now)),
            "closure_now": structure.current_closure(timezone.localdate(now)),
            "services": [(service, service.opening_status(now)) for service in structure.services.all()],
            "events": events,
            "words": words,
            "fresh": structure.freshness() != "required",
            "report_form": report_form,
            "boussole": boussole_page(request),
            "reseaux": [referential("reseaux_porteurs").get(r, r) for r in structure.reseaux_porteurs or []],
        },
        status=status,
    )


@require_POST
def report_error_view(request, slug):
    structure = get_object_or_404(
        Structure.objects.filter(live=True).prefetch_related("services", "closures"), slug=slug
    )
    if is_limited(request, "error-report"):
        form = ErrorReportForm(request.POST)
        form.add_error(None, _("Vous avez déjà envoyé plusieurs messages. Merci de réessayer dans une heure."))
        return render_structure(request, structure, form, status=429)
    form = ErrorReportForm(request.POST)
    if form.is_bot():
        messages.success(request, _("Merci ! Votre message a été transmis."))
        return redirect(structure.get_absolute_url() + "#signaler")
    if not form.is_valid():
        return render_structure(request, structure, form, status=400)
    report = form.save(commit=False)
    report.structure = structure
    report.save()
    body = _("Message reçu sur la boussole parentale :\n\n%(message)s\n\nFiche : %(url)s\n") % {
        "message": report.message,
        "url": request.build_absolute_uri(structure.get_absolute_url()),
    }
    if report.email:
        body += _("Répondre à : %(email)s\n") % {"email": report.email}
    send_mail(
        _("Erreur signalée sur la fiche « %(name)s »") % {"name": structure.nom},
        body,
        None,
        report.recipients(),
        fail_silently=True,
    )
    messages.success(request, _("Merci ! Votre message a été transmis à la structure et aux modérateurs."))
    return redirect(structure.get_absolute_url() + "#signaler")


def confirm_view(request, slug, token):
    """The link of the reminder e-mail: one button confirms the sheet is still right."""
    structure = freshness.structure_for_token(token)
    if structure is None or structure.slug != slug:
        return TemplateResponse(request, "boussole/confirm.html", {"invalid": True}, status=400)
    if request.method == "POST":
        freshness.confirm(structure)
        return TemplateResponse(request, "boussole/confirm.html", {"structure": structure, "done": True})
    return TemplateResponse(request, "boussole/confirm.html", {"structure": structure})


def communes_view(request):
    """Autocomplete of communes (name or postal code): no database query."""
    found = find_communes(request.GET.get("q", "")[:100], limit=10)
    return JsonResponse(
        {
            "communes": [
                {"nom": c.nom, "code_insee": c.code_insee, "codes_postaux": list(c.codes_postaux), "label": c.label}
                for c in found
            ]
        }
    )


def agenda_filters(request):
    form = AgendaSearchForm(request.GET or None)
    data = form.cleaned()
    place = place_from(data)
    thematiques = needs.resolve(data["thematique"], form.needs)
    return form, data, place, thematiques


def agenda_view(request):
    form, data, place, thematiques = agenda_filters(request)
    events = directory.search_events(
        thematiques, data["public"], place, past=data["archives"], ages=band(data["age"]), radius=data["rayon"]
    )
    page = paginate(request, events)
    ics_query = urlencode({k: v for k, v in request.GET.items() if k in AGENDA_QUERY})
    return TemplateResponse(
        request,
        "boussole/agenda.html",
        {
            "form": form,
            "place": place,
            "events": page,
            "radius": data["rayon"] if place.commune or place.has_point else None,
            "wider": wider_query(request, data["rayon"], len(events)) if place.commune or place.has_point else "",
            "archives": data["archives"],
            "query_string": query_without_page(request),
            "ics_query": ics_query,
            "boussole": boussole_page(request),
        },
    )


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def agenda_ics_view(request):
    """The agenda (or a search of it) as an iCalendar feed."""
    _form, data, place, thematiques = agenda_filters(request)
    events = directory.search_events(thematiques, data["public"], place, ages=band(data["age"]), radius=data["rayon"])
    return ics_response(calendar_for(events, _("Boussole parentale — agenda"), request), "agenda.ics")


def structure_ics_view(request, slug):
    structure = get_object_or_404(Structure.objects.filter(live=True), slug=slug)
    events = directory.search_events(structure=structure)
    return ics_response(calendar_for(events, structure.nom, request), f"{structure.slug}.ics")


def event_view(request, slug):
    event = get_object_or_404(Event.objects.public().select_related("structure"), slug=slug)
    return TemplateResponse(
        request,
        "boussole/event.html",
        {"event": event, "past": event.start < timezone.now(), "boussole": boussole_page(request)},
    )


def event_ics_view(request, slug):
    event = get_object_or_404(Event.objects.public().select_related("structure"), slug=slug)
    return ics_response(calendar_for([event], event.title, request), f"{event.slug}.ics")


def resources_view(request):
    form = ResourceFilterForm(request.GET or None)
    data = form.cleaned()
    resources = Resource.objects.filter(live=True).select_related("document").order_by("title")
    wanted = needs.resolve(data["thematique"], form.needs)
    found = [
        r
        for r in resources
        if (not data["thematique"] or directory.matches_thematiques(r.thematiques, wanted)) and r.serves(data["public"])
    ]
    return TemplateResponse(
        request,
        "boussole/resources.html",
        {
            "form": form,
            "resources": paginate(request, found, 20),
            "query_string": query_without_page(request),
            "boussole": boussole_page(request),
        },
    )


def glossary_view(request):
    entries = list(GlossaryEntry.objects.filter(live=True).order_by("term"))
    groups = {}
    for entry in entries:
        groups.setdefault(entry.initial, []).append(entry)
    return TemplateResponse(
        request,
        "boussole/glossary.html",
        {"groups": sorted(groups.items()), "count": len(entries), "boussole": boussole_page(request)},
    )


def glossary_entry_view(request, slug):
    entry = get_object_or_404(GlossaryEntry.objects.filter(live=True), slug=slug)
    public = Structure.objects.public()
    return TemplateResponse(
        request,
        "boussole/glossary_entry.html",
        {
            "entry": entry,
            "structures": entry.structures.filter(pk__in=public.values("pk")).order_by("nom"),
            "services": entry.services.filter(live=True, structure__in=public).select_related("structure"),
            "thematiques": [(v, referential("thematiques").get(v, v)) for v in entry.thematiques or []],
            "dictionary_term": Term.same_word_as(entry.term, entry.slug),
            "boussole": boussole_page(request),
        },
    )


def open_data_view(request):
    return TemplateResponse(
        request,
        "boussole/open_data.html",
        {"licence": LICENCE, "attribution": SCHEMA_ATTRIBUTION, "boussole": boussole_page(request)},
    )


def open_data_json_view(request):
    response = HttpResponse(export_json(public_only=True), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="boussole-data-inclusion.json"'
    return response


def open_data_csv_view(request, kind):
    if kind not in {"structures", "services"}:
        raise Http404
    response = HttpResponse(export_csv(kind[:-1], public_only=True), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="boussole-{kind}.csv"'
    return response
