"""« Professionnels ensemble »: for the signed-in staff of structures, who does what near them, how to reach the
others, and their upcoming events (the 2020 review: « mettre en lien les professionnels de la parentalité »).

The territory is the département of the user's structures until the site has its own territories. Moderators
(who may change every structure) see every département.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils import timezone

from boussole.models import Event, Service, Structure
from boussole.views import boussole_page


def territory_of(user):
    """``(own structures, départements)`` of a user; départements is ``None`` for moderators (all)."""
    own = list(Structure.objects.filter(equipe=user))
    if user.has_perm("boussole.change_structure"):
        return own, None
    if not own:
        raise PermissionDenied
    return own, sorted({structure.departement for structure in own if structure.departement})


@login_required
def professionals_view(request):
    own, departements = territory_of(request.user)
    services = Service.objects.filter(live=True).order_by("nom")
    structures = Structure.objects.public().prefetch_related(Prefetch("services", services)).order_by("nom")
    events = Event.objects.upcoming(timezone.now()).select_related("structure").order_by("start")
    if departements is not None:
        structures = structures.filter(departement__in=departements)
        events = events.filter(departement__in=departements)
    response = TemplateResponse(
        request,
        "boussole/professionals.html",
        {
            "own": own,
            "structures": structures,
            "events": events[:30],
            "departements": departements,
            "boussole": boussole_page(request),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
