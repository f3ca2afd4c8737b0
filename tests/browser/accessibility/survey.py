"""Every public page type and state of the site, reached as a visitor reaches it, and measured once per language.

Each state is visited once; on it the suites' probes run in turn (axe-core, skip link, focus rings, ARIA references,
then reflow at 640 and 320 CSS pixels by resizing the window), so that no page is loaded twice.
"""

from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError

from .probes import BROKEN_REFERENCES, DESKTOP, FOCUS, REFLOW, REFLOW_WIDTHS, SKIP_LINK, run_axe

#: URL prefix of each language checked: French at the root, Arabic (right to left) under /ar/.
FRENCH_AND_ARABIC = {"fr": "", "ar": "/ar"}


@dataclass
class Finding:
    state: str
    url: str = ""
    status: int = 0
    lang: str = ""
    dir: str = ""
    unreachable: str = ""
    axe: list = field(default_factory=list)
    skip_link: dict = field(default_factory=dict)
    focus: dict = field(default_factory=dict)
    broken_references: list = field(default_factory=list)
    reflow: dict = field(default_factory=dict)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def go(path, status=200):
    def visit(page, site, prefix):
        response = page.goto(site.url + prefix + path)
        expect(response.status == status, f"{path} answered {response.status}")

    return visit


def go_refused(path, status):
    """A page of the test URLconf ``tests.test_error_pages`` (the site's, plus a refused and a failing address),
    served by the live server while the test thread sets it."""

    def visit(page, site, prefix):
        from django.test.utils import override_settings

        with override_settings(ROOT_URLCONF="tests.test_error_pages"):
            response = page.goto(site.url + prefix + path)
        expect(response.status == status, f"{path} answered {response.status}")

    return visit


def expired_form(page, site, prefix):
    """A form sent with a security token that is no longer valid: the CSRF failure page."""
    page.goto(f"{site.url}{prefix}/dictionnaire/demander/")
    page.locator("main form[method=post] input[name=csrfmiddlewaretoken]").first.evaluate(
        "input => { input.value = 'x'.repeat(64) }"
    )
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post] button[type=submit]").first.click()
    expect(navigation.value.status == 403, f"the expired form answered {navigation.value.status}")


def dictionary_search(outcome, *queries):
    """The dictionary's search page in one of its three outcomes, with the first of ``queries`` that leads to it
    (search engines differ a little on near misses)."""

    def reached(page):
        results = page.locator(".dictionary-results li").count()
        suggestions = page.locator(".did-you-mean h2").count()
        if outcome == "results":
            return results > 0
        if outcome == "suggestions":
            return results == 0 and suggestions == 1
        return results == 0 and suggestions == 0

    def visit(page, site, prefix):
        for query in queries:
            page.goto(f"{site.url}{prefix}/dictionnaire/recherche/?q={query}")
            if reached(page):
                return
        raise AssertionError(f"no search among {queries} shows « {outcome} »")

    return visit


def submit_empty(path, errors_selector):
    def visit(page, site, prefix):
        page.goto(site.url + prefix + path)
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").first.click()
        expect(page.locator(errors_selector).count() > 0, f"no error shown on {path}")

    return visit


def submit_here(errors_selector):
    """Send the current page's form empty: the page with its error messages."""

    def visit(page, site, prefix):
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").first.click()
        expect(page.locator(errors_selector).count() > 0, f"no error shown on {page.url}")

    return visit


def follow_first(selector):
    """Open the first link of the current page that matches ``selector``."""

    def visit(page, site, prefix):
        link = page.locator(selector).first
        href = link.get_attribute("href")
        with page.expect_navigation():
            link.click()
        expect(page.url.endswith(href), f"{selector} did not lead to {href}")

    return visit


def me_too(page, site, prefix):
    """« Moi aussi » on the wanted word's page: it ends on the tracking page, with its code."""
    with page.expect_navigation():
        page.locator("section[aria-labelledby=moi-aussi] button[type=submit]").click()
    expect("/dictionnaire/suivi/" in page.url, "« Moi aussi » did not lead to a tracking page")


def join_workshop(page, site, prefix):
    page.goto(f"{site.url}{prefix}/dictionnaire/atelier/")
    page.locator("input[name=code]").fill(site.workshop_code)
    page.locator("input[name=nickname]").fill("Inès")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    expect(page.locator("#mots-demandes").count() == 1, "the workshop did not open")


def write_a_definition(page, site, prefix):
    with page.expect_navigation():
        page.locator("section[aria-labelledby=mots-demandes] form button").first.click()
    follow_first("section[aria-labelledby=nos-mots] li a")(page, site, prefix)
    expect(page.locator("textarea, input[name=short_definition]").count() > 0, "no definition form")


def fiches_with_facets(page, site, prefix):
    page.goto(f"{site.url}{prefix}/fiches/?departement=80")
    expect(page.locator(".facet input:checked").count() == 1, "the département facet is not ticked")
    expect(page.locator(".fiche-card").count() > 0, "no fiche in the Somme")


def annuaire(page, site, prefix):
    page.goto(f"{site.url}{prefix}/boussole/annuaire/?lieu=Lille")
    expect(page.locator("ol.cards > li").count() > 0, "no structure near Lille")
    if page.evaluate("Boolean(window.L)"):
        page.locator(".leaflet-marker-icon").first.wait_for()


def answer_first_choice(page, site, prefix):
    page.locator(".orientation input[type=radio]").first.check()
    with page.expect_navigation():
        page.locator(".orientation button[type=submit]").click()


