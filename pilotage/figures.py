"""Daily figures: counted as things happen (views, searches), or recorded each night from the dated rows of the
dictionary (requests, claims, definitions, submissions, publications). Only counts, never a person.

``figures_for(start, end)`` reads a period back for the admin page and its CSV, with a flat number of queries.
"""

import statistics
from collections import defaultdict
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Max, Min, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilotage.models import DailyCount

#: Every figure, in the order of the page and the CSV; the first ones are recorded each night from dated rows.
METRICS = {
    "requests_received": _("Demandes reçues"),
    "requests_claimed": _("Demandes prises par une classe"),
    "requests_answered": _("Demandes satisfaites (mot publié)"),
    "definitions_written": _("Définitions commencées"),
    "definitions_submitted": _("Définitions envoyées en relecture"),
    "definitions_published": _("Définitions publiées"),
    "term_views": _("Lectures de mots"),
    "searches": _("Recherches"),
    "searches_unanswered": _("Recherches sans réponse"),
}
RECORDED_EACH_NIGHT = list(METRICS)[:6]
#: Counted for the whole site only (a request or a search belongs to no structure).
SITE_ONLY = {"requests_received", "searches", "searches_unanswered"}


# -- counted as things happen -------------------------------------------------------------------------------------


def add(metric, n=1, structure_id=None, day=None):
    """Add ``n`` to today's count of ``metric`` for the site, and for ``structure_id`` when given."""
    day = day or timezone.localdate()
    for scope in [None, structure_id] if structure_id else [None]:
        _increment(day, metric, scope, n)


def _increment(day, metric, structure_id, n):
    rows = DailyCount.objects.filter(day=day, metric=metric, structure_id=structure_id)
    if rows.update(value=models.F("value") + n):
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(day=day, metric=metric, structure_id=structure_id, value=n)
    except IntegrityError:  # created in between by another request
        rows.update(value=models.F("value") + n)


def add_term_views(term_pk, n):
    """Views of a term's page written from the cache (``TermStatistic``): dated, for the site and its structure."""
    from dictionnaire.models import Term

    structure_id = Term.objects.filter(pk=term_pk).values_list("classroom__structure", flat=True).first()
    add("term_views", n, structure_id=structure_id)


def count_search(query, found_well):
    """One search of the dictionary (kept copy of its page or not); those without an answer are kept apart."""
    from dictionnaire.search.models import UnansweredSearch

    if not query:
        return
    add("searches")
    if not found_well:
        add("searches_unanswered")
        UnansweredSearch.record(query)


# -- recorded each night ------------------------------------------------------------------------------------------


def _term_content_type():
    from dictionnaire.models import Term

    return ContentType.objects.get_for_model(Term, for_concrete_model=False)


def _sources():
    """``metric: (queryset, dated field, structure path)`` of what is recorded each night."""
    from wagtail.models import TaskState

    from dictionnaire.models import RequestSubmission, Term, WordRequest

    return {
        "requests_received": (RequestSubmission.objects.all(), "created_at", None),
        "requests_claimed": (
            WordRequest.objects.filter(claimed_at__isnull=False),
            "claimed_at",
            "claimed_by__structure",
        ),
        "requests_answered": (
            WordRequest.objects.filter(term__first_published_at__isnull=False),
            "term__first_published_at",
            "term__classroom__structure",
        ),
        "definitions_written": (Term.objects.all(), "created_at", "classroom__structure"),
        "definitions_submitted": (
            TaskState.objects.filter(workflow_state__base_content_type=_term_content_type()),
            "started_at",
            None,  # the term is a text object_id: its structure is looked up apart
        ),
        "definitions_published": (
            Term.objects.filter(first_published_at__isnull=False),
            "first_published_at",
            "classroom__structure",
        ),
    }


def _counts(metric, queryset, field, structure_path, start, end):
    """``{(day, structure_id or None): n}`` for one metric over ``[start, end]``, the site under ``None``."""
    tz = timezone.get_current_timezone()
    first = timezone.make_aware(timezone.datetime.combine(start, timezone.datetime.min.time()), tz)
    after = timezone.make_aware(timezone.datetime.combine(end + timedelta(days=1), timezone.datetime.min.time()), tz)
    dated = queryset.filter(**{f"{field}__gte": first, f"{field}__lt": after}).annotate(
        figure_day=TruncDate(field, tzinfo=tz)
    )
    counts = defaultdict(int)
    if metric == "definitions_submitted":
        rows = list(dated.values_list("figure_day", "workflow_state__object_id"))
        from dictionnaire.models import Term

        ids = {int(object_id) for _day, object_id in rows if str(object_id).isdigit()}
        structures = dict(Term.objects.filter(pk__in=ids).values_list("pk", "classroom__structure"))
        for day, object_id in rows:
            counts[(day, None)] += 1
            structure = structures.get(int(object_id)) if str(object_id).isdigit() else None
            if structure:
                counts[(day, structure)] += 1
        return counts
    if structure_path is None:
        for day, n in dated.values_list("figure_day").annotate(n=Count("pk")).values_list("figure_day", "n"):
            counts[(day, None)] += n
        return counts
    grouped = dated.values_list("figure_day", structure_path).annotate(n=Count("pk"))
    for day, structure, n in grouped.values_list("figure_day", structure_path, "n"):
        counts[(day, None)] += n
        if structure:
            counts[(day, structure)] += n
    return counts


def _earliest():
    days = []
    for queryset, field, _path in _sources().values():
        first = queryset.aggregate(first=Min(field))["first"]
        if first:
            days.append(timezone.localtime(first).date())
    return min(days) if days else None


