"""Per-structure figures for the admins: requests taken, definitions written and published, views."""

from django.db.models import Count, Q, Sum

from dictionnaire.models import Structure, Term, WordRequest


def may_see_figures(user):
    return user.is_active and (user.is_superuser or user.has_perm("dictionnaire.view_structure"))


def structure_figures():
    """One row per structure, computed with one grouped query per figure (no query per structure)."""
    structures = list(Structure.objects.order_by("name"))
    claimed = dict(
        WordRequest.objects.filter(claimed_by__isnull=False)
        .values_list("claimed_by__structure")
        .annotate(n=Count("pk"))
        .values_list("claimed_by__structure", "n")
    )
    terms = {
        row["classroom__structure"]: row
        for row in Term.objects.filter(classroom__isnull=False)
        .values("classroom__structure")
        .annotate(written=Count("pk"), published=Count("pk", filter=Q(live=True)), views=Sum("statistic__views"))
    }
    rows = []
    for structure in structures:
        figures = terms.get(structure.pk, {})
        rows.append(
            {
                "structure": structure,
                "requests": claimed.get(structure.pk, 0),
                "written": figures.get("written", 0),
                "published": figures.get("published", 0),
                "views": figures.get("views") or 0,
            }
        )
    return rows


def figures(request):
    """The figures of a period (``?du=…&au=…``, ``&format=csv``): see pilotage/figures_views.py."""
    from pilotage.figures_views import figures_view

    return figures_view(request)
