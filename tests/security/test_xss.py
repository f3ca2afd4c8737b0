"""XSS: a corpus of payloads through every writable text field and every public form; nothing comes out runnable.

Three layers, cheapest first:

1. every payload through every cleaning and rendering helper of the site (bleach policy, the workshop's writing
   convention, the fiches' plain-text paragraphs, address filter);
2. every writable text field of every model shown on a public page: the payloads are packed into the fields of a
   few objects saved in the test's transaction, and each object's public page is rendered once and parsed;
3. a sample of payloads posted through each public form (the page that answers is parsed too: a form that echoes
   what was typed must escape it), then the public page the post leads to.
"""

from datetime import date, timedelta
from math import ceil

import pytest
from django.db import models
from django.template import Context, Template
from django.utils import timezone
from wagtail.fields import RichTextField

from boussole.models import (
    Event,
    GlossaryEntry,
    OrientationChoice,
    OrientationQuestion,
    Resource,
    Service,
    Structure,
    StructureClosure,
)
from dictionnaire.models import Category, Classroom, RequestSubmission, Term, WordRequest
from dictionnaire.models import Structure as DictionaryStructure
from dictionnaire.richtext import html_to_text, text_to_html
from dictionnaire.text import sanitise_html
from fiches.forms import plain_text
from fiches.models import ExperienceOrganisation, ExperiencePage
from fiches.templatetags.fiches_tags import paragraphs
from portail.models import HomePage
from portail.sanitise import clean_html, safe_url
from tests.security.htmlcheck import dangers

#: Objects made per model: each field holds ``len(payloads) / OBJECTS`` payloads, or as many as its length allows.
OBJECTS = 8

#: Text fields that no person writes (codes, identifiers, computed values) or that are never shown publicly.
NOT_WRITTEN = {
    Term: {"slug", "category", "image_alt"},  # image_alt: only shown with an image; covered by the same template
    Structure: {
        "source",
        "source_id",
        "slug",
        "siret",
        "code_insee",
        "code_postal",
        "departement",
        "telephone",
        "horaires_accueil",
        "courriel",
        "antenne",
    },  # fmt: skip
    Service: {
        "source",
        "source_id",
        "type",
        "frais",
        "code_insee",
        "code_postal",
        "departement",
        "telephone",
        "horaires_accueil",
        "courriel",
        "contact_nom_prenom",
        "structure",
    },  # fmt: skip
    Event: {"slug", "code_insee", "departement", "registration_phone"},
    Resource: {"kind"},
    GlossaryEntry: {"slug"},
    ExperiencePage: {
        "slug",
        "departement",
        "url_path",
        "draft_title",
        "live_revision",
        "locale",
        "translation_key",
        "content_type",
        "path",
        "seo_title",
        "search_description",
        "contact_persons",
        "latest_revision",
        "owner",
        "locked_by",
        "alias_of",
        "depth",
        "numchild",
    },  # fmt: skip
}
#: Addresses that pass Django's URL validation yet carry markup: for models validated on save (Wagtail pages).
VALID_TRICKY_URLS = ['https://exemple.fr/"><script>alert(1)</script>', "https://exemple.fr/?a=javascript:alert(1)&b='"]
#: What was tried, for the closing note: {(model, field): number of payloads}.
TRIED = {}


def text_fields(model):
    """The model's own writable text fields (char, text, rich text, URL, e-mail), less ``NOT_WRITTEN``."""
    skip = NOT_WRITTEN.get(model, set())
    names = []
    for field in model._meta.concrete_fields:
        if field.model is not model or not field.editable or field.choices or field.name in skip:
            continue
        if isinstance(field, models.CharField | models.TextField | RichTextField):
            names.append(field.name)
    return names


def pack(payloads, start, limit, count):
    """``count`` payloads from ``start`` (wrapping), as many as fit in ``limit`` characters, one a line."""
    chosen, size = [], 0
    for offset in range(count):
        payload = payloads[(start + offset) % len(payloads)]
        if size + len(payload) + 1 > limit:
            continue
        chosen.append(payload)
        size += len(payload) + 1
    return chosen