def record_days(now, start=None):
    """Record the nightly figures of every day not recorded yet (and the day before, again) up to yesterday.

    Idempotent: the days recomputed are replaced, never added to. Returns a short report for the admin.
    """
    yesterday = timezone.localtime(now).date() - timedelta(days=1)
    if start is None:
        last = DailyCount.objects.filter(metric__in=RECORDED_EACH_NIGHT).aggregate(last=Max("day"))["last"]
        start = (last - timedelta(days=1)) if last else _earliest()
    if start is None or start > yesterday:
        return "rien à calculer"
    rows = []
    for metric, (queryset, field, structure_path) in _sources().items():
        for (day, structure), n in _counts(metric, queryset, field, structure_path, start, yesterday).items():
            rows.append(DailyCount(day=day, metric=metric, structure_id=structure, value=n))
    with transaction.atomic():
        DailyCount.objects.filter(metric__in=RECORDED_EACH_NIGHT, day__gte=start, day__lte=yesterday).delete()
        DailyCount.objects.bulk_create(rows, batch_size=1000)
    return f"{len(rows)} chiffre(s) du {start:%d/%m/%Y} au {yesterday:%d/%m/%Y}"


# -- read back for a period ---------------------------------------------------------------------------------------


def _quantiles(durations):
    """``(median, 90th percentile)`` in days, or ``(None, None)`` with no data."""
    if not durations:
        return None, None
    days = sorted(d.total_seconds() / 86400 for d in durations)
    if len(days) == 1:
        return days[0], days[0]
    return statistics.median(days), statistics.quantiles(days, n=10, method="inclusive")[8]


def _delays(start, end):
    """``{structure or None: {"request_to_publication": [...], "submission_to_decision": [...]}}``. Three queries."""
    from wagtail.models import TaskState

    from dictionnaire.models import Term, WordRequest

    tz = timezone.get_current_timezone()
    first = timezone.make_aware(timezone.datetime.combine(start, timezone.datetime.min.time()), tz)
    after = timezone.make_aware(timezone.datetime.combine(end + timedelta(days=1), timezone.datetime.min.time()), tz)
    delays = defaultdict(lambda: {"request_to_publication": [], "submission_to_decision": []})
    answered = WordRequest.objects.filter(
        term__first_published_at__gte=first, term__first_published_at__lt=after
    ).values_list("created_at", "term__first_published_at", "term__classroom__structure")
    for asked, published, structure in answered:
        for scope in {None, structure}:
            delays[scope]["request_to_publication"].append(published - asked)
    decided = list(
        TaskState.objects.filter(
            workflow_state__base_content_type=_term_content_type(),
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
            finished_at__gte=first,
            finished_at__lt=after,
        ).values_list("started_at", "finished_at", "workflow_state__object_id")
    )
    ids = {int(object_id) for *_times, object_id in decided if str(object_id).isdigit()}
    structures = dict(Term.objects.filter(pk__in=ids).values_list("pk", "classroom__structure")) if ids else {}
    for started, finished, object_id in decided:
        structure = structures.get(int(object_id)) if str(object_id).isdigit() else None
        for scope in {None, structure}:
            delays[scope]["submission_to_decision"].append(finished - started)
    return delays


def figures_for(start, end, territory_id=None):
    """The figures of ``[start, end]``: ``{"site": {...}, "structures": [...], "series": {metric: {day: n}}}``.

    With ``territory_id``, ``site`` sums the structures of that territory (the site-only figures are then None),
    ``structures`` holds only them and ``series`` their days. The number of queries stays the same.
    """
    from dictionnaire.models import Structure

    structures = Structure.objects.order_by("name")
    in_period = DailyCount.objects.filter(day__gte=start, day__lte=end)
    if territory_id is not None:
        structures = structures.filter(territory_id=territory_id)
        in_period = in_period.filter(structure__territory_id=territory_id)
        daily = in_period.values_list("day", "metric").annotate(n=Sum("value")).values_list("day", "metric", "n")
    else:
        daily = in_period.filter(structure__isnull=True).values_list("day", "metric", "value")
    series = defaultdict(dict)
    for day, metric, value in daily:
        series[metric][day] = value
    per_structure = defaultdict(dict)
    totals = in_period.filter(structure__isnull=False).values_list("structure", "metric").annotate(n=Sum("value"))
    for structure, metric, n in totals.values_list("structure", "metric", "n"):
        per_structure[structure][metric] = n
    structures = list(structures)
    delays = _delays(start, end)
    if territory_id is not None:  # the territory's delays: those of its structures together
        delays[None] = {
            key: [delay for structure in structures for delay in delays.get(structure.pk, {}).get(key, [])]
            for key in ("request_to_publication", "submission_to_decision")
        }

    def row(scope, counts, site):
        figures = {metric: counts.get(metric, 0) if (site or metric not in SITE_ONLY) else None for metric in METRICS}
        scope_delays = delays.get(scope, {"request_to_publication": [], "submission_to_decision": []})
        return {
            "figures": figures,
            "request_to_publication": _quantiles(scope_delays["request_to_publication"]),
            "submission_to_decision": _quantiles(scope_delays["submission_to_decision"]),
        }

    site = row(None, {metric: sum(days.values()) for metric, days in series.items()}, site=territory_id is None)
    structures = [
        {"structure": structure, **row(structure.pk, per_structure.get(structure.pk, {}), site=False)}
        for structure in structures
    ]
    return {"site": site, "structures": structures, "series": series}
