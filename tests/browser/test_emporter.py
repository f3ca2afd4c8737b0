"""« Emporter » in Chromium: a senior builds a lexique of three words and prints it; the defined words are linked."""

import http.server
import io
import re
import threading

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def host_handler(body):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            content = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args):
            pass

    return Handler


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


def test_visited_definitions_still_open_without_network_and_other_pages_say_so_in_french(served_demo_site, browser):
    url = served_demo_site.url
    context = browser.new_context(locale="fr-FR", service_workers="allow")
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(url + "/dictionnaire/")
        page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now looked after by the service worker
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        page.goto(url + "/dictionnaire/wi-fi/")
        page.wait_for_function(
            "() => caches.open('portail-pages').then((cache) => cache.match(location.href)).then(Boolean)"
        )

        context.set_offline(True)
        page.goto(url + "/dictionnaire/wi-fi/")
        assert page.get_by_role("heading", level=1).inner_text() == "Wi-Fi"
        page.goto(url + "/dictionnaire/")  # the A–Z index, kept at install
        assert page.locator("#de-a-a-z").count() == 1
        page.goto(url + "/fiches/")  # never opened here
        assert page.get_by_role("heading", level=1).inner_text() == "Pas de réseau pour le moment"
        assert page.get_by_role("link", name="Mon petit lexique").count() >= 1
    finally:
        context.set_offline(False)
        context.close()


def test_the_widget_renders_inside_an_iframe_of_another_site_and_a_term_page_does_not(served_demo_site, new_page):
    url = served_demo_site.url
    page = new_page(viewport={"width": 360, "height": 700})
    host_page = (
        "<!DOCTYPE html><html lang='fr'><title>Centre social</title><body>"
        f"<iframe id='widget' title='Dictionnaire' width='320' height='500' src='{url}/widget/dictionnaire/?q=ouifi'>"
        f"</iframe><iframe id='term' title='Mot' src='{url}/dictionnaire/wi-fi/'></iframe></body></html>"
    )
    # Another site: a tiny server of its own on another port (another origin), serving the centre's page.
    server = http.server.HTTPServer(("127.0.0.1", 0), host_handler(host_page))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/")
        widget = page.frame_locator("#widget")
        link = widget.get_by_role("link", name=re.compile("^Wi-Fi"))
        link.wait_for()
        assert link.get_attribute("target") == "_blank"
        assert widget.locator("html").evaluate("(html) => html.scrollWidth <= 320")
        page.wait_for_timeout(1000)
        blocked = page.frame_locator("#term")
        assert blocked.locator("h1", has_text="Wi-Fi").count() == 0, "the rest of the site refuses to be framed"
        assert any(frame.url.startswith("chrome-error:") for frame in page.frames)
    finally:
        server.shutdown()
        server.server_close()


NEW_PAGES = [
    ("fr", "/dictionnaire/lexique/?mots=wi-fi,qr-code,smartphone&titre=Le%20lexique%20de%20Josette"),
    ("ar", "/ar/dictionnaire/lexique/?mots=wi-fi,qr-code"),
    ("en", "/en/dictionnaire/lexique/"),
    ("fr", "/hors-ligne/"),
    ("ar", "/ar/hors-ligne/"),
    ("fr", "/widget/dictionnaire/?q=ouifi"),
    ("fr", "/widget/dictionnaire/?q=xyzabc"),
    ("fr", "/widget/annuaire/?commune=80021"),
    ("fr", "emmaus-connect"),
]


def test_the_new_pages_have_no_axe_violation_and_reflow_at_320_px(served_demo_site, new_page):
    from tests.browser.accessibility.probes import BROKEN_REFERENCES, REFLOW, REFLOW_WIDTHS, run_axe

    page = new_page(viewport={"width": 1280, "height": 800})
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    problems = {}
    from fiches.models import ExperiencePage

    fiche = ExperiencePage.objects.get(title="Emmaüs Connect").url
    for language, path in NEW_PAGES:
        path = fiche if path == "emmaus-connect" else path
        response = page.goto(served_demo_site.url + path)
        assert response.status == 200, path
        found = run_axe(page) + [f"broken reference {ref}" for ref in page.evaluate(BROKEN_REFERENCES)]
        for label, width in REFLOW_WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 800})
            reflow = page.evaluate(REFLOW)
            found += [f"{label}: {problem}" for problem in reflow]
        page.set_viewport_size({"width": 1280, "height": 800})
        if found:
            problems[f"{language} {path}"] = found
    assert not problems, problems


FAKE_SPEECH = """
window.spoken = [];
const fake = {
    speaking: false, paused: false,
    getVoices: () => [],
    speak(utterance) {
        window.spoken.push({text: utterance.text, rate: utterance.rate, lang: utterance.lang});
        setTimeout(() => utterance.onend && utterance.onend(), 5);
    },
    cancel() {}, pause() { this.paused = true; }, resume() { this.paused = false; },
};
Object.defineProperty(window, "speechSynthesis", {value: fake});
"""


def test_listen_reads_the_whole_definition_with_pause_and_a_slower_speed(served_demo_site, new_page):
    from dictionnaire.models import Term

    term = Term.objects.get(slug="wi-fi")
    page = new_page()
    page.add_init_script(FAKE_SPEECH)
    page.goto(served_demo_site.url + "/dictionnaire/wi-fi/")
    page.get_by_role("button", name="Plus lentement").click()
    assert page.get_by_role("button", name="Plus lentement").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Écouter").click()
    assert page.get_by_role("button", name="Pause").is_visible()
    page.wait_for_function("() => window.spoken.length > 3")
    page.wait_for_timeout(500)
    spoken = page.evaluate("window.spoken")
    text = " ".join(part["text"] for part in spoken)
    assert spoken[0]["text"] == "Wi-Fi" and all(abs(part["rate"] - 0.65) < 0.01 for part in spoken)
    for field in (term.short_definition, term.danger, term.cool, term.full_definition_text()):
        if field:
            assert " ".join(field.split()[:4]).rstrip(".,;:") in text, field
    assert "Ce que je trouve dangereux des fois" in text
