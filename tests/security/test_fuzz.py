"""Property-based tests: random and malformed input to every public form and API endpoint.

Whatever is sent: never a 500; a refused form says why (an error message in the page); a post that is not
accepted (anything but a redirect) creates nothing. Examples are derandomized (same ones on every run) and few
per endpoint, to keep the suite fast.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from boussole.models import ErrorReport, Structure
from dictionnaire.models import Pupil, RequestSubmission, WordRequest
from fiches.models import ExperiencePage

EXAMPLES = 25
QUERY_EXAMPLES = 8
#: A number no database integer holds (SQLite and PostgreSQL stop at 2⁶³ − 1).
HUGE = "1" * 24
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: Any text, with control characters, NUL, very long strings, right-to-left and emoji.
text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.sampled_from(["", " ", "\x00", "%", "../../etc/passwd", "' OR 1=1 --", "-1", "1e309", "NaN", "ا" * 50]),
    # Numbers beyond the databases' integers, and digits that are not ASCII (str.isdigit() accepts them).
    st.sampled_from([HUGE, "-" + HUGE, "9" * 19, "²", "١٢", "0x10", "1_000", "+1", '"', "+"]),
    st.from_regex(r"\A[0-9]{19,30}\Z"),
)
#: A form post: the expected fields with random values (some missing), plus unexpected ones.
FORMS = {
    "word request": ("/dictionnaire/demander/", ["word", "context", "email", "website"]),
    "me too": ("/dictionnaire/demander/{request}/moi-aussi/", ["x"]),
    "workshop code": ("/dictionnaire/atelier/", ["code", "nickname", "website"]),
    "fiche proposal": (
        "/fiches/proposer/",
        ["title", "structure", "commune", "departement", "context", "description", "results", "email", "website"],
    ),
    "error report": ("/boussole/annuaire/{structure}/signaler/", ["message", "email", "website"]),
    "adult login": ("/dictionnaire/connexion/", ["username", "password"]),
}
#: Read-only endpoints: random query strings.
ENDPOINTS = {
    "site search": ("/recherche/", ["q", "page"]),
    "dictionary search": ("/dictionnaire/recherche/", ["q", "page", "categorie"]),
    "dictionary search API": ("/api/dictionnaire/recherche/", ["q", "limit", "langue"]),
    "dictionary index": ("/dictionnaire/", ["categorie", "lettre", "page"]),
    "request status": ("/dictionnaire/suivi/", ["code"]),
    "directory": (
        "/boussole/annuaire/",
        ["q", "thematique", "lieu", "commune", "lat", "lon", "public", "ouvert", "page"],
    ),
    "agenda": ("/boussole/agenda/", ["thematique", "lieu", "commune", "public", "archives", "page"]),
    "agenda iCal": ("/boussole/agenda.ics", ["thematique", "lieu", "commune", "public"]),
    "resources": ("/boussole/ressources/", ["thematique", "public"]),
    "orientation": ("/boussole/orientation/", ["etape", "reponse", "q1", "lieu", "commune"]),
    "communes API": ("/boussole/communes.json", ["q"]),
    "fiches index": ("/fiches/", ["q", "departement", "theme", "public", "page"]),
    "pages API": ("/api/v2/pages/", ["type", "fields", "limit", "offset", "order", "search", "child_of"]),
    "pages API filters": (
        "/api/v2/pages/",
        ["locale", "search", "search_operator", "descendant_of", "ancestor_of", "translation_of", "id", "slug"],
    ),
    "pages API detail": ("/api/v2/pages/1/", ["fields"]),
    "pages API find": ("/api/v2/pages/find/", ["html_path", "id"]),
    "fiches booklet": ("/fiches/livret/", ["fiche", "q", "departement", "theme", "public"]),
    "workshop code link": ("/dictionnaire/atelier/", ["code"]),
    "word request link": ("/dictionnaire/demander/", ["mot"]),
    "reading preferences": ("/preferences/", ["texte", "contraste", "next"]),
    "fiche proposal thanks": ("/fiches/proposer/", ["merci"]),
}


def payload(fields):
    return st.fixed_dictionaries({}, optional=dict.fromkeys([*fields, "inattendu"], text))


def counts():
    return (
        WordRequest.objects.count(),
        sum(WordRequest.objects.values_list("count", flat=True)),
        RequestSubmission.objects.count(),
        Pupil.objects.count(),
        ExperiencePage.objects.count(),
        ErrorReport.objects.count(),
    )


@pytest.fixture
def fuzz_site(site_pages, settings):
    settings.RATELIMIT_ENABLE = False
    structure = Structure.objects.create(
        source="fuzz", source_id="1", nom="Centre", date_maj=date.today(), verified_at=date.today(), live=True
    )
    word_request = WordRequest.objects.create(word="Cloud")
    return {"structure": structure.slug, "request": word_request.pk}


TRIED = {}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_public_forms_take_any_input(client, fuzz_site, name):
    url_template, fields = FORMS[name]
    url = url_template.format(**fuzz_site)

    @FUZZ
    @given(data=payload(fields))
    @example(data=dict.fromkeys(fields, "\x00"))
    def post(data):
        before = counts()
        response = client.post(url, data)
        TRIED[name] = TRIED.get(name, 0) + 1
        assert response.status_code < 500, (data, response.status_code)
        if response.status_code in (302, 303):
            return
        assert counts() == before, ("a refused post created something", data)
        html = response.content.decode()
        if response.status_code == 400 or 'aria-invalid="true"' in html:
            assert 'role="alert"' in html or "field-error" in html or "errorlist" in html, data

    post()
    assert TRIED[name] >= EXAMPLES - 5


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_public_endpoints_take_any_query(client, fuzz_site, name):
    url, fields = ENDPOINTS[name]

    @settings(FUZZ, max_examples=QUERY_EXAMPLES)
    @given(query=payload(fields))
    @example(query=dict.fromkeys(fields, "\x00"))
    @example(query=dict.fromkeys(fields, 'wifi" OR (box* AND -"'))  # full-text syntax, unbalanced
    @example(query=dict.fromkeys(fields, HUGE))
    @example(query=dict.fromkeys(fields, "²"))
    def get(query):
        response = client.get(url, query)
        TRIED[name] = TRIED.get(name, 0) + 1
        assert response.status_code < 500, (query, response.status_code)

    get()
    assert TRIED[name] >= QUERY_EXAMPLES