def fill(instance, names, payloads, number, urls):
    """Put payloads in every named field of ``instance``: text fields get a share of the corpus, URL fields a
    dangerous address. Records what was tried. (NUL characters cannot be stored by PostgreSQL; forms refuse them.)"""
    payloads = [payload.replace("\x00", "") for payload in payloads]
    share = ceil(len(payloads) / OBJECTS)
    for name in names:
        field = instance._meta.get_field(name)
        if isinstance(field, models.URLField):
            value = urls[number % len(urls)]
            chosen = [value]
        else:
            limit = field.max_length or 10_000
            chosen = pack(payloads, number * share, limit, share)
            value = "\n".join(chosen)
        setattr(instance, name, value)
        TRIED.setdefault((type(instance).__name__, name), set()).update(chosen)


def assert_safe(response, where):
    assert response.status_code == 200, (where, response.status_code)
    found = dangers(response.content.decode())
    assert not found, (where, found[:5])


@pytest.fixture(scope="module")
def dangerous_urls():
    """Addresses a URL field might be given by an import or the ORM, bypassing form validation."""
    from tests.security.htmlcheck import load_payloads

    urls = [p.strip() for p in load_payloads() if p.strip().lower().startswith(("javascript", "data:", "vbscript"))]
    return [*urls, "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x"]


# -- 1. helpers ------------------------------------------------------------------------------------------------


def test_every_payload_through_every_cleaning_helper(payloads):
    template = Template("{% load portail_html %}<p>{{ v }}</p><p>{{ v|linebreaksbr }}</p><p>{{ v|linebreaks }}</p>"
                        '<p>{{ v|rich_text }}</p><a href="{{ v|safe_url }}">x</a><p>{{ v|urlize }}</p>')  # fmt: skip
    helpers = {
        "clean_html (stored)": clean_html,
        "clean_html (shown)": lambda v: clean_html(v, shown=True),
        "definition": sanitise_html,
        "workshop text": text_to_html,
        "workshop text round trip": lambda v: text_to_html(html_to_text(sanitise_html(v))),
        "fiche paragraphs": paragraphs,
        "proposal plain text": lambda v: paragraphs(plain_text(v)),
        "templates": lambda v: template.render(Context({"v": v})),
    }
    for payload in payloads:
        for name, helper in helpers.items():
            found = dangers(helper(payload))
            assert not found, (name, payload, found)
        assert not safe_url(payload).lower().lstrip().startswith(("javascript", "data", "vbscript"))
    assert len(payloads) >= 200


def test_links_get_nofollow_noopener_and_harmless_rich_text_survives():
    html = clean_html('<p>Voir <a href="https://www.service-public.fr" rel="author" onclick="x()">ici</a></p>')
    assert html == '<p>Voir <a href="https://www.service-public.fr" rel="nofollow noopener">ici</a></p>'
    assert clean_html("<h2>Titre</h2><ul><li><b>un</b></li></ul>") == "<h2>Titre</h2><ul><li><b>un</b></li></ul>"
    assert clean_html('<a linktype="page" id="3">interne</a>') == '<a linktype="page" id="3">interne</a>'
    assert safe_url("https://exemple.fr/a?b=1") == "https://exemple.fr/a?b=1"
    assert safe_url("/boussole/") == "/boussole/" and safe_url("//evil.example/") == ""


# -- 2. every writable field, on its public page ---------------------------------------------------------------


