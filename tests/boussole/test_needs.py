"""Parents' words and answers near home (issue 22, points 1 and 2): needs, radius, children's ages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from boussole import directory
from boussole.directory import resolve_place
from boussole.needs import ParentNeed

pytestmark = pytest.mark.django_db

PARENTING = "famille--soutien-a-la-parentalite-et-a-leducation"


def select_options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_annuaire_offers_parents_words_and_keeps_the_national_list_for_professionals(client, db):
    html = client.get("/boussole/annuaire/").content.decode()
    options = select_options(html, "thematique")

    assert len(options) <= 15
    assert "faire-garder-mon-enfant" in options and PARENTING not in options
    assert "Faire garder mon enfant" in html and "Toutes les thématiques (pour les professionnels)" in html
    assert "Résidents en QPV" not in html  # publics in plain words
    professional = client.get("/boussole/annuaire/", {"toutes": "1"}).content.decode()
    assert len(select_options(professional, "thematique")) > 60
    assert PARENTING in select_options(professional, "thematique")


def test_an_administrator_edits_the_needs_offered(client, db):
    need = ParentNeed.objects.get(slug="faire-garder-mon-enfant")
    need.label = "Trouver une crèche ou une nounou"
    need.save()

    html = client.get("/boussole/agenda/").content.decode()

    assert "Trouver une crèche ou une nounou" in html and "Faire garder mon enfant" not in html


def test_a_need_finds_the_services_of_its_thematiques(client, make_structure, make_service):
    make_service(make_structure(nom="Crèche"), thematiques=["famille--garde-denfants"])
    make_service(make_structure(nom="Café"), thematiques=[PARENTING])

    response = client.get("/boussole/annuaire/", {"thematique": "faire-garder-mon-enfant"})

    assert [r.structure.nom for r in response.context["results"]] == ["Crèche"]


def test_results_stay_within_the_radius_and_offer_to_look_further(client, make_structure, make_service):
    make_service(make_structure(nom="Roubaix", code_insee="59512", commune="Roubaix", latitude=50.69, longitude=3.18))
    make_service(make_structure(nom="Lille", latitude=50.63, longitude=3.06))  # 10 km away
    make_service(make_structure(nom="Amiens", code_insee="80021", commune="Amiens", latitude=49.89, longitude=2.30))

    near = client.get("/boussole/annuaire/", {"lieu": "Roubaix", "rayon": "10"})
    default = client.get("/boussole/annuaire/", {"lieu": "Roubaix"})
    wide = client.get("/boussole/annuaire/", {"lieu": "Roubaix", "rayon": "60"})

    assert [r.structure.nom for r in default.context["results"]] == ["Roubaix", "Lille"]
    assert '<option value="30" selected>' in default.content.decode()  # the radius searched is the one shown
    assert "Les réponses à moins de 30 km de Roubaix." in default.content.decode()
    assert [r.structure.nom for r in wide.context["results"]] == ["Roubaix", "Lille"]  # Amiens is 110 km away
    assert "Amiens" not in [r.structure.nom for r in near.context["results"]]
    assert "élargir la recherche" in near.content.decode() and "rayon=30" in near.context["wider"]
    assert client.get("/boussole/annuaire/", {"lieu": "Roubaix", "rayon": "9999"}).context["radius"] == 30


def test_the_childs_age_removes_what_is_meant_for_other_ages(client, make_structure, make_service, make_event):
    toddlers = make_structure(nom="Halte-garderie")
    make_service(toddlers, thematiques=["famille--garde-denfants"], age_min=0, age_max=5)
    teens = make_structure(nom="Accueil jeunes")
    make_service(teens, thematiques=["famille--garde-denfants"], age_min=12, age_max=17)
    anyone = make_structure(nom="Centre social")
    make_service(anyone, thematiques=["famille--garde-denfants"])
    soon = timezone.now() + timedelta(days=3)
    make_event(soon, title="Stage ados", thematiques=["famille--garde-denfants"], age_min=12, age_max=17)
    make_event(soon, title="Bébés lecteurs", thematiques=["famille--garde-denfants"], age_max=3)
    query = {"thematique": "faire-garder-mon-enfant", "age": "0-5"}

    found = client.get("/boussole/annuaire/", query).context["results"]
    events = client.get("/boussole/agenda/", query).context["events"]

    assert sorted(r.structure.nom for r in found) == ["Centre social", "Halte-garderie"]
    assert [e.title for e in events] == ["Bébés lecteurs"]
    assert [s.nom for s in directory.search_structures(ages=(12, 17))[0].services]


def test_a_place_without_located_structures_keeps_its_departement(make_structure, make_service):
    make_service(make_structure(nom="Nord", latitude=None, longitude=None))
    make_service(make_structure(nom="Somme", code_insee="80021", commune="Amiens", latitude=None, longitude=None))

    found = directory.search_structures(place=resolve_place("Roubaix"), radius=30)

    assert [r.structure.nom for r in found] == ["Nord"]
