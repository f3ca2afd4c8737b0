"""PDF of a fiche and of a booklet, made on the server by WeasyPrint (needs Debian's Pango)."""

import io
import os

import pytest
from pypdf import PdfReader

from tests.fiches.conftest import page_for


@pytest.fixture(autouse=True)
def weasyprint_available():
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:  # Pango missing
        if os.environ.get("CI") == "true":
            pytest.fail(f"WeasyPrint cannot load Pango: {exc}")
        pytest.skip(f"WeasyPrint cannot load Pango (install libpango-1.0-0 libpangoft2-1.0-0): {exc}")


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    return reader, " ".join(page.extract_text() for page in reader.pages)


def test_a_fiche_downloads_as_a_pdf_with_its_title_and_text(client, index, booklet_records):
    page = page_for(14)

    reader, text = pdf_text(client.get(page.pdf_url))

    assert page.title == "Emmaüs Connect"
    assert "Emmaüs Connect" in text
    assert booklet_records[13]["sections"][0]["titre"] in text
    assert "Générations et Cultures, 2019" in " ".join(text.split())
    assert "SMARECHAL" not in text.upper()  # the person's contact is not printed either


def test_the_fiche_page_links_to_its_pdf(client, index):
    page = page_for(14)

    assert f'href="{page.pdf_url}"' in client.get(page.url).content.decode()


def test_a_selection_makes_a_booklet_with_cover_and_contents(client, index):
    chosen = [page_for(14), page_for(8)]

    reader, text = pdf_text(client.get("/fiches/livret/", {"fiche": [page.pk for page in chosen]}))

    assert len(reader.pages) >= 4  # cover, contents, then each fiche on its own pages
    cover = reader.pages[0].extract_text()
    assert "Fiches d'expériences" in cover and "2 expériences" in cover
    contents = reader.pages[1].extract_text()
    assert "Sommaire" in contents
    for page in chosen:
        assert page.title in contents
    positions = [contents.index(page.title) for page in sorted(chosen, key=lambda page: page.title)]
    assert positions == sorted(positions)


def test_the_booklet_follows_the_facets_when_nothing_is_ticked(client, index, booklet_records):
    reader, _ = pdf_text(client.get("/fiches/livret/", {"departement": "80"}))

    contents = reader.pages[1].extract_text()
    for record in booklet_records:
        assert (record["titre"].split(" –")[0] in contents) == (record["departement_code"] == "80")


def test_an_empty_selection_goes_back_to_the_list(client, index):
    response = client.get("/fiches/livret/", {"q": "zzzqqq"})

    assert response.status_code == 302
    assert response["Location"] == "/fiches/"
