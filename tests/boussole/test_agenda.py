"""The agenda: upcoming first, past archived, iCalendar feeds that calendar apps read, schema.org markup."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

pytestmark = pytest.mark.django_db

PARENTING = "famille--soutien-a-la-parentalite-et-a-leducation"


@pytest.fixture
def agenda(make_structure, make_event):
    now = timezone.now()
    lille = make_structure(nom="Centre de Lille", latitude=50.63, longitude=3.06)
    amiens = make_structure(nom="CCAS d'Amiens", code_insee="80021", commune="Amiens", code_postal="80000")
    return {
        "soon": make_event(now + timedelta(days=2), title="Café des parents", structure=lille, thematiques=[PARENTING]),
        "later": make_event(now + timedelta(days=9), title="Atelier Pronote", structure=amiens),
        "past": make_event(now - timedelta(days=3), title="Ancienne rencontre", structure=lille),
        "lille": lille,
    }


def events_of(content):
    calendar = Calendar.from_ical(content)
    return {str(item["summary"]): item for item in calendar.walk("VEVENT")}


def test_agenda_lists_upcoming_events_first_and_archives_past_ones(client, agenda):
    upcoming = client.get("/boussole/agenda/")
    past = client.get("/boussole/agenda/", {"archives": "on"})

    assert [e.title for e in upcoming.context["events"]] == ["Café des parents", "Atelier Pronote"]
    assert [e.title for e in past.context["events"]] == ["Ancienne rencontre"]


def test_agenda_ics_feed_parses_and_has_the_upcoming_events(client, agenda):
    response = client.get("/boussole/agenda.ics")

    assert response["Content-Type"].startswith("text/calendar")
    events = events_of(response.content)
    assert set(events) == {"Café des parents", "Atelier Pronote"}
    start = events["Café des parents"]["dtstart"].dt
    assert start == agenda["soon"].start.replace(microsecond=0)
    assert str(start.tzinfo) == "Europe/Paris"
    assert events["Café des parents"]["uid"] != events["Atelier Pronote"]["uid"]


def test_ics_feed_of_a_search_and_of_a_structure(client, agenda):
    by_need = events_of(client.get("/boussole/agenda.ics", {"thematique": PARENTING}).content)
    by_place = events_of(client.get("/boussole/agenda.ics", {"lieu": "Amiens"}).content)
    by_structure = events_of(client.get(f"/boussole/annuaire/{agenda['lille'].slug}/agenda.ics").content)

    assert set(by_need) == {"Café des parents"}
    assert set(by_place) == {"Atelier Pronote"}
    assert set(by_structure) == {"Café des parents"}


def test_event_page_has_schema_org_event_markup(client, agenda):
    html = client.get(agenda["soon"].get_absolute_url()).content.decode()

    assert 'itemtype="https://schema.org/Event"' in html
    assert 'itemprop="startDate"' in html and 'itemprop="location"' in html


def test_agenda_page_queries_do_not_grow_with_the_list(client, agenda, make_event, django_assert_max_num_queries):
    client.get("/boussole/agenda/")
    with django_assert_max_num_queries(6) as few:
        client.get("/boussole/agenda/")
    for number in range(15):
        make_event(timezone.now() + timedelta(days=number + 1), structure=agenda["lille"])

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/boussole/agenda/")

    assert response.status_code == 200
