import pytest
from django.urls import path
from wagtail.models import Page

pytestmark = pytest.mark.django_db

SECTION_URLS = ["/dictionnaire/", "/fiches/", "/boussole/"]


def test_home_page_introduces_the_three_sections(client, demo_site, django_assert_max_num_queries):
    first = client.get("/")  # fills the navigation cache (and keeps the page whole for anonymous readers)
    with django_assert_max_num_queries(8):
        response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    for url in SECTION_URLS:
        assert f'href="{url}"' in html
    assert [section["title"] for section in first.context["sections"]] == [
        "Quand les enfants deviennent profs",
        "Fiches d'expériences",
        "Boussole parentale",
    ]


def test_a_published_change_shows_at_once_in_the_navigation(client, demo_site):
    client.get("/")
    fiches = Page.objects.get(slug="fiches").specific
    fiches.title = "Expériences inspirantes"
    fiches.save_revision().publish()

    html = client.get("/").content.decode()

    assert "Expériences inspirantes" in html
    fiches.unpublish()
    assert 'href="/fiches/"' not in client.get("/").content.decode()


@pytest.mark.parametrize("url", SECTION_URLS)
def test_section_index_pages_answer(client, demo_site, url, django_assert_max_num_queries):
    rendered = client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)  # may come whole from the response cache: no template context

    assert response.status_code == 200
    assert rendered.context["page"].url == url
    assert 'aria-current="page"' in response.content.decode()


def test_every_page_has_a_skip_link_header_search_and_licence(client, demo_site):
    html = client.get("/fiches/").content.decode()

    assert '<a class="skip-link" href="#contenu">' in html
    assert 'role="search"' in html
    assert "creativecommons.org/licenses/by-sa/4.0" in html
    assert "mailto:contact@localhost" in html


def test_admin_login_answers(client, demo_site):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_admin_requires_login(client, demo_site):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_unknown_page_gets_the_friendly_404(client, demo_site):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert "Cette page n'existe pas" in response.content.decode()


def test_site_search_finds_a_section_page(client, demo_site):
    response = client.get("/recherche/", {"q": "boussole"})

    assert response.status_code == 200
    assert "Boussole parentale" in [page.title for page in response.context["search_results"]]


def test_site_search_without_query_explains_what_to_do(client, demo_site):
    response = client.get("/recherche/")

    assert response.status_code == 200
    assert "Écrivez un mot" in response.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "999", "-1"])
def test_site_search_with_bad_page_number_is_not_an_error(client, demo_site, page_number):
    response = client.get("/recherche/", {"q": "boussole", "page": page_number})

    assert response.status_code == 200


def failing_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", failing_view)]


@pytest.mark.urls("tests.test_pages")
def test_server_error_page_has_no_stack_trace(client):
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Un problème est survenu" in html
    assert "RuntimeError" not in html and "boom" not in html
