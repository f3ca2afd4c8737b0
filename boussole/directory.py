"""Finding structures and events for a parent: by need, by place, open now, public.

The annuaire's filters and order run in SQL, so a search costs the same few queries whatever the number of
structures, and Python handles at most a few hundred rows: list fields (thématiques, publics) are matched on
their JSON text, which is the same on SQLite and PostgreSQL; words on normalized copies of the texts
(``search_text``); names sort on ``sort_name``; distances on a flat-earth formula, then exactly in Python for
the rows kept. Only the page shown gets its services and opening status (see :class:`Results`). « Ouvert
maintenant » is the exception: it reads the hours of every structure that passes the SQL filters (light rows,
each distinct hours parsed once) until it has :data:`RESULTS_CAP` open ones.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Collate
from django.utils import timezone

from boussole.ages import ages_filter
from boussole.models import Event, Service, Structure, StructureClosure, distance_km, opening_status
from boussole.referentials import communes, find_communes, normalize

#: A search never lists more than this many structures (then it asks to narrow down).
RESULTS_CAP = 200
#: Rows read in the SQL order (a flat-earth distance) before the exact great-circle order is applied.
SQL_WINDOW = 2 * RESULTS_CAP


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
    services: list  # None until loaded (see Results)
    distance: float = None
    status: object = None
    tier: int = 2
    pk: int = None
    name: str = ""
    opening_hours: str = None


def matches_thematiques(values, wanted):
    return any(value == want or value.startswith(f"{want}--") for value in values or [] for want in wanted)


def _json_list_has(name, code, prefix=False):
    """The JSON list ``name`` has ``code`` (or, with ``prefix``, a value starting with it): on its text."""
    return Q(**{f"{name}__icontains": f'"{code}' if prefix else f'"{code}"'})


def thematiques_filter(wanted):
    """Services with one of the ``wanted`` thématiques or of their sub-thématiques, as :func:`matches_thematiques`."""
    found = Q()
    for want in wanted:
        found |= _json_list_has("thematiques", want) | _json_list_has("thematiques", f"{want}--", prefix=True)
    return found


def public_filter(public):
    """Services open to ``public``, like :meth:`Service.serves`: no publics, « tous publics » or that one."""
    if not public:
        return Q()
    no_publics = Q(publics__isnull=True) | ~Q(publics__icontains='"')
    return no_publics | _json_list_has("publics", "tous-publics") | _json_list_has("publics", public)


def _by_bytes(name):
    """Order on a normalized (ASCII) column as Python orders strings, whatever the database's collation."""
    return Collate(name, "C") if connection.vendor == "postgresql" else F(name)


#: Beyond any flat-earth distance in square degrees: where structures without coordinates sort.
FAR = 1e9
#: Where the flat-earth order takes its east-west scale when the reference point is known only to SQL: the
#: middle of the Hauts-de-France (the exact order is settled in Python anyway).
REGION_LATITUDE = 50.3


def _commune_centre(place, structures, name):
    """The middle of the located structures of the parent's commune (``name``: latitude or longitude), in SQL."""
    located = structures.filter(
        code_insee=place.commune.code_insee, latitude__isnull=False, longitude__isnull=False
    ).order_by()
    return Subquery(located.values("code_insee").annotate(centre=Avg(name)).values("centre")[:1], FloatField())


def _current_closures(day, structure_ids=None):
    """``{structure id: the closure covering day}``, the first one like :meth:`Structure.current_closure`."""
    closures = StructureClosure.objects.filter(start_date__lte=day, end_date__gte=day).order_by("sort_order", "pk")
    if structure_ids is not None:
        closures = closures.filter(structure_id__in=structure_ids)
    found = {}
    for closure in closures:
        found.setdefault(closure.structure_id, closure)
    return found


class _Row:
    """A structure's few columns the search orders and filters on (cheaper than a model instance)."""

    def __init__(self, values):
        self.__dict__.update(values)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class _Statuses:
    """Opening statuses at one moment, parsed once per distinct hours and closure."""

    def __init__(self, at):
        self.at, self.day, self.known = at, timezone.localtime(at).date(), {}

    def of(self, opening_hours, closure):
        key = (opening_hours, closure.pk if closure else None)
        if key not in self.known:
            self.known[key] = opening_status(opening_hours, closure, self.at)
        return self.known[key]