def answer_place(page, site, prefix):
    page.locator("#orientation-lieu").fill("Tourcoing")
    with page.expect_navigation():
        page.locator(".orientation button[type=submit]").click()
    expect(page.locator("#res-structures").count() == 1, "the orientation did not end on its results")


STATES = [
    ("Accueil", go("/")),
    ("Dictionnaire : index A–Z", go("/dictionnaire/")),
    ("Dictionnaire : page d'un mot", go("/dictionnaire/wi-fi/")),
    ("Recherche : avec résultats", dictionary_search("results", "wifi")),
    ("Recherche : sans résultat", dictionary_search("none", "xyzabc")),
    (
        "Recherche : « Vouliez-vous dire »",
        dictionary_search("suggestions", "tablette graphique", "batterie externe", "ordinateur portable gamer"),
    ),
    ("Demander un mot : erreurs de saisie", submit_empty("/dictionnaire/demander/", ".form-errors")),
    ("Demander un mot : un mot attendu", follow_first(".waiting-list li a")),
    ("Moi aussi : code de suivi", me_too),
    ("Suivi d'une demande", go("/dictionnaire/suivi/")),
    ("Mon petit lexique (partagé)", go("/dictionnaire/lexique/?mots=wi-fi,qr-code&titre=Atelier")),
    ("Hors ligne", go("/hors-ligne/")),
    ("Atelier : rejoindre", go("/dictionnaire/atelier/")),
    ("Atelier : travail de la classe", join_workshop),
    ("Atelier : écrire une définition", write_a_definition),
    ("Fiches : index avec facettes", fiches_with_facets),
    ("Fiche d'expérience", follow_first(".fiche-card h2 a")),
    ("Fiches : proposer (erreurs de saisie)", submit_empty("/fiches/proposer/", ".field-error")),
    ("Fiches : suivre une proposition", go("/fiches/suivi/?code=INCONNU2", status=404)),
    ("Boussole : accueil", go("/boussole/")),
    ("Annuaire", annuaire),
    ("Annuaire : une structure", follow_first("ol.cards > li h2 a")),
    ("Être rappelé(e)", follow_first("#rappel a")),
    ("Être rappelé(e) : erreurs de saisie", submit_here(".errors")),
    ("Agenda", go("/boussole/agenda/")),
    ("Agenda : un événement", follow_first("ol.cards > li h2 a")),
    ("Orientation : question 1", go("/boussole/orientation/")),
    ("Orientation : question 2", answer_first_choice),
    ("Orientation : question 3 (lieu)", answer_first_choice),
    ("Orientation : résultats", answer_place),
    ("Glossaire", go("/boussole/glossaire/")),
    ("Glossaire : un mot", follow_first(".glossary dt a")),
    ("Ressources", go("/boussole/ressources/")),
    ("Données ouvertes", go("/boussole/donnees/")),
    ("Recherche dans tout le site", go("/recherche/?q=tablette")),
    ("Participer", go("/participer/")),
    ("Participer : erreurs de saisie", submit_empty("/participer/", ".form-errors")),
    ("Connexion des adultes", go("/dictionnaire/connexion/")),
    ("Mot de passe oublié", go("/compte/mot-de-passe-oublie/")),
    ("Invitation périmée", go("/compte/invitation/perimee/", status=404)),
    ("Page introuvable (404)", go("/cette-page-n-existe-pas/", status=404)),
    ("Accès refusé (403)", go_refused("/refus/", 403)),
    ("Formulaire expiré (403 CSRF)", expired_form),
    ("Erreur du serveur (500)", go_refused("/panne/", 500)),
]

#: States drawn without the database (no navigation, no footer): fewer elements to focus than the others.
MINIMAL_STATES = {"Erreur du serveur (500)"}

#: The refusal pages alone (tests/browser/accessibility/test_error_pages.py measures them without the whole survey).
ERROR_STATES = [state for state in STATES if "(40" in state[0] or "(500)" in state[0]]


def measure(page, finding):
    finding.url = page.url
    finding.lang = page.locator("html").get_attribute("lang") or ""
    finding.dir = page.locator("html").get_attribute("dir") or ""
    finding.axe = run_axe(page)
    page.keyboard.press("Tab")
    finding.skip_link = page.evaluate(SKIP_LINK)
    finding.focus = page.evaluate(FOCUS)
    finding.broken_references = page.evaluate(BROKEN_REFERENCES)
    for label, width in REFLOW_WIDTHS.items():
        page.set_viewport_size({"width": width, "height": DESKTOP["height"]})
        finding.reflow[label] = page.evaluate(REFLOW)
    page.set_viewport_size(DESKTOP)


def survey_site(browser, site, language):
    """Visits every state of :data:`STATES` in ``language`` and returns their :class:`Finding` in order."""
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    findings = []
    try:
        for state, visit in STATES:
            finding = Finding(state)
            try:
                visit(page, site, FRENCH_AND_ARABIC[language])
                measure(page, finding)
            except (AssertionError, PlaywrightError) as error:
                finding.unreachable = f"{error}".splitlines()[0]
            findings.append(finding)
    finally:
        context.close()
    return findings


def report(findings, problems_of):
    """One line per state with its problems, for an assertion message that lists them all."""
    lines = []
    for finding in findings:
        problems = [f"unreachable: {finding.unreachable}"] if finding.unreachable else problems_of(finding)
        if problems:
            lines.append(f"{finding.state} ({finding.url or '?'}):")
            lines.extend(f"    {problem}" for problem in problems)
    return "\n".join(lines)