def test_every_text_field_of_every_model_is_inert_on_its_public_page(client, site_pages, payloads, dangerous_urls):
    TRIED.clear()
    today = date.today()
    soon = timezone.now() + timedelta(days=3)
    pages = []
    home = HomePage.objects.get()
    for number in range(OBJECTS):
        school = DictionaryStructure(name=f"École {number}")
        fill(school, ["name", "city"], payloads, number, dangerous_urls)
        school.name = f"{number} {school.name}"[:150]
        school.save()
        classroom = Classroom(structure=school, level="CM2")
        fill(classroom, ["pseudonym"], payloads, number, dangerous_urls)
        classroom.save()
        term = Term(slug=f"xss-{number}", category=Category.INTERNET, live=True, classroom=classroom, credit_year=2026)
        fill(term, text_fields(Term), payloads, number, dangerous_urls)
        term.word = f"{number} {term.word}"[:80]  # unique
        term.save()
        pages.append((f"term {number}", term.url))

        word_request = WordRequest(key=f"xss{number}")
        fill(word_request, ["word"], payloads, number, dangerous_urls)
        word_request.save()
        submission = RequestSubmission(request=word_request, tracking_code=f"XSS{number:05d}")
        fill(submission, ["context"], payloads, number, dangerous_urls)
        submission.save()
        pages.append((f"request status {number}", f"/dictionnaire/suivi/{submission.tracking_code}/"))

        structure = Structure(source="xss", source_id=str(number), date_maj=today, live=True, verified_at=today)
        fill(structure, text_fields(Structure), payloads, number, dangerous_urls)
        structure.slug = f"xss-{number}"
        structure.save()
        closure = StructureClosure(structure=structure, start_date=today, end_date=today + timedelta(days=30))
        fill(closure, ["reason"], payloads, number, dangerous_urls)
        closure.save()
        service = Service(structure=structure, source="xss", source_id=str(number), date_maj=today, live=True)
        fill(service, text_fields(Service), payloads, number, dangerous_urls)
        service.save()
        pages.append((f"structure {number}", structure.get_absolute_url()))

        event = Event(start=soon, live=True, structure=structure, slug=f"xss-{number}")
        fill(event, text_fields(Event), payloads, number, dangerous_urls)
        event.save()
        pages.append((f"event {number}", event.get_absolute_url()))

        resource = Resource(live=True)
        fill(resource, text_fields(Resource), payloads, number, dangerous_urls)
        resource.save()

        entry = GlossaryEntry(live=True, slug=f"xss-{number}")
        fill(entry, text_fields(GlossaryEntry), payloads, number, dangerous_urls)
        entry.save()
        pages.append((f"glossary {number}", entry.get_absolute_url()))

        question = OrientationQuestion(sort_order=number)
        fill(question, ["question", "help_text"], payloads, number, dangerous_urls)
        question.save()
        choice = OrientationChoice(question=question)
        fill(choice, ["label"], payloads, number, dangerous_urls)
        choice.save()

        fiche = ExperiencePage(departement="59", slug=f"xss-{number}", show_contact_persons=True)
        fill(fiche, text_fields(ExperiencePage), payloads, number, VALID_TRICKY_URLS)  # pages are validated
        fiche.title = fiche.title[:255] or "x"
        texts = [payload.replace("\x00", "") for payload in pack(payloads, number * 23, 10_000, 23)]
        fiche.body = [
            {"type": "section", "value": {"kind": "context", "heading": texts[0][:120], "text": "\n".join(texts)}},
            {
                "type": "testimonials",
                "value": {"heading": texts[1][:120], "quotes": [{"quote": "\n".join(texts), "attribution": texts[2]}]},
            },  # fmt: skip
            {
                "type": "insert",
                "value": {
                    "heading": texts[3][:120],
                    "text": "\n".join(texts),
                    "page": None,
                    "link_text": texts[4][:120],
                },
            },  # fmt: skip
            {"type": "video", "value": {"url": VALID_TRICKY_URLS[number % 2], "title": texts[5][:200]}},
        ]
        TRIED.setdefault(("ExperiencePage", "body (sections, testimonials, inserts, video)"), set()).update(texts)
        fiche.organisations = [ExperienceOrganisation(name=texts[6][:255], address=texts[7][:255])]
        TRIED.setdefault(("ExperienceOrganisation", "name, address"), set()).update(texts[6:8])
        site_pages["fiches"].add_child(instance=fiche)
        pages.append((f"fiche {number}", fiche.url))

    # The home page's own texts: one version at a time, the page rendered after each.
    home_versions = []
    for number in range(OBJECTS):
        fill(home, ["introduction", "body"], payloads, number, dangerous_urls)
        home.save()
        home_versions.append(client.get("/"))
    for response in home_versions:
        assert_safe(response, "home")

    pages += [
        ("dictionary index", "/dictionnaire/"),
        ("request form and waiting words", "/dictionnaire/demander/"),
        ("resources", "/boussole/ressources/"),
        ("glossary", "/boussole/glossaire/"),
        ("agenda", "/boussole/agenda/"),
        ("directory", "/boussole/annuaire/"),
        ("orientation", "/boussole/orientation/"),
        ("fiches index", "/fiches/"),
    ]
    for where, url in pages:
        assert_safe(client.get(url), where)

    tried = {key: len(value) for key, value in TRIED.items()}
    long_fields = [key for key in tried if tried[key] >= len(payloads)]
    print(f"\nXSS fields: {len(tried)} fields, {sum(tried.values())} payload×field pairs, "
          f"{len(long_fields)} fields with the whole corpus")  # fmt: skip
    assert len(tried) >= 40


