"""Opening hours: "open now" at fixed instants, said in plain French, with closures and public holidays."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from boussole import hours
from boussole.models import StructureClosure

from .conftest import WEEKDAY_HOURS, paris


@pytest.mark.parametrize(
    ("moment", "is_open", "text"),
    [
        (paris(2026, 11, 23, 15, 0), True, "Ouvert maintenant, jusqu'à 18 h"),  # Monday afternoon
        (paris(2026, 11, 23, 12, 30), False, "Fermé — ouvre à 14 h"),  # Monday lunch break
        (paris(2026, 11, 28, 10, 0), False, "Fermé — ouvre lundi à 9 h"),  # Saturday
        (paris(2026, 11, 29, 10, 0), False, "Fermé — ouvre demain à 9 h"),  # Sunday
        (paris(2026, 11, 11, 10, 0), False, "Fermé — ouvre demain à 9 h"),  # 11 November, a public holiday
        (paris(2026, 11, 12, 10, 0), True, "Ouvert maintenant, jusqu'à 12 h"),  # the day after
    ],
)
def test_open_now_at_fixed_instants(moment, is_open, text):
    status = hours.status(WEEKDAY_HOURS, moment)

    assert status.is_open is is_open
    assert status.text == text


def test_minutes_are_said_in_french():
    status = hours.status("Mo-Fr 08:30-12:30", paris(2026, 11, 23, 9, 0))

    assert status.text == "Ouvert maintenant, jusqu'à 12 h 30"


def test_a_week_is_described_day_by_day():
    week = dict(hours.describe("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00"))

    assert week["lundi"] == "9 h – 12 h, 14 h – 18 h"
    assert week["samedi"] == "9 h – 12 h"
    assert week["dimanche"] == "fermé"


def test_unreadable_hours_are_refused_on_save_with_a_french_message(make_structure):
    structure = make_structure()
    structure.horaires_accueil = "du lundi au vendredi 9h-18h"

    with pytest.raises(ValidationError) as error:
        structure.full_clean()

    assert "format OpenStreetMap" in str(error.value.message_dict["horaires_accueil"])


def test_a_temporary_closure_closes_the_structure_and_its_services(make_structure, make_service):
    structure = make_structure()
    service = make_service(structure, horaires_accueil="Mo-Su 08:00-20:00")
    StructureClosure.objects.create(
        structure=structure, start_date=date(2026, 11, 20), end_date=date(2026, 11, 30), reason="travaux"
    )
    monday = paris(2026, 11, 23, 15, 0)

    assert structure.opening_status(monday).text == "Fermé exceptionnellement — travaux"
    assert not service.opening_status(monday).is_open
    assert structure.opening_status(paris(2026, 12, 1, 15, 0)).is_open


def test_exceptional_hours_replace_the_usual_ones_for_their_dates(make_structure):
    structure = make_structure()
    StructureClosure.objects.create(
        structure=structure,
        start_date=date(2026, 11, 23),
        end_date=date(2026, 11, 27),
        opening_hours="Mo-Fr 09:00-12:00",
    )

    assert not structure.opening_status(paris(2026, 11, 23, 15, 0)).is_open
    assert structure.opening_status(paris(2026, 11, 23, 10, 0)).text == "Ouvert maintenant, jusqu'à 12 h"


def test_exceptional_hours_are_summarised_in_plain_french():
    assert (
        hours.summarize("Mo-Fr 09:00-12:00; Sa 10:00-12:00") == "lundi au vendredi : 9 h – 12 h ; samedi : 10 h – 12 h"
    )
