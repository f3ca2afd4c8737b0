"""The annuaire: search by need, place (commune, postal code, distance), open now, public; freshness."""

from datetime import date, timedelta

import pytest

from boussole import directory
from boussole.fields import refresh_normalized
from boussole.models import Service, Structure, StructureClosure
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
    client.get("/boussole/annuaire/")  # creates the site's settings, which empties the caches…
    client.get("/boussole/annuaire/", {"q": "centre"})  # …so the parents' needs are cached by this one
    with django_assert_max_num_queries(6) as few:
        client.get("/boussole/annuaire/", {"lieu": "Lille", "thematique": PARENTING})
    budget = len(few.captured_queries)  # read now: the next request empties the connection's query log
    for number in range(20):
        make_service(make_structure(nom=f"Autre {number}", latitude=50.6, longitude=3.0))
    client.get("/boussole/annuaire/", {"q": "autre"})  # the changes emptied the caches: needs read again once

    with django_assert_max_num_queries(budget):
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


def test_a_thematique_matches_itself_and_its_sub_thematiques_only(make_structure, make_service):
    make_service(make_structure(nom="Parentalité"))  # famille--soutien-a-la-parentalite-et-a-leducation
    make_service(make_structure(nom="Équipement"), thematiques=["numerique--acquerir-un-equipement"])
    make_service(make_structure(nom="Sans thème"), thematiques=None)
    make_service(make_structure(nom="Brouillon"), live=False)

    assert names(directory.search_structures(thematiques=["famille"])) == ["Parentalité"]
    assert names(directory.search_structures(thematiques=["numerique--acquerir-un-equipement"])) == ["Équipement"]
    assert names(directory.search_structures(thematiques=["numerique--acquerir"])) == []  # not a prefix of codes
    assert names(directory.search_structures(thematiques=["famille", "numerique"])) == ["Équipement", "Parentalité"]


def test_public_and_thematique_must_match_the_same_service(make_structure, make_service):
    mixed = make_structure(nom="Mixte")
    make_service(mixed, publics=["seniors"])
    make_service(mixed, thematiques=["numerique--acquerir-un-equipement"], publics=["familles"])
    make_service(make_structure(nom="Sans public"), publics=None)

    found = directory.search_structures(thematiques=["famille"], public="familles")

    assert names(found) == ["Sans public"]  # a service without publics is for everyone
    assert [s.nom for s in directory.search_structures(public="seniors")[0].services] == [
        mixed.services.get(publics=["seniors"]).nom
    ]


def test_words_are_found_across_the_structure_and_its_live_services(make_structure, make_service):
    mosaique = make_structure(nom="Centre social Mosaïque", commune="Roubaix", code_insee="59512")
    make_service(mosaique, nom="Atelier numérique", description="Pour tous.")
    make_service(mosaique, nom="Café des parents", live=False)
    make_service(make_structure(nom="CCAS"), nom="Aide", description="Écoute.", thematiques=None)

    assert names(directory.search_structures("roubaix ATELIER")) == ["Centre social Mosaïque"]
    assert names(directory.search_structures("parentalite mosaique")) == ["Centre social Mosaïque"]  # a label
    assert names(directory.search_structures("ecoute")) == ["CCAS"]
    assert names(directory.search_structures("mosaique cafe")) == []  # an unpublished service is not searched


def test_names_sort_without_accents_case_or_the_databases_collation(make_structure):
    for nom in ["Zèbre", "école", "Centrea", "Centre Z", "Arbre", "Ébène"]:
        make_structure(nom=nom)

    assert names(directory.search_structures()) == ["Arbre", "Centre Z", "Centrea", "Ébène", "école", "Zèbre"]


def test_open_now_knows_closures_and_exceptional_hours(make_structure):
    make_structure(nom="Ouverte")
    closed = make_structure(nom="En travaux")
    StructureClosure.objects.create(
        structure=closed, start_date=date(2026, 11, 20), end_date=date(2026, 11, 30), reason="travaux"
    )
    other = make_structure(nom="Horaires d'hiver", horaires_accueil="Sa 09:00-12:00")
    StructureClosure.objects.create(
        structure=other, start_date=date(2026, 11, 23), end_date=date(2026, 11, 27), opening_hours="Mo 09:00-12:00"
    )
    monday = paris(2026, 11, 23, 10, 0)

    found = directory.search_structures(open_now=True, now=monday)
    every = {r.structure.nom: r.status.text for r in directory.search_structures(now=monday)}

    assert names(found) == ["Horaires d'hiver", "Ouverte"]
    assert every["En travaux"] == "Fermé exceptionnellement — travaux"
    assert every["Horaires d'hiver"] == "Ouvert maintenant, jusqu'à 12 h"


def test_normalized_columns_are_filled_by_bulk_create(db):
    structure = Structure.objects.bulk_create(
        [Structure(source="t", source_id="b1", slug="b1", nom="Élan Saint-Pierre", commune="Lille")]
    )[0]
    service = Service.objects.bulk_create(
        [Service(structure=structure, source="t", source_id="b1", nom="Café", description="Écoute", live=True)]
    )[0]

    assert Structure.objects.values_list("sort_name", "search_text").get(pk=structure.pk) == (
        "elan st pierre",
        "elan st pierre lille",
    )
    assert Service.objects.values_list("search_text", flat=True).get(pk=service.pk) == "cafe ecoute"
    structure.nom = "Où"
    Structure.objects.bulk_update([structure], ["nom", *refresh_normalized([structure])])
    assert Structure.objects.values_list("sort_name", "search_text").get(pk=structure.pk) == ("ou", "ou lille")


def test_count_and_narrow_down_message_at_the_cap(client, db):
    from tests.performance.conftest import make_structures

    make_structures(0, directory.RESULTS_CAP + 1)

    html = client.get("/boussole/annuaire/").content.decode()
    page_2 = client.get("/boussole/annuaire/", {"page": 2}).content.decode()
    in_lille = directory.search_structures(place=directory.resolve_place("Lille"))

    assert f"{directory.RESULTS_CAP} structures trouvées. Précisez votre recherche" in html
    assert "Centre social 0000" in html and "Centre social 0010" not in html
    assert "Centre social 0010" in page_2 and "Centre social 0009" not in page_2
    assert len(in_lille) == directory.RESULTS_CAP
    assert in_lille[0].structure.nom == "Centre social 0100"  # the middle of Lille's structures
    assert in_lille[0].distance < 0.001 < in_lille[1].distance <= in_lille[2].distance
