from datetime import date, datetime
from itertools import count

import pytest

from boussole.hours import PARIS
from boussole.models import Event, Service, Structure

_numbers = count(1)

WEEKDAY_HOURS = "Mo-Fr 09:00-12:00,14:00-18:00; PH off"


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def make_structure(db):
    def make(**fields):
        number = next(_numbers)
        values = {
            "source": "test",
            "source_id": f"s{number}",
            "nom": f"Structure {number}",
            "date_maj": date.today(),
            "code_insee": "59350",
            "commune": "Lille",
            "code_postal": "59000",
            "horaires_accueil": WEEKDAY_HOURS,
            "live": True,
        }
        values.update(fields)
        return Structure.objects.create(**values)

    return make


@pytest.fixture
def make_service(db):
    def make(structure, **fields):
        number = next(_numbers)
        values = {
            "source": structure.source,
            "source_id": f"svc{number}",
            "nom": f"Service {number}",
            "description": "Un service pour les familles.",
            "date_maj": date.today(),
            "thematiques": ["famille--soutien-a-la-parentalite-et-a-leducation"],
            "publics": ["familles"],
            "live": True,
        }
        values.update(fields)
        return Service.objects.create(structure=structure, **values)

    return make


@pytest.fixture
def make_event(db):
    def make(start, **fields):
        number = next(_numbers)
        values = {"title": f"Événement {number}", "description": "Un atelier.", "start": start, "live": True}
        values.update(fields)
        return Event.objects.create(**values)

    return make
