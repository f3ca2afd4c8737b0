"""Daily figures: counted as things happen, or recorded each night from the dated rows of the dictionary."""

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from pilotage.models import DailyCount


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


def record_days(now):
    """Placeholder until the dated figures are computed (see ``daily_figures``)."""
    return ""
