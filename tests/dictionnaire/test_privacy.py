"""Issue 17, children's personal data: nicknames of one word (or generated), drafts scanned in every field."""

import html

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from dictionnaire.models import Pupil, Term, Workshop
from dictionnaire.privacy import GENERATED, nickname_problem, scan_text, scan_values

DRAFT = {
    "word": "Mode avion",
    "category": "materiel",
    "short_definition": "Un bouton qui coupe les appels et internet.",
    "full_text": "On le trouve dans les réglages.",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("nickname", ["Marie Dupont", "Lucas Martin-Durand", "marie.dupont", "leo_2014", "a@b.fr"])
def test_a_full_name_or_an_identifier_is_refused_as_nickname(nickname):
    assert nickname_problem(nickname) is not None


@pytest.mark.parametrize("nickname", ["Inès", "Marie-Lou", "N'Golo", "Tigre", "Renard bleu", "loutre verte"])
def test_a_first_name_a_nickname_or_a_generated_one_is_accepted(nickname):
    assert nickname_problem(nickname) is None


def test_the_draft_scan_finds_what_the_issue_found_and_spares_ordinary_text():
    found = {
        kind
        for kind, _found, _name in scan_text(
            "Je m'appelle Marie Dupont, mon mail est marie.dupont@gmail.com, mon numéro 06 12 34 56 78, "
            "j'habite 3 rue des Lilas. Inès est ma copine.",
            nicknames=["Inès"],
        )
    }
    assert found == {"full_name", "email", "phone", "street", "nickname"}
    assert scan_text("+33 6 12 34 56 78 et 0612345678")[0][0] == "phone"
    ordinary = "Appelle le 3919 ou le 0 800 05 95 95. Il fait 12 degrés, en 2026. Le mode avion coupe tout."
    assert scan_text(ordinary, nicknames=["Léo"]) == []


def test_every_field_is_scanned():
    findings = scan_values({"usages": "Écris à papi@example.org", "full_definition": "<p>Au 12 avenue Foch</p>"})
    assert {(f.field, f.kind) for f in findings} == {("usages", "email"), ("full_definition", "street")}


@pytest.fixture
def adult(teacher):
    client = Client()
    client.force_login(teacher)
    return client


@pytest.fixture
def workshop(adult, classroom):
    adult.post(reverse("dictionnaire:workshop_open", args=[classroom.pk]))
    return Workshop.objects.get()


def test_joining_with_a_full_name_is_refused_kindly_and_nothing_is_stored(workshop):
    response = Client().post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Marie Dupont"})

    assert response.status_code == 200
    assert "Ton nom de famille reste secret" in text(response)
    assert not Pupil.objects.exists()


def test_a_pupil_may_join_with_a_generated_nickname(workshop):
    pupil = Client()
    response = pupil.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "", "surnom_au_hasard": "1"})

    assert response.status_code == 302
    nickname = Pupil.objects.get().nickname
    assert nickname.lower() in GENERATED and len(nickname.split()) == 2
    assert f"Bonjour {nickname}" in text(pupil.get("/dictionnaire/atelier/"))


def test_a_pupil_is_told_what_to_remove_and_nothing_is_saved(workshop, word_request):
    pupil = Client()
    pupil.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Inès"})
    pupil.post(reverse("dictionnaire:claim", args=[word_request.pk]))
    leaky = {**DRAFT, "danger": "Inès a donné son numéro 06 12 34 56 78 à un inconnu."}

    response = pupil.post(reverse("dictionnaire:draft_new", args=[word_request.pk]), leaky)

    assert response.status_code == 200
    page = text(response)
    # one sentence for « une adresse », « un numéro », « un prénom »…: no « Enlève-le » for a feminine word
    assert "Enlève ces informations, s'il te plaît" in page and "Enlève-le" not in page
    assert "un numéro de téléphone" in page and "« Inès »" in page
    assert "Inès a donné son numéro" in page, "the text stays in the form"
    assert not Term.objects.exists()


def test_the_adult_cannot_send_a_draft_with_personal_data_until_it_is_gone(adult, classroom, word_request):
    word_request.claim(classroom)
    new = reverse("dictionnaire:draft_new", args=[word_request.pk]) + f"?classe={classroom.pk}"
    response = adult.post(new, {**DRAFT, "cool": "Écris-moi : lea@example.org"}, follow=True)
    assert "Attention : ce brouillon contient une adresse e-mail" in text(response)
    term = Term.objects.get()
    submit = reverse("dictionnaire:submit", args=[classroom.pk, term.pk])
    preview = reverse("dictionnaire:draft_preview", args=[term.pk]) + f"?classe={classroom.pk}"
    assert submit not in text(adult.get(preview))

    response = adult.post(submit, follow=True)

    assert "retirez-le avant de l'envoyer" in text(response)
    term.refresh_from_db()
    assert not term.workflow_in_progress

    edit = reverse("dictionnaire:draft_edit", args=[term.pk])
    base = adult.get(edit + f"?classe={classroom.pk}").context["form"]["base_revision"].value()
    adult.post(edit, {**DRAFT, "cool": "On peut écrire à sa famille.", "base_revision": base, "classe": classroom.pk})
    adult.post(submit)
    term.refresh_from_db()
    assert term.workflow_in_progress


def test_moderators_see_a_warning_and_a_readability_score_in_the_listing(adult, classroom, word_request, moderator):
    word_request.claim(classroom)
    new = reverse("dictionnaire:draft_new", args=[word_request.pk]) + f"?classe={classroom.pk}"
    adult.post(new, {**DRAFT, "cool": "Mon numéro : 07 11 22 33 44."})
    admin = Client()
    admin.force_login(moderator)

    page = text(admin.get("/admin/snippets/dictionnaire/term/"))

    assert "Données personnelles" in page and "07 11 22 33 44" in page
    assert "Lisibilité" in page and "/100" in page
