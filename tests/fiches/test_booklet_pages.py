"""The booklet's 26 fiches as pages: all there, every section in order with the file's text, contacts, source."""

from django.utils.html import escape
from wagtail.models import Page

from fiches.booklet import SOURCE
from fiches.models import ExperiencePage
from tests.fiches.conftest import page_for


def test_the_index_lists_the_26_fiches_of_the_booklet(client, index, booklet_records):
    response = client.get("/fiches/")

    assert response.status_code == 200
    assert response.context["paginator"].count == len(booklet_records) == 26
    assert "26 fiches trouvées" in response.content.decode()
    listed = {page.title for page in response.context["search"].results()}
    assert listed == {record["titre"] for record in booklet_records}


def test_every_fiche_carries_the_booklets_sections_in_order_with_the_same_text(index, booklet_records):
    for record in booklet_records:
        page = page_for(record["numero"])
        assert page.live
        assert page.sections == record["sections"], f"fiche {record['numero']}"
    assert sum(len(record["sections"]) for record in booklet_records) == 288


def test_published_revisions_carry_the_same_sections(index, booklet_records):
    for record in booklet_records:
        published = page_for(record["numero"]).live_revision.as_object()
        assert published.sections == record["sections"]


def test_fiche_page_shows_every_heading_in_order(client, index, booklet_records):
    record = booklet_records[0]
    html = client.get(page_for(record["numero"]).url).content.decode()

    positions = [html.index(f"<h2>{escape(section['titre'])}</h2>") for section in record["sections"]]
    assert positions == sorted(positions)


def test_testimonials_are_quote_blocks_with_their_attribution(client, index):
    page = page_for(3)
    testimonials = [block for block in page.body if block.block_type == "testimonials"]

    assert len(testimonials) == 1
    first = testimonials[0].value["quotes"][0]
    assert first["quote"].startswith("« Je me suis dit : je vis seule")
    assert first["attribution"] == "Roselyne – 68 ans – retraitée – Personne à mobilité réduite"
    html = client.get(page.url).content.decode()
    assert "<figcaption>Roselyne – 68 ans – retraitée – Personne à mobilité réduite</figcaption>" in html
    assert "<blockquote><p>« Je me suis dit" in html


def test_the_insert_of_fiche_9_leads_to_the_dictionary(client, index):
    page = page_for(9)
    inserts = [block for block in page.body if block.block_type == "insert"]

    assert [block.value["heading"] for block in inserts] == ["Quand les enfants deviennent profs"]
    html = client.get(page.url).content.decode()
    aside = html[html.index('<aside class="fiche-insert"') :]
    aside = aside[: aside.index("</aside>")]
    assert 'href="/dictionnaire/"' in aside


def test_structured_fields_come_from_the_file(index, booklet_records):
    for record in booklet_records:
        page = page_for(record["numero"])
        assert page.structure == record["structure"]
        assert page.commune == (record["commune"] or "")
        assert page.departement == record["departement_code"]
        assert sorted(page.themes_list) == sorted(record["themes"])
        assert sorted(page.publics_list) == sorted(record["publics"])
        assert page.source == SOURCE


def test_several_contact_organisations_are_kept_apart(index):
    organisations = [(o.name, o.address) for o in page_for(7).organisations.all()]

    assert organisations == [
        ("Centre social Mosaïque", "Rue Cabanis – 59000 Lille"),
        ("Générations et Cultures", "61 rue de la justice – 59000 Lille"),
    ]


def test_the_structures_contact_is_shown_and_the_persons_are_not(client, index):
    page = page_for(1)
    html = client.get(page.url).content.decode()

    assert "BIP POP" in html and "https://www.bippop.com" in html
    assert "RIBEIL" not in html
    assert "mathieu@bippop.com" not in html
    assert "06 60 94 41 49" not in html
    assert "RIBEIL" in page.contact_persons  # kept for the structure to decide


def test_the_persons_are_shown_when_the_fiche_says_so(client, index):
    page = page_for(1)
    page.show_contact_persons = True
    page.save_revision().publish()

    assert "Mathieu RIBEIL, Directeur de développement" in client.get(page.url).content.decode()


def test_every_imported_fiche_shows_the_booklets_source(client, index):
    html = client.get(page_for(12).url).content.decode()

    assert "Générations et Cultures, 2019" in html
    assert "L&#x27;intergénération au défi du numérique" in html
    assert ExperiencePage.objects.exclude(source=SOURCE).count() == 0


def test_fiche_page_has_schema_org_and_open_graph_markup(client, index, django_assert_max_num_queries):
    page = page_for(14)
    client.get(page.url)
    with django_assert_max_num_queries(14):
        html = client.get(page.url).content.decode()

    assert 'itemtype="https://schema.org/Article"' in html
    assert '<h1 itemprop="headline">Emmaüs Connect</h1>' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Emmaüs Connect">' in html
    assert f'<meta property="og:url" content="http://localhost{page.url}">' in html


def test_fiches_can_only_live_under_the_fiches_index(index):
    assert ExperiencePage.can_create_at(index)
    assert not ExperiencePage.can_create_at(Page.objects.get(depth=2).specific)
