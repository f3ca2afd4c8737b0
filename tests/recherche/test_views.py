import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS
from dictionnaire.search.models import UnansweredSearch

pytestmark = pytest.mark.django_db

API = "/api/dictionnaire/recherche/"
PAGE = "/dictionnaire/recherche/"


@pytest.fixture
def site(demo_terms, db):
    """The demo site with its 70 published terms, loaded once for this module."""


def test_urls_are_the_published_contracts():
    assert reverse("dictionnaire_search:page") == PAGE
    assert reverse("dictionnaire_search_api:search") == API


def test_api_answers_with_the_documented_shape(client, site):
    response = client.get(API, {"q": "ouifi"})

    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "ouifi"
    assert data["did_you_mean"] == "Wi-Fi"
    best = data["results"][0]
    assert set(best) == {"term", "slug", "url", "short_definition", "score"}
    assert (best["term"], best["slug"], best["url"]) == ("Wi-Fi", "wi-fi", "/dictionnaire/wi-fi/")
    assert 0 < best["score"] <= 1
    scores = [result["score"] for result in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_api_exact_word_has_no_did_you_mean(client, site):
    assert client.get(API, {"q": "Wi-Fi"}).json()["did_you_mean"] is None


def test_api_limit_defaults_to_ten_and_is_capped(client, site):
    assert len(client.get(API, {"q": "e"}).json()["results"]) <= 10
    assert len(client.get(API, {"q": "ordinateur", "limit": 2}).json()["results"]) <= 2
    assert client.get(API, {"q": "e", "limit": 51}).status_code == 400


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 101}, {"q": "wifi", "limit": "dix"}, {"q": "wifi", "limit": "0"}],
)
def test_api_bad_queries_get_a_clear_400_json_error(client, site, params):
    response = client.get(API, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_api_accepts_exactly_one_hundred_characters(client, site):
    assert client.get(API, {"q": "wifi " + "a" * 95}).status_code == 200


def test_api_answers_outside_the_language_prefix(client, site):
    assert client.get("/en" + API, {"q": "wifi"}).status_code == 404


def test_search_page_shows_the_best_word_first_with_its_definition(client, site, django_assert_max_num_queries):
    client.get(PAGE, {"q": "smartfone"})
    with django_assert_max_num_queries(12):
        response = client.get(PAGE, {"q": "smartfone"})

    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "</ol>" in main, main
    assert main.index('href="/dictionnaire/smartphone/"') < main.index("</ol>")
    assert "Nous avons compris : « Smartphone »" in html
    assert 'action="/dictionnaire/recherche/"' in html
    assert not UnansweredSearch.objects.exists()


def test_search_page_without_a_good_match_offers_suggestions_and_the_request_form(client, site):
    response = client.get(PAGE, {"q": "imprimante laser"})

    html = response.content.decode()
    assert "Aucun mot du dictionnaire ne correspond bien à « imprimante laser »" in html
    assert 'href="/dictionnaire/demander/?mot=imprimante+laser"' in html


def test_search_page_did_you_mean_lists_the_nearest_words(client, site):
    html = client.get(PAGE, {"q": "tabl"}).content.decode()

    assert "Vouliez-vous dire" in html or "Nous avons compris" in html
    assert 'href="/dictionnaire/tablette/"' in html


def test_searches_without_answer_are_counted_without_personal_data(client, site):
    client.get(PAGE, {"q": "Imprimante  LASER"}, REMOTE_ADDR="203.0.113.9")
    client.get(PAGE, {"q": "imprimante laser"})
    client.get(PAGE, {"q": "wifi"})

    logged = UnansweredSearch.objects.get()
    assert (logged.query, logged.count) == ("imprimante laser", 2)
    field_names = {field.name for field in UnansweredSearch._meta.get_fields()}
    assert field_names == {"id", "query", "day", "count"}


def test_autocomplete_keystrokes_are_not_logged(client, site):
    client.get(API, {"q": "imprim"})

    assert not UnansweredSearch.objects.exists()


def test_search_page_rejects_an_over_long_query_kindly(client, site):
    response = client.get(PAGE, {"q": "a" * 150})

    assert response.status_code == 400
    assert "trop longue" in response.content.decode()


def test_search_page_without_query_explains_what_to_do(client, site):
    response = client.get(PAGE)

    assert response.status_code == 200
    assert "ouifi" in response.content.decode()


def test_header_search_box_goes_to_the_dictionary_search_with_autocomplete(client, site):
    html = client.get("/").content.decode()

    assert 'action="/dictionnaire/recherche/"' in html
    assert f'data-autocomplete="{API}"' in html
    assert "dictionnaire_search/autocomplete.js" in html
    assert "<script>" not in html


def test_unanswered_searches_report_for_moderators_only(client, site, django_user_model):
    UnansweredSearch.record("imprimante")
    UnansweredSearch.record("imprimante")
    moderator = django_user_model.objects.create_user("moderatrice", password="x" * 12)
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    outsider = django_user_model.objects.create_user("visiteur", password="x" * 12)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    url = reverse("dictionary_unanswered_searches")

    client.force_login(outsider)
    assert client.get(url).status_code in (302, 403)

    teacher = django_user_model.objects.create_user("maitresse", password="x" * 12)
    teacher.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    teacher.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(teacher)
    assert client.get(url).status_code == 200

    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mots cherchés sans réponse" in html
    assert "imprimante" in html


def test_a_description_the_search_is_sure_of_gets_one_answer_first(client, site):
    from dictionnaire.search.backends import get_backend

    query = "appeler ses petits-enfants en vidéo"
    response = get_backend().search(query, limit=10)
    assert response.sure and not response.found_well, response.results[:2]

    html = client.get(PAGE, {"q": query}).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "Le mot qui correspond le mieux" in main
    assert main.index('href="/dictionnaire/visioconference/"') < main.index("Ou peut-être")
    others = main.split("Ou peut-être")[1].split("</ul>")[0]
    assert others.count("<li>") <= 2  # three words at most in all, never a long list
    assert 'href="/dictionnaire/demander/?mot=' in main


def test_an_unsure_description_says_so_and_offers_three_candidates_at_most(client, site):
    html = client.get(PAGE, {"q": "le machin bizarre de la voisine"}).content.decode()
    main = html[html.index("<main") : html.index("</main>")]

    assert "Nous ne sommes pas sûrs d'avoir bien compris" in main or "Aucun mot" in main
    candidates = main.split('class="did-you-mean"')[1].split("</ul>")[0] if "did-you-mean" in main else ""
    assert candidates.count("<li>") <= 3
    assert "Demander le mot « le machin bizarre de la voisine »" in main