class Results(Sequence):
    """Search results in order; each is loaded whole (structure, its matching services, status) when read.

    Reading a page costs two queries (services and closures, or, after « ouvert maintenant », the structures
    and their services) and parses the opening hours of that page only.
    """

    def __init__(self, hits, thematiques=(), public="", statuses=None, ages=None, radius=None, point=None):
        self._hits, self._thematiques, self._public, self._statuses = hits, thematiques, public, statuses
        self._ages = ages
        #: The distance the results were kept within (km), and from where, when a place bounded them.
        self.radius, self.point = (radius, point) if point else (None, point)

    def __len__(self):
        return len(self._hits)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load(self._hits[index])
        return self._load([self._hits[index]])[0]

    def __iter__(self):
        return iter(self._load(self._hits))

    def _load(self, hits):
        """Loads what the given results lack: the structure (one query), services (one), closures (one)."""
        missing = [hit for hit in hits if hit.services is None]
        if not missing:
            return hits
        absent = [hit.pk for hit in missing if hit.structure is None]
        if absent:
            found = Structure.objects.in_bulk(absent)
            for hit in missing:
                hit.structure = hit.structure or found.get(hit.pk)
            gone = {hit.pk for hit in missing if hit.structure is None}  # deleted since the search
            if gone:
                self._hits = [hit for hit in self._hits if hit.pk not in gone]
                hits = [hit for hit in hits if hit.pk not in gone]
                missing = [hit for hit in missing if hit.pk not in gone]
        services = Service.objects.filter(live=True).order_by("nom")
        prefetch_related_objects([hit.structure for hit in missing], Prefetch("services", services))
        unknown = [hit.pk for hit in missing if hit.status is None]
        closures = _current_closures(self._statuses.day, unknown) if unknown else {}
        for hit in missing:
            services = list(hit.structure.services.all())
            if self._thematiques:
                services = [s for s in services if matches_thematiques(s.thematiques, self._thematiques)]
            if self._public:
                services = [s for s in services if s.serves(self._public)]
            if self._ages:
                services = [s for s in services if s.covers_ages(self._ages)]
            hit.services = services
            if hit.status is None:
                hit.status = self._statuses.of(hit.structure.horaires_accueil, closures.get(hit.pk))
        return hits


