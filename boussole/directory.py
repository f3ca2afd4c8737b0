"""Finding structures and events for a parent: by need, by place, open now, public.

The filters run in Python over the public structures (three queries whatever the number of results): the
boussole covers a region, a few thousand sheets at most, and list fields (thématiques, publics) are filtered
the same way on SQLite and PostgreSQL.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from boussole.models import Event, Service, Structure, distance_km
from boussole.referentials import communes, find_communes, normalize

#: A search never lists more than this many structures (then it asks to narrow down).
RESULTS_CAP = 200


@dataclass
class Place:
    """Where the parent is: a commune (by INSEE code), a point (latitude/longitude), or a list to pick from."""

    text: str = ""
    commune: object = None
    choices: list = field(default_factory=list)
    latitude: float = None
    longitude: float = None

    @property
    def departement(self):
        return self.commune.departement if self.commune else ""

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def not_found(self):
        return bool(self.text) and self.commune is None and not self.choices and not self.has_point


def resolve_place(text="", code_insee="", latitude=None, longitude=None):
    """The parent's place from what they typed, a commune they picked (INSEE code) or their position."""
    place = Place(text=(text or "").strip()[:100], latitude=latitude, longitude=longitude)
    if code_insee and code_insee in communes():
        place.commune = communes()[code_insee]
        place.text = place.text or place.commune.nom
        return place
    if place.text:
        found = find_communes(place.text, limit=20)
        exact = [c for c in found if normalize(c.nom) == normalize(place.text.split("(")[0])]
        if len(found) == 1:
            place.commune = found[0]
        elif len(exact) == 1 and not place.text.isdigit():
            place.commune = exact[0]
        else:
            place.choices = found
    return place


@dataclass
class Result:
    structure: Structure
    services: list
    distance: float = None
    status: object = None
    tier: int = 2


def public_structures():
    """Public structures with their public services and closures: three queries."""
    services = Service.objects.filter(live=True).order_by("nom")
    return Structure.objects.public().prefetch_related(Prefetch("services", queryset=services), "closures")


def matches_thematiques(values, wanted):
    return any(value == want or value.startswith(f"{want}--") for value in values or [] for want in wanted)


def _reference_point(place, structures):
    """The parent's position, else the middle of the known structures of their commune, else none."""
    if place.has_point:
        return place.latitude, place.longitude
    if place.commune:
        points = [
            (s.latitude, s.longitude)
            for s in structures
            if s.code_insee == place.commune.code_insee and s.has_coordinates
        ]
        if points:
            return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    return None


def search_structures(query="", thematiques=(), public="", open_now=False, place=None, now=None, structures=None):
    """Matching structures as :class:`Result`, nearest first, capped at :data:`RESULTS_CAP`.

    Order: with a position, by distance; with a commune, same commune, then same département, then the others,
    each by distance where coordinates exist; otherwise by name.
    """
    now = now or timezone.now()
    place = place or Place()
    structures = list(public_structures() if structures is None else structures)
    words = normalize(query).split()
    results = []
    for structure in structures:
        services = list(structure.services.all())
        if thematiques:
            services = [s for s in services if matches_thematiques(s.thematiques, thematiques)]
            if not services:
                continue
        if public:
            services = [s for s in services if s.serves(public)]
            if not services:
                continue
        if words:
            haystack = normalize(
                " ".join(
                    [structure.nom, structure.description or "", structure.commune or ""]
                    + [f"{s.nom} {s.description} {' '.join(s.thematique_labels())}" for s in structure.services.all()]
                )
            )
            if not all(word in haystack for word in words):
                continue
        status = structure.opening_status(now)
        if open_now and not status.is_open:
            continue
        results.append(Result(structure, services, status=status))
    point = _reference_point(place, structures)
    for result in results:
        structure = result.structure
        if point and structure.has_coordinates:
            result.distance = distance_km(point[0], point[1], structure.latitude, structure.longitude)
        if place.commune:
            if structure.code_insee == place.commune.code_insee:
                result.tier = 0
            elif structure.departement == place.commune.departement:
                result.tier = 1
    if place.has_point:
        results.sort(key=lambda r: (r.distance is None, r.distance or 0, normalize(r.structure.nom)))
    elif place.commune:
        results.sort(key=lambda r: (r.tier, r.distance is None, r.distance or 0, normalize(r.structure.nom)))
    else:
        results.sort(key=lambda r: normalize(r.structure.nom))
    return results[:RESULTS_CAP]


def search_events(thematiques=(), public="", place=None, structure=None, past=False, now=None):
    """Public events, upcoming first (or the archive, latest first), filtered like the annuaire."""
    now = now or timezone.now()
    place = place or Place()
    events = Event.objects.past(now).order_by("-start") if past else Event.objects.upcoming(now).order_by("start")
    events = events.select_related("structure")
    if structure is not None:
        events = events.filter(structure=structure)
    if place.commune:
        events = events.filter(departement=place.commune.departement)
    found = []
    for event in events[: RESULTS_CAP * 2]:
        if thematiques and not matches_thematiques(event.thematiques, thematiques):
            continue
        if public and not event.serves(public):
            continue
        if place.has_point and event.has_coordinates:
            event.distance = distance_km(place.latitude, place.longitude, event.latitude, event.longitude)
        found.append(event)
    return found[:RESULTS_CAP]
