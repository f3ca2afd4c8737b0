"""The index at /fiches/: facets, search, pagination, result count, without JavaScript; feeds, exports, API."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

QUERY_BUDGET = 12


def facet(response, name):
    return {o["value"]: o["count"] for f in response.context["facets"] if f["name"] == name for o in f["options"]}


def test_departement_counts_are_those_of_the_file(client, index, booklet_records):
    response = client.get("/fiches/")

    assert facet(response, "departement") == Counter(record["departement_code"] for record in booklet_records)


def test_theme_and_public_counts_are_those_of_the_file(client, index, booklet_records):
    response = client.get("/fiches/")

    expected_themes = Counter(slugify(t, allow_unicode=True) for record in booklet_records for t in record["themes"])
    expected_publics = Counter(slugify(p, allow_unicode=True) for record in booklet_records for p in record["publics"])
    assert facet(response, "theme") == expected_themes
    assert facet(response, "public") == expected_publics


@pytest.mark.parametrize("code", ["02", "59", "60", "62", "80"])
def test_a_departement_narrows_the_list_to_its_fiches(client, index, booklet_records, code):
    response = client.get("/fiches/", {"departement": code})

    expected = {r["titre"] for r in booklet_records if r["departement_code"] == code}
    assert {page.title for page in response.context["search"].results()} == expected
    assert response.context["paginator"].count == len(expected)
    # the other départements keep their own counts, so that the reader can add one
    assert facet(response, "departement") == Counter(r["departement_code"] for r in booklet_records)


def test_facets_combine_departement_theme_and_public(client, index, booklet_records):
    response = client.get("/fiches/", {"departement": ["59", "80"], "theme": "tablette", "public": "seniors"})

    expected = {
        r["titre"]
        for r in booklet_records
        if r["departement_code"] in {"59", "80"} and "tablette" in r["themes"] and "seniors" in r["publics"]
    }
    assert expected
    assert {page.title for page in response.context["search"].results()} == expected
    with_tablets_for_seniors = [r for r in booklet_records if "tablette" in r["themes"] and "seniors" in r["publics"]]
    assert facet(response, "departement") == Counter(r["departement_code"] for r in with_tablets_for_seniors)
    html = response.content.decode()
    assert f"{len(expected)} fiche" in html
    assert 'name="theme" value="tablette" checked' in html


def test_full_text_search_finds_words_inside_the_sections(client, index, booklet_records):
    response = client.get("/fiches/", {"q": "Voisineurs"})

    expected = [r["titre"] for r in booklet_records if any("Voisineurs" in s["texte"] for s in r["sections"])]
    assert len(expected) == 1
    assert [page.title for page in response.context["search"].results()] == expected


def test_search_combines_with_facets(client, index):
    assert client.get("/fiches/", {"q": "tablette", "departement": "80"}).context["paginator"].count >= 1
    assert client.get("/fiches/", {"q": "Voisineurs", "departement": "80"}).context["paginator"].count == 0


def test_no_result_says_so_and_offers_the_whole_list(client, index):
    response = client.get("/fiches/", {"q": "zzzqqq"})

    assert response.context["paginator"].count == 0
    html = response.content.decode()
    assert "Aucune fiche ne correspond" in html


def test_pagination_keeps_the_filters_and_shows_every_fiche_once(client, index):
    titles = []
    for number in (1, 2, 3):
        response = client.get("/fiches/", {"page": number})
        titles += [page.title for page in response.context["page_obj"].object_list]
    assert len(titles) == len(set(titles)) == 26

    html = client.get("/fiches/", {"departement": "59", "page": 1}).content.decode()
    assert 'href="?departement=59&amp;page=2"' in html


@pytest.mark.parametrize("number", ["abc", "999", "-1"])
def test_a_bad_page_number_is_not_an_error(client, index, number):
    assert client.get("/fiches/", {"page": number}).status_code == 200


def test_unknown_facet_values_are_ignored(client, index):
    response = client.get("/fiches/", {"departement": "75", "theme": "<script>"})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{}, {"departement": "59"}, {"departement": "59", "theme": "tablette", "page": "2"}, {"q": "tablette"}],
)
def test_index_query_count_stays_within_budget(client, index, params, django_assert_max_num_queries):
    client.get("/fiches/", params)  # warms the navigation cache
    with django_assert_max_num_queries(QUERY_BUDGET) as queries:
        assert client.get("/fiches/", params).status_code == 200
    print(f"/fiches/ {params}: {len(queries)} queries")


def test_index_query_count_does_not_grow_with_the_number_of_fiches(client, index):
    client.get("/fiches/")
    with CaptureQueriesContext(connection) as with_26:
        client.get("/fiches/")
    fiche = index.get_children().last().specific
    for number in range(3):
        fiche.copy(update_attrs={"slug": f"copie-{number}", "title": f"Copie {number}"}, keep_live=True)
    client.get("/fiches/")  # the copies changed the site's pages: caches fill again
    with CaptureQueriesContext(connection) as with_29:
        response = client.get("/fiches/")

    assert response.context["paginator"].count == 29
    assert len(with_29) == len(with_26) <= QUERY_BUDGET
    print(f"/fiches/ index page: {len(with_26)} queries")


def test_rss_and_atom_feeds_list_the_fiches(client, index, booklet_records):
    titles = {record["titre"] for record in booklet_records}
    rss = client.get("/fiches/flux/rss/")
    items = ET.fromstring(rss.content).findall("./channel/item")  # noqa: S314 - our own feed
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert len(items) == 20
    assert {item.findtext("title") for item in items} <= titles
    assert items[0].findtext("link").startswith("http://testserver/fiches/")

    atom = client.get("/fiches/flux/atom/")
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")  # noqa: S314 - our own feed
    assert len(entries) == 20


def test_json_export_has_every_published_fiche_with_its_sections_and_no_persons(client, index, booklet_records):
    response = client.get("/fiches/export/json/")
    exported = {fiche["titre"]: fiche for fiche in response.json()["fiches"]}

    assert len(exported) == 26
    for record in booklet_records:
        assert exported[record["titre"]]["sections"] == record["sections"]
        assert exported[record["titre"]]["departement_code"] == record["departement_code"]
    assert "RIBEIL" not in response.content.decode()


def test_csv_export_has_a_row_per_fiche(client, index, booklet_records):
    response = client.get("/fiches/export/csv/")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows) == 26
    assert Counter(row["departement_code"] for row in rows) == Counter(r["departement_code"] for r in booklet_records)


def test_unpublished_fiches_leave_the_list_the_feeds_and_the_exports(client, index):
    fiche = index.get_children().first().specific
    fiche.unpublish()

    assert client.get("/fiches/").context["paginator"].count == 25
    assert len(client.get("/fiches/export/json/").json()["fiches"]) == 25
    assert fiche.title not in client.get("/fiches/flux/rss/").content.decode()
    assert client.get(fiche.url or f"/fiches/{fiche.slug}/").status_code == 404


def test_wagtail_api_lists_the_fiches_with_their_fields(client, index):
    response = client.get("/api/v2/pages/", {"type": "fiches.ExperiencePage", "fields": "structure,departement,body"})

    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 26
    assert {item["departement"] for item in data["items"]} == {"02", "59", "60", "62", "80"}
    assert all(item["body"] for item in data["items"])
    assert "contact_persons" not in data["items"][0]


def test_wagtail_api_filters_fiches_by_departement(client, index, booklet_records):
    response = client.get("/api/v2/pages/", {"type": "fiches.ExperiencePage", "departement": "80"})

    assert response.json()["meta"]["total_count"] == sum(r["departement_code"] == "80" for r in booklet_records)


def test_facets_fold_by_group_with_counts_and_the_apply_button_comes_first(client, index, booklet_records):
    response = client.get("/fiches/", {"theme": "tablette"})
    html = response.content.decode()

    form = html[html.index('class="fiches-filters"') :]
    assert form.index("Afficher les fiches") < form.index('type="checkbox"')  # reachable before the 55 boxes
    groups = re.findall(r"<details class=\"facet-group\"( open)?>\s*<summary>(\w+) <span[^>]*>\(([^)]*)\)", form)
    assert [(name, bool(is_open)) for is_open, name, _count in groups] == [
        ("Département", False),
        ("Thème", True),  # the group with a ticked box is open
        ("Public", False),
    ]
    assert groups[1][2] == "1 coché"
    assert groups[0][2] == f"{len(facet(response, 'departement'))} choix"