def search_structures(
    query="",
    thematiques=(),
    public="",
    open_now=False,
    place=None,
    now=None,
    structures=None,
    ages=None,
    radius=None,
):
    """Matching structures as :class:`Result`, nearest first, capped at :data:`RESULTS_CAP`.

    Order: with a position, by distance; with a commune, same commune, then same département, then the others,
    each by distance where coordinates exist; otherwise by name. ``ages`` (``(youngest, oldest)``) keeps the
    structures with a matching service for children of those ages. With a ``radius`` (km) and a place, only the
    structures within that distance are kept (when the place has no known point: those of its département).

    Returns :class:`Results`, a sequence loading only the results read (a page). ``structures``, if given,
    limits the search to these structures (public or not).
    """
    now = now or timezone.now()
    place = place or Place()
    thematiques = list(thematiques or ())
    if structures is None:
        scope = Structure.objects.public()
    else:
        scope = Structure.objects.filter(pk__in=[structure.pk for structure in structures])
    candidates = scope
    live_services = Service.objects.filter(live=True, structure=OuterRef("pk"))
    if thematiques or public or ages:
        candidates = candidates.filter(
            Exists(
                live_services.filter(thematiques_filter(thematiques) if thematiques else Q())
                .filter(public_filter(public))
                .filter(ages_filter(ages))
            )
        )
    for word in normalize(query).split():
        candidates = candidates.filter(
            Q(search_text__contains=word) | Exists(live_services.filter(search_text__contains=word))
        )

    centred = place.commune is not None and not place.has_point
    centre = {name: _commune_centre(place, scope, name) for name in ("latitude", "longitude")} if centred else {}
    order = []
    if centred:
        if not radius:
            # Within a radius the nearest come first whatever their département, so the window holds them all.
            order.append(
                Case(
                    When(code_insee=place.commune.code_insee, then=Value(0)),
                    When(departement=place.commune.departement, then=Value(1)),
                    default=Value(2),
                )
            )
        origin = centre["latitude"], centre["longitude"]
        scale = math.cos(math.radians(REGION_LATITUDE))
    elif place.has_point:
        origin = Value(float(place.latitude)), Value(float(place.longitude))
        scale = math.cos(math.radians(float(place.latitude)))
    if centred or place.has_point:
        # Flat-earth squared distance (square degrees) less its constant part, so that the origin is read once:
        # (lat - a)² + k²(lon - b)² - a² - k²b². The great-circle order but for near-ties, which the exact sort
        # below settles. Structures without coordinates (all of them, without a centre) come after, by name.
        squared = Value(scale * scale)
        flat = F("latitude") * (F("latitude") - Value(2.0) * origin[0]) + squared * F("longitude") * (
            F("longitude") - Value(2.0) * origin[1]
        )
        order.append(Coalesce(flat, Value(FAR), output_field=FloatField()))
    order += [_by_bytes("sort_name"), "nom", "pk"]
    statuses = _Statuses(now)
    if open_now:
        # « Ouvert maintenant » needs the hours of every match: light rows, sorted below; the page is loaded later.
        columns = ["pk", "nom", "latitude", "longitude", "code_insee", "departement", "horaires_accueil"]
        rows = candidates.annotate(**{f"centre_{name}": value for name, value in centre.items()}).order_by("nom", "pk")
        columns += [f"centre_{name}" for name in centre]
        rows = [_Row(zip(columns, row, strict=True)) for row in rows.values_list(*columns)]
    else:
        # The first rows in SQL order are enough (chosen on their ids only); they are loaded whole, so the page
        # needs no other query for them.
        window = candidates.order_by(*order).values("pk")[: SQL_WINDOW if (centred or place.has_point) else RESULTS_CAP]
        rows = Structure.objects.filter(pk__in=window).annotate(
            **{f"centre_{name}": value for name, value in centre.items()}
        )
        rows = list(rows.order_by("nom", "pk"))
    point = None
    if place.has_point:
        point = float(place.latitude), float(place.longitude)
    elif centred and rows and rows[0].centre_latitude is not None:
        point = rows[0].centre_latitude, rows[0].centre_longitude

    hits = []
    for row in rows:
        hit = Result(None if open_now else row, None, pk=row.pk, name=normalize(row.nom))
        hit.opening_hours = row.horaires_accueil
        if point and row.has_coordinates:
            hit.distance = distance_km(point[0], point[1], row.latitude, row.longitude)
        if place.commune:
            if row.code_insee == place.commune.code_insee:
                hit.tier = 0
            elif row.departement == place.commune.departement:
                hit.tier = 1
        hits.append(hit)
    if place.has_point:
        hits.sort(key=lambda r: (r.distance is None, r.distance or 0, r.name))
    elif place.commune:
        hits.sort(key=lambda r: (r.tier, r.distance is None, r.distance or 0, r.name))
    else:
        hits.sort(key=lambda r: r.name)
    if radius and point:
        hits = [hit for hit in hits if (hit.distance is not None and hit.distance <= radius) or hit.tier == 0]
    elif radius and place.commune:
        hits = [hit for hit in hits if hit.tier <= 1]
    if open_now:
        closures = _current_closures(statuses.day)
        found = []
        for hit in hits:
            hit.status = statuses.of(hit.opening_hours, closures.get(hit.pk))
            if hit.status.is_open:
                found.append(hit)
                if len(found) == RESULTS_CAP:
                    break
        hits = found
    return Results(hits[:RESULTS_CAP], thematiques, public, statuses, ages, radius, point)


def place_point(place):
    """``(latitude, longitude)`` of the parent's place: their position, or the middle of their commune's located
    public structures (one query); ``None`` if unknown."""
    if place.has_point:
        return float(place.latitude), float(place.longitude)
    if place.commune is None:
        return None
    located = (
        Structure.objects.public()
        .filter(code_insee=place.commune.code_insee, latitude__isnull=False, longitude__isnull=False)
        .aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    )
    return (located["lat"], located["lon"]) if located["lat"] is not None else None


def search_events(thematiques=(), public="", place=None, structure=None, past=False, now=None, ages=None, radius=None):
    """Public events, upcoming first (or the archive, latest first), filtered like the annuaire.

    With a place: those within ``radius`` km when both points are known, else those of the place's département.
    """
    now = now or timezone.now()
    place = place or Place()
    point = place_point(place) if radius and (place.commune or place.has_point) else None
    events = Event.objects.past(now).order_by("-start") if past else Event.objects.upcoming(now).order_by("start")
    events = events.select_related("structure")
    if structure is not None:
        events = events.filter(structure=structure)
    if place.commune and not point:
        events = events.filter(departement=place.commune.departement)
    events = events.filter(ages_filter(ages))
    found = []
    for event in events[: RESULTS_CAP * 2]:
        if thematiques and not matches_thematiques(event.thematiques, thematiques):
            continue
        if public and not event.serves(public):
            continue
        origin = point or ((float(place.latitude), float(place.longitude)) if place.has_point else None)
        if origin and event.has_coordinates:
            event.distance = distance_km(origin[0], origin[1], event.latitude, event.longitude)
        if point:
            near = event.distance <= radius if event.has_coordinates else event.departement == place.departement
            if not near:
                continue
        found.append(event)
    return found[:RESULTS_CAP]