def test_every_model_field_list_is_complete():
    """A new text field on these models must be added to the XSS test (or to NOT_WRITTEN with a reason)."""
    for model in (Term, Structure, Service, Event, Resource, GlossaryEntry, ExperiencePage):
        assert text_fields(model), model


# -- 3. public forms over HTTP ---------------------------------------------------------------------------------


@pytest.fixture
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


def rotate(payloads, start, count):
    return [payloads[(start + offset) % len(payloads)] for offset in range(count)]


FORM_SAMPLE = 10


def test_public_forms_never_echo_a_payload_runnable(client, site_pages, payloads, no_rate_limits):
    from boussole.models import Structure as BoussoleStructure

    structure = BoussoleStructure.objects.create(
        source="xss", source_id="form", nom="Centre", date_maj=date.today(), live=True, verified_at=date.today()
    )
    step = len(payloads) // FORM_SAMPLE
    forms = {
        "/dictionnaire/demander/": ["word", "context", "email"],
        "/fiches/proposer/": ["title", "structure", "commune", "context", "description", "results", "email"],
        f"{structure.get_absolute_url()}signaler/": ["message", "email"],
        "/dictionnaire/atelier/": ["code", "nickname"],
        "/dictionnaire/connexion/": ["username", "password"],
    }
    posts = 0
    for url, fields in forms.items():
        for sample in range(FORM_SAMPLE):
            values = rotate(payloads, sample * step, len(fields))
            data = dict(zip(fields, values, strict=True))
            data.setdefault("departement", "59")
            response = client.post(url, data)
            posts += 1
            assert response.status_code in (200, 302, 400), (url, data, response.status_code)
            if response.status_code != 302:
                found = dangers(response.content.decode())
                assert not found, (url, data, found[:3])
        for search in ("/dictionnaire/recherche/", "/recherche/", "/boussole/annuaire/", "/boussole/agenda/"):
            for sample in range(2):
                assert_safe(client.get(search, {"q": payloads[sample * step], "lieu": payloads[sample]}), search)
    # what the accepted posts wrote, on the pages that show it
    for url in ("/dictionnaire/demander/", "/dictionnaire/", "/fiches/"):
        assert_safe(client.get(url), url)
    for code in RequestSubmission.objects.values_list("tracking_code", flat=True)[:10]:
        assert_safe(client.get(f"/dictionnaire/suivi/{code}/"), code)
    assert posts == FORM_SAMPLE * len(forms)


def test_workshop_drafts_with_payloads_stay_inert(client, site_pages, payloads, no_rate_limits, django_user_model):
    """A pupil writes every part of a definition with payloads; the class page and, once published, the term
    page show it inert."""
    from dictionnaire.models import Accompagnateur, Pupil, Workshop

    adult = django_user_model.objects.create_user("adulte-xss", "a@exemple.org", "un-mot-de-passe-long")
    school = DictionaryStructure.objects.create(name="École XSS")
    Accompagnateur.attach(adult, school)
    classroom = Classroom.objects.create(pseudonym="CM1 XSS", level="CM1", structure=school, adult=adult)
    workshop = Workshop.open(classroom, adult)
    pupil = Pupil.objects.create(workshop=workshop, nickname="Lina")
    session = client.session
    session["dictionnaire_atelier"] = {"pupil": pupil.pk, "workshop": workshop.pk}
    session.save()
    fields = ["word", "short_definition", "full_text", "definition_synonyms", "usages", "danger", "cool"]
    for sample in range(5):
        word_request = WordRequest.objects.create(word=f"mot{sample}")
        word_request.claim(classroom)
        values = dict(zip(fields, rotate(payloads, sample * 31, len(fields)), strict=True))
        values["word"] = f"mot{sample} {values['word']}"[:80]
        response = client.post(f"/dictionnaire/atelier/ecrire/{word_request.pk}/", {**values, "category": "internet"})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert not dangers(response.content.decode())
    assert_safe(client.get("/dictionnaire/atelier/"), "workshop")
    for term in Term.objects.filter(classroom=classroom):
        term.live = True
        term.save()
        assert_safe(client.get(term.url), term.word)
