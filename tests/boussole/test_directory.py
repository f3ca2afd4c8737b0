"""The annuaire: search by need, place (commune, postal code, distance), open now, public; freshness."""

from datetime import date, timedelta

import pytest

from boussole import directory
from boussole.referentials import communes_for_postal_code, find_communes

from .conftest import paris

pytestmark = pytest.mark.django_db

PARENTING = "famille--soutien-a-la-parentalite-et-a-leducation"


def names(results):
    return [result.structure.nom for result in results]


def test_a_postal_code_gives_the_list_of_its_communes():
    communes = communes_for_postal_code("59160")

    assert {"Lille", "Capinghem"} <= {commune.nom for commune in communes}
    assert [c.nom for c in find_communes("Villeneuve d ascq")] == ["Villeneuve-d'Ascq"]


def test_a_postal_code_with_several_communes_asks_which_one():
    place = directory.resolve_place("59160")

    assert place.commune is None and len(place.choices) > 1


def test_distance_ordering_from_the_parents_position(make_structure):
    make_structure(nom="Loin", latitude=50.10, longitude=1.83)  # Abbeville
    make_structure(nom="Près", latitude=50.63, longitude=3.06)  # Lille
    make_structure(nom="Entre", latitude=50.72, longitude=2.54)  # Hazebrouck
    make_structure(nom="Sans coordonnées")

    place = directory.resolve_place(latitude=50.62, longitude=3.05)
    results = directory.search_structures(place=place)

    assert names(results) == ["Près", "Entre", "Loin", "Sans coordonnées"]
    assert round(results[0].distance, 1) == 1.3  # 0.01° of latitude and longitude at 50.6° N


def test_commune_ordering_same_commune_then_same_departement_then_others(make_structure):
    make_structure(nom="A Amiens", code_insee="80021", commune="Amiens", code_postal="80000")
    make_structure(nom="B Roubaix", code_insee="59512", commune="Roubaix", code_postal="59100")
    make_structure(nom="C Tourcoing", code_insee="59599", commune="Tourcoing", code_postal="59200")

    results = directory.search_structures(place=directory.resolve_place("59200"))

    assert names(results) == ["C Tourcoing", "B Roubaix", "A Amiens"]


def test_need_public_and_open_now_filters(make_structure, make_service):
    parenting = make_structure(nom="Parentalité")
    make_service(parenting, publics=["familles"])
    everyone = make_structure(nom="Pour tous", horaires_accueil="Sa 09:00-12:00")
    make_service(everyone, publics=["tous-publics"])
    digital = make_structure(nom="Numérique")
    make_service(digital, thematiques=["numerique--acquerir-un-equipement"], publics=["seniors"])

    by_need = directory.search_structures(thematiques=[PARENTING])
    by_category = directory.search_structures(thematiques=["numerique"])
    for_families = directory.search_structures(public="familles")
    open_monday = directory.search_structures(open_now=True, now=paris(2026, 11, 23, 10, 0))

    assert names(by_need) == ["Parentalité", "Pour tous"]
    assert names(by_category) == ["Numérique"]
    assert names(for_families) == ["Parentalité", "Pour tous"]  # "tous publics" matches any public
    assert names(open_monday) == ["Numérique", "Parentalité"]


def test_free_text_ignores_accents_and_case(make_structure, make_service):
    make_service(make_structure(nom="Centre social Mosaïque"), nom="Café des parents")
    make_structure(nom="CCAS")

    assert names(directory.search_structures("mosaique CAFE")) == ["Centre social Mosaïque"]


def test_sheets_unconfirmed_for_a_year_leave_public_results(make_structure, client):
    make_structure(nom="À jour")
    old = make_structure(nom="Ancienne", verified_at=date.today() - timedelta(days=400))
    make_structure(nom="Brouillon", live=False)

    assert names(directory.search_structures()) == ["À jour"]
    assert old.freshness() == "required"
    response = client.get(old.get_absolute_url())  # kept, with a warning
    assert "pas été vérifiée depuis plus d'un an" in response.content.decode()


def test_annuaire_page_lists_results_and_keeps_queries_flat(
    client, make_structure, make_service, django_assert_max_num_queries
):
    for number in range(3):
        make_service(make_structure(nom=f"Centre {number}", latitude=50.6, longitude=3.0))
    client.get("/boussole/annuaire/")
    with django_assert_max_num_queries(6) as few:
        client.get("/boussole/annuaire/", {"lieu": "Lille", "thematique": PARENTING})
    for number in range(20):
        make_service(make_structure(nom=f"Autre {number}", latitude=50.6, longitude=3.0))

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/boussole/annuaire/", {"lieu": "Lille", "thematique": PARENTING})

    html = response.content.decode()
    assert response.status_code == 200
    assert "23 structures trouvées" in html
    assert 'rel="next"' in html  # paginated
    assert 'id="carte-donnees"' in html and "leaflet.js" in html


def test_annuaire_survives_bad_input(client, db):
    response = client.get(
        "/boussole/annuaire/", {"lat": "abc", "page": "-3", "thematique": "<script>", "lieu": "x" * 500}
    )

    assert response.status_code == 200


def test_commune_autocomplete_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/boussole/communes.json", {"q": "tourc"})

    assert response.json()["communes"][0]["code_insee"] == "59599"
