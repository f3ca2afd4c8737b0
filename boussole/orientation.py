"""The guided orientation: one question per page (plain GET forms), then who can help, near home."""

from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from boussole import directory
from boussole.ages import AGE_BANDS
from boussole.forms import DEFAULT_RADIUS
from boussole.models import OrientationChoice, OrientationQuestion, Resource
from boussole.referentials import referential
from boussole.views import boussole_page


def orientation_view(request):
    """One question per page (plain GET forms, no JavaScript); the answers travel in the address."""
    choices = OrientationChoice.objects.select_related("need")
    questions = list(OrientationQuestion.objects.prefetch_related(Prefetch("choices", choices)))
    thematiques, publics, ages, chosen = [], [], None, []
    for question in questions:
        value = request.GET.get(f"q{question.pk}", "")
        choice = next((c for c in question.choices.all() if str(c.pk) == value), None)
        if question.kind == "choices" and choice is not None:
            if choice.need:
                chosen.append(choice.need)
                thematiques += choice.need.thematiques or []
            thematiques += choice.thematiques or []
            publics += choice.publics or []
            if choice.age_min is not None or choice.age_max is not None:
                ages = (choice.age_min or 0, 99 if choice.age_max is None else choice.age_max)
    try:
        step = min(max(0, int(request.GET.get("etape", 0))), len(questions))
    except ValueError:
        step = 0
    context = {"questions": questions, "boussole": boussole_page(request), "total": len(questions)}
    if step < len(questions):
        question = questions[step]
        own = {"lieu", "commune"} if question.kind == "place" else {f"q{question.pk}"}
        hidden = [(k, v) for k, v in request.GET.items() if k not in {"etape", "page", *own}]
        context.update(
            {
                "question": question,
                "step": step,
                "number": step + 1,
                "hidden": hidden,
                "current": request.GET.get(f"q{question.pk}", ""),
                "lieu": request.GET.get("lieu", ""),
                "back_query": urlencode([*hidden, ("etape", step - 1)]) if step else "",
            }
        )
        return TemplateResponse(request, "boussole/orientation_question.html", context)
    hidden = [(k, v) for k, v in request.GET.items() if k not in {"etape", "page"}]
    place = directory.resolve_place(request.GET.get("lieu"), request.GET.get("commune"))
    public = publics[0] if len(set(publics)) == 1 else ""
    radius = DEFAULT_RADIUS
    structures = directory.search_structures(
        thematiques=thematiques, public=public, place=place, ages=ages, radius=radius
    )
    events = directory.search_events(thematiques=thematiques, public=public, place=place, ages=ages, radius=radius)
    resources = [
        r
        for r in Resource.objects.filter(live=True).select_related("document")
        if directory.matches_thematiques(r.thematiques, thematiques) and r.serves(public)
    ]
    labels = referential("thematiques")
    context.update(
        {
            "structures": structures[:5],
            "structure_count": len(structures),
            "events": events[:5],
            "resources": resources[:5],
            "place": place,
            "radius": structures.radius,
            "needs": [need.label for need in chosen] or [labels.get(t, t) for t in dict.fromkeys(thematiques)],
            "directory_query": urlencode(
                {
                    "thematique": chosen[0].slug
                    if len(chosen) == 1
                    else (thematiques[0] if len(set(thematiques)) == 1 else ""),
                    "age": next((key for key, value in AGE_BANDS.items() if value[:2] == ages), ""),
                    "lieu": place.text,
                    "commune": place.commune.code_insee if place.commune else "",
                }
            ),
            "answers_query": urlencode([(k, v) for k, v in hidden if k not in {"lieu", "commune"}]),
            "back_query": urlencode([*hidden, ("etape", len(questions) - 1)]),
        }
    )
    return TemplateResponse(request, "boussole/orientation_results.html", context)
