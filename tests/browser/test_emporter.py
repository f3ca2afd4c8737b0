"""« Emporter » in Chromium: a senior builds a lexique of three words and prints it; the defined words are linked."""

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def new_page(browser):
    contexts = []

    def open_page(**options):
        context = browser.new_context(locale="fr-FR", **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_a_senior_adds_three_words_and_prints_a_large_print_lexique(served_demo_site, new_page):
    from dictionnaire.models import Term

    url = served_demo_site.url
    page = new_page(java_script_enabled=False)  # the whole thing works without JavaScript
    for slug in ("wi-fi", "qr-code", "smartphone"):
        page.goto(f"{url}/dictionnaire/{slug}/")
        page.get_by_role("button", name="Ajouter à mon lexique").click()
        page.wait_for_url(re.compile(r".*/dictionnaire/lexique/\?ajoute=" + slug))
    page.get_by_label("Le titre sur la couverture").fill("Le lexique de Josette")
    page.get_by_role("button", name="Changer le titre").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Le lexique de Josette"
    page.get_by_role("button", name="Monter « Smartphone »").click()
    words = page.locator(".lexicon__word").all_inner_texts()
    assert words == ["Wi-Fi", "Smartphone", "QR code"]

    href = page.get_by_role("link", name=re.compile("Imprimer mon lexique")).get_attribute("href")
    assert href.startswith("/dictionnaire/lexique.pdf?mots=wi-fi,smartphone,qr-code")
    response = page.request.get(url + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Le lexique de Josette" in reader.pages[0].extract_text()
    assert text.index("Wi-Fi") < text.index("Smartphone") < text.index("QR code")
    for slug in ("wi-fi", "smartphone", "qr-code"):
        definition = Term.objects.get(slug=slug).short_definition
        assert " ".join(definition.split()[:6]) in text
    sizes = []
    reader.pages[1].extract_text(
        visitor_text=lambda text, cm, tm, font, size: (
            sizes.append(round(size * tm[0] * cm[0], 1)) if text.strip() else None
        )
    )
    assert sizes and min(sizes) >= 16
