"""Old phones on slow networks: every public page type weighs at most 60 KB transferred before images (its HTML
and every stylesheet and script it loads, compressed as the server sends them), and loads nothing from another
host. Measured on the demo data, in French and (for one page) in Arabic with the reading preferences on."""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation

from boussole.models import Event, GlossaryEntry, Structure
from dictionnaire.models import Term
from fiches.models import ExperiencePage

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1000  # bytes transferred, images excepted

#: One address per public page type; the ones that depend on the demo data are looked up.
PAGE_TYPES = {
    "accueil": "/",
    "recherche du site": "/recherche/?q=numérique",
    "dictionnaire (index)": "/dictionnaire/",
    "mot": lambda: Term.objects.filter(live=True).order_by("pk").first().url,
    "recherche de mots": "/dictionnaire/recherche/?q=ouifi",
    "demander un mot": "/dictionnaire/demander/",
    "suivi d'une demande": "/dictionnaire/suivi/",
    "mon petit lexique": "/dictionnaire/lexique/?mots=wi-fi,qr-code,smartphone",
    "hors ligne": "/hors-ligne/",
    "atelier (rejoindre)": "/dictionnaire/atelier/",
    "connexion des adultes": "/dictionnaire/connexion/",
    "fiches (index)": "/fiches/",
    "fiche": lambda: ExperiencePage.objects.live().order_by("path").first().url,
    "proposer une fiche": "/fiches/proposer/",
    "boussole": "/boussole/",
    "annuaire": "/boussole/annuaire/",
    "structure": lambda: Structure.objects.public().order_by("pk").first().get_absolute_url(),
    "agenda": "/boussole/agenda/",
    "événement": lambda: Event.objects.upcoming().order_by("pk").first().get_absolute_url(),
    "ressources": "/boussole/ressources/",
    "glossaire": "/boussole/glossaire/",
    "entrée du glossaire": lambda: GlossaryEntry.objects.filter(live=True).order_by("pk").first().get_absolute_url(),
    "orientation (question)": "/boussole/orientation/",
    "orientation (résultats)": "/boussole/orientation/?etape=99",
    "données ouvertes": "/boussole/donnees/",
    "page introuvable (404)": "/cette-page-n-existe-pas/",
    "accueil en arabe, texte grand": "/ar/",
}


class Assets(HTMLParser):
    """The stylesheets and scripts a page makes the browser download."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append(attrs["href"])


def compressed_size(content):
    return len(gzip.compress(content, compresslevel=6))


def static_file(url):
    parts = urlsplit(url)
    assert not parts.scheme and not parts.netloc, f"{url} comes from another host"
    assert parts.path.startswith(settings.STATIC_URL), f"{url} is not a static file of the site"
    path = finders.find(parts.path.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is not found by the static files finders"
    with open(path, "rb") as file:
        return file.read()


def page_weight(client, url):
    """``(total, html, {asset url: size})`` in compressed bytes."""
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    parser = Assets()
    parser.feed(response.content.decode())
    assets = {asset: compressed_size(static_file(asset)) for asset in dict.fromkeys(parser.urls)}
    html = compressed_size(response.content)
    return html + sum(assets.values()), html, assets


def test_every_public_page_type_stays_under_60_kb_and_loads_nothing_from_elsewhere(client, demo_site):
    client.cookies["preferences"] = "texte-grand.contraste-fort"
    weights = {}
    for name, address in PAGE_TYPES.items():
        with translation.override("fr"):
            url = address() if callable(address) else address
        weights[name] = (url, *page_weight(client, url))

    report = "\n".join(
        f"{name:32} {total / 1000:5.1f} KB (HTML {html / 1000:4.1f} KB) {url}"
        for name, (url, total, html, _assets) in weights.items()
    )
    print(f"\nTransferred before images, gzip level 6:\n{report}")
    too_heavy = {name: total for name, (_url, total, _html, _assets) in weights.items() if total > BUDGET}
    assert not too_heavy, f"over {BUDGET} bytes:\n{report}"
    assert '<html lang="ar" dir="rtl" class="texte-grand contraste-fort">' in client.get("/ar/").content.decode()


def test_terms_and_fiches_can_be_listened_to_and_printed_once_javascript_runs(client, demo_site):
    """« Écouter » and « Imprimer » are hidden buttons that the static script shows; the text read is marked with
    its language, and the print style sheets hide the site's header, the tools and the buttons."""
    with translation.override("fr"):
        urls = {
            "definition-courte": Term.objects.filter(live=True).order_by("pk").first().url,
            "fiche-texte": ExperiencePage.objects.live().order_by("path").first().url,
        }
    for target, url in urls.items():
        html = client.get(f"/en{url}").content.decode()
        assert re.search(
            rf'<button type="button" class="listen-button" data-listen-target="{target}[ "][^>]* hidden>', html
        )
        assert re.search(rf'id="{target}"[^>]*lang="fr"', html), "read in French inside the English interface"
        assert '<script src="/static/portail/js/ecouter.js" defer></script>' in html
        assert 'media="print"' in html
    print_css = static_file("/static/portail/css/print.css").decode()
    assert ".site-header" in print_css and ".listen-button" in print_css and ".print-link" in print_css
