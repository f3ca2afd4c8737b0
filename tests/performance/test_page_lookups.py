"""The one-query page look-ups (``portail.pages``) answer as Wagtail's own: private sections, view restrictions,
the header's sections in each language, routing and the site root paths."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from fiches.models import ExperienceIndexPage, ExperiencePage
from portail.navigation import site_sections
from portail.pages import public, site_root_paths
from tests.performance.conftest import make_fiches


@pytest.fixture
def fiches(sections):
    index = ExperienceIndexPage.objects.get(pk=sections["fiches"].pk)
    return index, make_fiches(index, 0, 3)


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_a_private_fiche_or_section_is_left_out_as_wagtail_leaves_it_out(fiches):
    index, (first, second, third) = fiches
    restrict(second)

    def both(pages):
        return set(public(pages)), set(pages.public())

    ours, wagtails = both(ExperiencePage.objects.child_of(index).live())
    assert ours == wagtails == {first, third}
    assert set(index.fiches()) == {first, third}

    restrict(index)  # an ancestor's restriction covers its descendants
    ours, wagtails = both(Page.objects.live())
    assert ours == wagtails
    assert not ours & {index.page_ptr, first.page_ptr, second.page_ptr, third.page_ptr}


def test_view_restrictions_are_those_wagtail_finds_and_a_private_fiche_asks_to_log_in(client, fiches):
    index, (first, second, _third) = fiches
    own, inherited = restrict(second), restrict(index)

    for page in (index, first, second):
        page = page.specific
        assert set(page.get_view_restrictions()) == set(Page.get_view_restrictions(page))
    assert set(second.get_view_restrictions()) == {own, inherited}

    response = client.get(first.url)  # under the private index
    assert response.status_code == 302
    assert f"next={first.url}" in response["Location"].replace("%2F", "/")
    response = client.get(index.url)  # the private index itself, routed to from the home page
    assert response.status_code == 302 and "next=" in response["Location"]
    own.delete()
    inherited.delete()
    assert client.get(index.url).status_code == client.get(first.url).status_code == 200


def test_the_home_routes_to_each_section_and_to_its_fiches(client, fiches):
    _index, (first, _second, _third) = fiches

    assert client.get("/fiches/").context["page"].specific_class is ExperienceIndexPage
    page = client.get(first.url).context["page"]
    assert (type(page), page.pk, page.locale.language_code) == (ExperiencePage, first.pk, "fr")
    assert client.get("/fiches/export/json/").status_code == 200
    assert client.get("/fiches/nulle-part/").status_code == 404
    assert client.get("/nulle-part/").status_code == 404


def test_header_sections_are_those_of_the_localized_home_and_leave_private_ones_out(
    sections, django_assert_num_queries
):
    request = RequestFactory().get("/")
    all_three = [("dictionnaire", "/dictionnaire/"), ("fiches", "/fiches/"), ("boussole", "/boussole/")]

    def shown():
        cache.clear()
        return [(section["slug"], section["url"]) for section in site_sections(request)]

    site_sections(request)  # the request keeps its site and root paths; Wagtail's content types are read once
    cache.clear()
    with django_assert_num_queries(1):  # the three sections with their own rows (their introductions)
        assert [section["introduction"] for section in site_sections(request)] == ["Une section."] * 3
    assert shown() == all_three
    with translation.override("en"):  # no English home: the French one's sections
        assert shown() == all_three

    english_home = sections["home"].copy_for_translation(Locale.objects.get(language_code="en"))
    english_home.save_revision().publish()
    with translation.override("en"):  # an English home without sections of its own
        assert shown() == []

    restrict(sections["fiches"])
    assert shown() == [all_three[0], all_three[2]]


def test_site_root_paths_are_wagtails_in_one_query(sections, django_assert_num_queries):
    english_home = sections["home"].copy_for_translation(Locale.objects.get(language_code="en"))
    english_home.save_revision().publish()
    Site.objects.create(hostname="autre.example", port=443, root_page=sections["boussole"])

    cache.clear()
    wagtails = Site.get_site_root_paths()
    cache.clear()
    with django_assert_num_queries(1):
        ours = site_root_paths()
    assert ours == wagtails
    assert {path.language_code for path in ours} == {"fr", "en"}
    with django_assert_num_queries(0):  # kept in Wagtail's cache entry
        assert site_root_paths() == wagtails == Site.get_site_root_paths()
