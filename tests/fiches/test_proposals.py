"""Proposing a fiche: the public form makes a draft for moderation; structure editors go through the workflow."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import WorkflowState

from fiches.models import ExperiencePage
from fiches.moderation import EDITORS_GROUP, MODERATORS_GROUP, WORKFLOW_NAME

URL = "/fiches/proposer/"


def proposal(**changes):
    data = {
        "title": "Atelier tablettes au club des aînés",
        "structure": "Centre social des Trois Rivières",
        "commune": "Abbeville",
        "departement": "80",
        "context": "Les aînés du club voulaient voir les photos de leurs petits-enfants.",
        "description": "Chaque mardi, des collégiens <b>montrent</b> la tablette.<script>alert(1)</script>",
        "results": "",
        "email": "contact@trois-rivieres.example",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def test_the_page_explains_how_to_propose(client, index):
    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Proposer une expérience</h1>" in html
    assert "un modérateur relit votre texte" in html
    assert 'method="post"' in html
    assert 'href="/fiches/proposer/"' in client.get("/fiches/").content.decode()


def test_a_proposal_becomes_a_sanitised_draft_in_the_moderation_workflow(client, index):
    response = client.post(URL, proposal())

    assert response.status_code == 302
    draft = ExperiencePage.objects.get(title="Atelier tablettes au club des aînés")
    assert response["Location"] == URL + f"?merci=1&code={draft.tracking_code}"
    thanks = client.get(response["Location"]).content.decode()
    assert "Merci" in thanks and draft.tracking_code in thanks
    assert not draft.live
    assert [s["titre"] for s in draft.sections] == ["Contexte", "Description de l'action"]
    assert draft.sections[1]["texte"] == "Chaque mardi, des collégiens montrent la tablette.alert(1)"
    assert "contact@trois-rivieres.example" in draft.contact_persons
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert client.get("/fiches/").context["paginator"].count == 26
    found = client.get("/fiches/", {"q": "Atelier tablettes club"}).context["search"].results()
    assert draft.pk not in [page.pk for page in found]


def test_a_proposal_with_errors_keeps_what_was_written(client, index):
    response = client.post(URL, proposal(title="", email="pas-une-adresse"))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Certains champs sont à corriger" in html
    assert "Les aînés du club voulaient voir les photos" in html
    assert 'aria-describedby="id_title-erreur"' in html
    assert 'aria-describedby="id_email-erreur id_email-aide"' in html
    assert 'id="id_title-erreur"' in html
    assert not ExperiencePage.objects.filter(structure="Centre social des Trois Rivières").exists()


def test_the_honeypot_stops_robots(client, index):
    response = client.post(URL, proposal(website="http://spam.example"))

    assert response.status_code == 302  # a robot is thanked, and nothing is kept
    assert not ExperiencePage.objects.filter(structure="Centre social des Trois Rivières").exists()


def test_proposals_are_rate_limited(client, index):
    for number in range(5):
        assert client.post(URL, proposal(title=f"Atelier {number}")).status_code == 302

    response = client.post(URL, proposal(title="Atelier de trop"))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Réessayez dans une heure" in html
    assert "Atelier de trop" in html
    assert not ExperiencePage.objects.filter(title="Atelier de trop").exists()


def test_structure_editors_write_drafts_and_only_moderators_publish(index):
    users = get_user_model().objects
    editor = users.create_user("redactrice", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    moderator = users.create_user("moderateur", password="x")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    fiche = index.get_children().first().specific

    assert index.permissions_for_user(editor).can_add_subpage()
    assert fiche.permissions_for_user(editor).can_edit()
    assert not fiche.permissions_for_user(editor).can_publish()
    assert fiche.permissions_for_user(moderator).can_publish()
    assert fiche.get_workflow().name == WORKFLOW_NAME


def test_an_editor_submits_a_fiche_to_moderation_in_the_admin(client, index):
    editor = get_user_model().objects.create_user("redactrice", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)

    response = client.get(f"/admin/pages/add/fiches/experiencepage/{index.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Soumettre" in html or "Submit" in html
    assert 'name="action-publish"' not in html


def test_an_imported_fiche_opens_in_the_admin_editor(admin_client, index):
    fiche = index.get_children().get(slug="centres-sociaux-connectes")

    response = admin_client.get(f"/admin/pages/{fiche.pk}/edit/")

    assert response.status_code == 200
    assert "Quand les enfants deviennent profs" in response.content.decode()


def photo_file(name="atelier.jpg", content=None):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "orange").save(buffer, "JPEG")
        content = buffer.getvalue()
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_a_proposal_brings_its_themes_publics_and_photo_and_can_be_followed(client, index):
    form = client.get(URL).content.decode()
    assert 'name="themes" value="tablette"' in form and 'name="publics"' in form and 'type="file"' in form

    response = client.post(
        URL,
        proposal(themes=["tablette"], publics=["seniors"], photo=photo_file(), photo_consent="on"),
    )

    draft = ExperiencePage.objects.get(title="Atelier tablettes au club des aînés")
    assert response.status_code == 302
    assert [tag.slug for tag in draft.themes.all()] == ["tablette"]
    assert [tag.slug for tag in draft.publics.all()] == ["seniors"]
    assert [block.block_type for block in draft.body][-1] == "image"
    assert len(draft.tracking_code) == 8
    waiting = client.get("/fiches/suivi/", {"code": draft.tracking_code.lower()}).content.decode()
    assert "attend la relecture" in waiting
    assert client.get("/fiches/suivi/", {"code": "NOPE2345"}).status_code == 404


def test_a_photo_needs_the_consent_and_must_be_an_image(client, index):
    without_consent = client.post(URL, proposal(photo=photo_file()))
    not_an_image = client.post(URL, proposal(photo=photo_file("x.jpg", b"<?php echo 1; ?>"), photo_consent="on"))

    assert without_consent.status_code == 400 and "Cochez cette case" in without_consent.content.decode()
    assert not_an_image.status_code == 400
    assert not ExperiencePage.objects.filter(title="Atelier tablettes au club des aînés").exists()
