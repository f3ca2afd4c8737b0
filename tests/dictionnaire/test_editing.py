"""Improving a definition: the published version stays online, two editors never lose work, history and revert."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from dictionnaire.models import Term, Workshop

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


def form_data(term, **changes):
    data = {
        "word": term.word,
        "category": term.category,
        "short_definition": term.short_definition,
        "full_text": "",
        "definition_synonyms": term.definition_synonyms,
        "usages": term.usages,
        "danger": term.danger,
        "cool": term.cool,
        "base_revision": term.latest_revision_id,
    }
    data.update(changes)
    return data


@pytest.fixture
def pupil(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)
    client = Client()
    client.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Léo"})
    return client


def test_an_improvement_waits_while_the_published_version_stays_online(pupil, published_term):
    response = pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        form_data(published_term, short_definition="Internet sans fil, partout dans la maison."),
    )

    assert response.status_code == 302
    published_term.refresh_from_db()
    assert published_term.short_definition == "Internet sans fil dans la maison."
    assert published_term.has_unpublished_changes
    assert "Internet sans fil dans la maison." in text(Client().get("/dictionnaire/wi-fi/"))
    latest = published_term.get_latest_revision_as_object()
    assert latest.short_definition == "Internet sans fil, partout dans la maison."


def test_the_second_save_is_refused_and_both_texts_are_shown(pupil, teacher, classroom, published_term):
    base = published_term.latest_revision_id
    adult = Client()
    adult.force_login(teacher)
    response = adult.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]) + f"?classe={classroom.pk}",
        form_data(published_term, danger="Version de l'adulte.", base_revision=base),
    )
    assert response.status_code == 302, text(response)[-3000:]

    response = pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        form_data(published_term, danger="Version de l'élève, à ne pas perdre.", base_revision=base),
    )

    assert response.status_code == 409
    page = text(response)
    assert "Quelqu'un a enregistré ce mot pendant que tu écrivais" in page  # a pupil: « tu » (issue 17)
    assert "Version de l'adulte." in page, "the other person's text is shown"
    assert "Version de l'élève, à ne pas perdre." in page, "what the pupil typed stays in the form"
    assert Term.objects.get(pk=published_term.pk).get_latest_revision_as_object().danger == "Version de l'adulte."
    # Saving again from the conflict page (which carries the new base) works.
    newer = Term.objects.get(pk=published_term.pk).latest_revision_id
    response = pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        form_data(published_term, danger="Version fusionnée.", base_revision=newer),
    )
    assert response.status_code == 302
    assert Term.objects.get(pk=published_term.pk).get_latest_revision_as_object().danger == "Version fusionnée."


def test_a_definition_in_moderation_cannot_be_changed_in_the_workshop(pupil, teacher, classroom, published_term):
    pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        form_data(published_term, cool="Encore plus cool."),
    )
    published_term.refresh_from_db()
    published_term.get_workflow().start(published_term, teacher)

    response = pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        form_data(published_term, cool="Changement pendant la relecture."),
    )

    assert response.status_code == 409
    assert "en relecture" in text(response)
    assert "Changement pendant la relecture." in text(response)


def test_workshop_text_is_sanitised(pupil, published_term):
    pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        form_data(published_term, full_text='<script>alert("x")</script> **gras** https://exemple.fr'),
    )

    latest = Term.objects.get(pk=published_term.pk).get_latest_revision_as_object()
    assert "<script>" not in latest.full_definition
    assert "&lt;script&gt;" in latest.full_definition, "typed markup is shown as text, never run"
    assert "<b>gras</b>" in latest.full_definition
    assert '<a href="https://exemple.fr"' in latest.full_definition


def test_stored_html_is_sanitised_again_when_shown(dictionary_index, published_term):
    Term.objects.filter(pk=published_term.pk).update(full_definition='<p>ok</p><script>alert("x")</script>')

    page = Client().get("/dictionnaire/wi-fi/").content.decode()

    assert "<p>ok</p>" in page
    assert "<script>alert" not in page


def test_moderators_see_history_compare_two_revisions_and_revert(moderator, published_term):
    first = published_term.latest_revision
    published_term.short_definition = "Deuxième version."
    published_term.save_revision().publish()
    second = Term.objects.get(pk=published_term.pk).latest_revision
    admin = Client()
    admin.force_login(moderator)

    history = admin.get(reverse("wagtailsnippets_dictionnaire_term:history", args=[published_term.pk]))
    assert history.status_code == 200
    compare = admin.get(
        reverse(
            "wagtailsnippets_dictionnaire_term:revisions_compare",
            args=[published_term.pk, first.pk, second.pk],
        )
    )
    assert compare.status_code == 200
    body = text(compare)
    assert "Internet sans fil dans la maison." in body and "Deuxième version." in body

    revert = admin.get(
        reverse("wagtailsnippets_dictionnaire_term:revisions_revert", args=[published_term.pk, first.pk])
    )
    assert revert.status_code == 200
    assert "Internet sans fil dans la maison." in text(revert)


def test_the_preview_shows_the_waiting_version_not_the_published_one(moderator, published_term):
    from django.test import RequestFactory

    published_term.short_definition = "Une version qui attend la relecture."
    published_term.save_revision()
    request = RequestFactory().get("/")
    request.user = moderator

    latest = Term.objects.get(pk=published_term.pk).get_latest_revision_as_object()
    response = latest.serve_preview(request, latest.default_preview_mode)

    page = text(response.render() if hasattr(response, "render") else response)
    assert "Une version qui attend la relecture." in page
    assert "Aperçu : cette version n'est pas publiée." in page
    assert "Internet sans fil dans la maison." in text(Client().get("/dictionnaire/wi-fi/"))


def test_moderators_edit_terms_in_the_admin_with_a_lock(moderator, published_term):
    admin = Client()
    admin.force_login(moderator)

    assert admin.get(reverse("wagtailsnippets_dictionnaire_term:list")).status_code == 200
    assert admin.get(reverse("wagtailsnippets_dictionnaire_term:edit", args=[published_term.pk])).status_code == 200
    admin.post(reverse("wagtailsnippets_dictionnaire_term:lock", args=[published_term.pk]))
    published_term.refresh_from_db()
    assert published_term.locked and published_term.locked_by == moderator
