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
    assert response["Location"] == URL + "?merci=1"
    assert "Merci" in client.get(response["Location"]).content.decode()
    draft = ExperiencePage.objects.get(title="Atelier tablettes au club des aînés")
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
