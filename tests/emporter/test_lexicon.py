"""« Mon petit lexique »: add from a term page without JavaScript (even a kept copy), reorder, remove, share, PDF."""

import io
import time

import pytest
from django.test import Client
from pypdf import PdfReader

from dictionnaire import lexicon
from dictionnaire.models import Term

pytestmark = pytest.mark.django_db


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_add_button_is_a_form_without_token_that_works_on_a_kept_copy_of_the_term_page(dictionary):
    reader = Client(enforce_csrf_checks=True)
    reader.get("/dictionnaire/wi-fi/")
    kept = reader.get("/dictionnaire/wi-fi/")  # served whole from the cache
    assert not hasattr(kept, "context") or kept.context is None
    page = kept.content.decode()
    assert 'action="/dictionnaire/lexique/ajouter/"' in page and 'name="mot" value="wi-fi"' in page
    assert "csrfmiddlewaretoken" not in page

    response = reader.post("/dictionnaire/lexique/ajouter/", {"mot": "wi-fi"})
    assert response.status_code == 302 and response["Location"] == "/dictionnaire/lexique/?ajoute=wi-fi"
    reader.post("/dictionnaire/lexique/ajouter/", {"mot": "qr-code"})
    reader.post("/dictionnaire/lexique/ajouter/", {"mot": "wi-fi"})  # twice: once in the list
    reader.post("/dictionnaire/lexique/ajouter/", {"mot": "pas-un-mot"})  # unknown: nothing added
    assert reader.cookies["lexique"].value == "wi-fi,qr-code"

    page = reader.get("/dictionnaire/lexique/?ajoute=wi-fi")
    assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
    assert "« Wi-Fi » est dans votre lexique." in page.content.decode()
    assert [term.slug for term in page.context["terms"]] == ["wi-fi", "qr-code"]
    # The term pages stay shared: the lexique cookie does not make the reader private.
    assert reader.get("/dictionnaire/wi-fi/").context is None


def test_the_lexicon_page_reorders_removes_and_titles_with_plain_forms(dictionary):
    reader = Client()
    for slug in ("wi-fi", "qr-code", "smartphone"):
        reader.post("/dictionnaire/lexique/ajouter/", {"mot": slug})

    reader.post("/dictionnaire/lexique/", {"action": "monter", "mot": "smartphone"})
    assert reader.cookies["lexique"].value == "wi-fi,smartphone,qr-code"
    reader.post("/dictionnaire/lexique/", {"action": "descendre", "mot": "wi-fi"})
    assert reader.cookies["lexique"].value == "smartphone,wi-fi,qr-code"
    reader.post("/dictionnaire/lexique/", {"action": "retirer", "mot": "wi-fi"})
    assert reader.cookies["lexique"].value == "smartphone,qr-code"
    reader.post("/dictionnaire/lexique/", {"action": "titre", "titre": "  Le lexique\nde Josette  "})

    page = reader.get("/dictionnaire/lexique/")
    content = page.content.decode()
    assert "<h1>Le lexique de Josette</h1>" in content
    assert "/dictionnaire/lexique.pdf?mots=smartphone,qr-code&amp;titre=Le%20lexique%20de%20Josette" in content


def test_a_shared_link_shows_the_words_and_can_be_kept(dictionary):
    visitor = Client()
    page = visitor.get("/dictionnaire/lexique/", {"mots": "qr-code,Wi-Fi,<script>,qr-code", "titre": "Atelier"})
    assert [term.slug for term in page.context["terms"]] == ["qr-code", "wi-fi"]
    assert "<script>" not in page.content.decode().split("<main", 1)[1]
    visitor.post("/dictionnaire/lexique/", {"action": "garder", "mots": "qr-code,wi-fi", "titre": "Atelier"})
    assert visitor.cookies["lexique"].value == "qr-code,wi-fi"
    assert visitor.get("/dictionnaire/lexique/").context["title"] == "Atelier"


def test_bad_input_never_fails(dictionary):
    client = Client()
    client.cookies["lexique"] = "%%%,,\x00" + ",a" * 500
    assert client.get("/dictionnaire/lexique/").status_code == 200
    assert client.post("/dictionnaire/lexique/", {"action": "nimporte", "mot": "x" * 1000}).status_code == 302
    assert client.get("/dictionnaire/lexique.pdf?mots=").status_code == 404
    assert client.get("/dictionnaire/lexique.pdf?mots=inconnu,%00").status_code == 404
    assert client.get("/dictionnaire/lexique/ajouter/").status_code == 405
    assert lexicon.parse_slugs(",".join(f"mot-{n}" for n in range(500))) == [f"mot-{n}" for n in range(80)]


def test_the_pdf_has_the_words_in_the_order_asked_in_large_print_with_cover_and_index(dictionary):
    response = Client().get("/dictionnaire/lexique.pdf", {"mots": "wi-fi,qr-code", "titre": "Le lexique de Josette"})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    cover = reader.pages[0].extract_text()
    assert "Le lexique de Josette" in cover
    text = pdf_text(response.content)
    wifi, qr_code = Term.objects.get(slug="wi-fi"), Term.objects.get(slug="qr-code")
    assert text.index("Wi-Fi") < text.index("QR code")
    assert " ".join(wifi.short_definition.split()[:5]) in " ".join(text.split())
    assert " ".join(qr_code.short_definition.split()[:5]) in " ".join(text.split())
    assert "dangereux des fois" in text and "cool en même temps" in text
    assert "Index" in reader.pages[-1].extract_text()
    sizes = font_sizes(reader.pages[1])
    assert sizes and min(sizes) >= 16, sizes


def font_sizes(page):
    """The font sizes (in points) of the text drawn on a PDF page."""
    sizes = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append(round(font_size * tm[0] * cm[0], 1))

    page.extract_text(visitor_text=visitor)
    return sizes


def test_the_whole_dictionary_prints_as_a_booklet_by_category(dictionary):
    response = Client().get("/dictionnaire/livret.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Sécurité" in text and "Réseaux sociaux" in text and "Mot de passe" in text


def test_a_forty_word_lexicon_renders_in_under_three_seconds(dictionary):
    slugs = list(Term.objects.live().order_by("?").values_list("slug", flat=True)[:40])
    started = time.process_time()  # CPU time: the machine's other work does not count (benchmarks/emporter.py)
    response = Client().get("/dictionnaire/lexique.pdf", {"mots": ",".join(slugs)})
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 20
    assert time.process_time() - started < 3
