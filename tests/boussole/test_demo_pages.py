"""The boussole as the demo data leaves it (loaded once for this module)."""

import pytest
from django.core.management import call_command

from boussole.models import Event, GlossaryEntry, OrientationQuestion, Structure

pytestmark = pytest.mark.django_db

PAGES = [
    "/boussole/",
    "/boussole/annuaire/",
    "/boussole/agenda/",
    "/boussole/ressources/",
    "/boussole/glossaire/",
    "/boussole/orientation/",
    "/boussole/donnees/",
]


def test_public_pages_answer_within_the_query_budget(client, demo_site, django_assert_max_num_queries):
    for url in PAGES:
        client.get(url)
        with django_assert_max_num_queries(12):
            response = client.get(url)

        assert response.status_code == 200, url
        assert "<script>" not in response.content.decode(), url  # no inline script


def test_demo_data_makes_the_boussole_look_alive(client, demo_site):
    assert Structure.objects.public().count() >= 12
    assert Event.objects.upcoming().count() == 14
    assert GlossaryEntry.objects.filter(live=True).count() >= 20
    structure = Structure.objects.get(source_id="belencontre")
    html = client.get(structure.get_absolute_url()).content.decode()
    assert "Centre socioculturel Belencontre" in html
    assert "Vérifié le" in html and "Source des données" in html
    assert "Signaler une erreur" in html
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Event.objects.count() == 14  # loading twice changes nothing


def test_glossary_entry_links_to_the_structures_concerned(client, demo_site):
    entry = GlossaryEntry.objects.get(term="LAEP")

    html = client.get(entry.get_absolute_url()).content.decode()

    assert "Qui peut vous aider" in html
    assert "Centre socioculturel Phalempins" in html


def test_orientation_walks_one_question_per_page_to_results(client, demo_site):
    need, age, place = OrientationQuestion.objects.order_by("sort_order")
    digital = need.choices.get(need__slug="ecrans-et-numerique")

    first = client.get("/boussole/orientation/")
    second = client.get("/boussole/orientation/", {f"q{need.pk}": digital.pk, "etape": 1})
    third = client.get("/boussole/orientation/", {f"q{need.pk}": digital.pk, "etape": 2})
    results = client.get("/boussole/orientation/", {f"q{need.pk}": digital.pk, "lieu": "Tourcoing", "etape": 3})

    assert "Question 1 sur 3" in first.content.decode()
    assert age.question in second.content.decode()
    assert place.question in third.content.decode()
    found = [result.structure.commune for result in results.context["structures"]]
    assert found[0] == "Tourcoing"
    assert all(
        any(t.startswith("numerique--") for s in r.services for t in s.thematiques)
        for r in results.context["structures"]
    )
    assert results.context["events"] and results.context["resources"]
