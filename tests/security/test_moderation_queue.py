"""The moderator with 20 minutes: the dashboard shows each waiting word with its class and structure, its age and
its actions as buttons, oldest first; several words are approved at once from the listing, each in its own
history; a word sent again after a request for changes shows what changed since the comment."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, TaskState

from dictionnaire.models import Term
from tests.security.moderation_network import make_network, task_state_of, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(django_user_model):
    return make_network(django_user_model)


def test_the_queue_shows_who_sent_each_word_its_age_and_its_buttons_oldest_first(network):
    older = task_state_of(network["littoral_term"])
    TaskState.objects.filter(pk=older.pk).update(started_at=timezone.now() - timedelta(days=3))

    response = network["national"].get("/admin/")
    page = response.content.decode()
    queue = text(response)

    assert "En attente de votre vérification" in queue
    assert queue.index("Capture d'écran") < queue.index("Pièce jointe"), "the oldest first"
    assert "la classe « CM2 Boulogne »" in queue and "Centre de Boulogne" in queue
    assert "la classe « CM2 Lille »" in queue and "Centre social de Lille" in queue
    assert re.search(r"3\s+jours", queue) and "aujourd'hui" in queue
    term = network["littoral_term"]
    for action in ("approve", "reject"):
        url = reverse("wagtailsnippets_dictionnaire_term:workflow_action", args=[term.pk, action, older.pk])
        assert f'data-workflow-action-url="{url}"' in page, f"{action} is a visible button"
    preview = reverse("wagtailsnippets_dictionnaire_term:workflow_preview", args=[term.pk, older.task_id])
    assert f'href="{preview}"' in page


def test_several_words_are_approved_at_once_each_in_its_own_history(network):
    terms = [network["lille_term"], network["littoral_term"]]
    url = reverse("wagtail_bulk_action", args=["dictionnaire", "term", "approve"])
    query = "&".join(f"id={term.pk}" for term in terms)
    listing = reverse("wagtailsnippets_dictionnaire_term:list")
    assert url in network["national"].get(listing).content.decode(), "« Approuver » among the listing's bulk actions"

    confirm = network["national"].get(f"{url}?{query}&next={listing}")
    assert confirm.status_code == 200 and "Approuver et publier ces 2 mots" in text(confirm)
    response = network["national"].post(f"{url}?{query}&next={listing}", {})

    assert response.status_code == 302
    for term in terms:
        term.refresh_from_db()
        assert term.live
        assert ModelLogEntry.objects.filter(object_id=str(term.pk), action="wagtail.workflow.approve").count() == 1


def test_a_territory_moderator_bulk_approves_only_their_territory(network):
    lille, littoral = network["lille_term"], network["littoral_term"]
    url = reverse("wagtail_bulk_action", args=["dictionnaire", "term", "approve"])
    network["littoral"].post(f"{url}?id={lille.pk}&id={littoral.pk}", {})

    assert Term.objects.get(pk=littoral.pk).live
    assert not Term.objects.get(pk=lille.pk).live
    assert task_state_of(lille).status == TaskState.STATUS_IN_PROGRESS


def test_a_word_sent_again_shows_what_changed_since_the_comment(network, django_user_model):
    term = network["littoral_term"]
    moderator = django_user_model.objects.get(username="littoral")
    first = task_state_of(term)
    first.specific.reject(user=moderator, comment="Dites où trouver la touche.")

    draft = Term.objects.get(pk=term.pk).get_latest_revision_as_object()
    draft.short_definition = "Une photo de l'écran : touches Marche et Volume en même temps."
    revision = draft.save_revision(user=term.classroom.adult)
    term.current_workflow_state.resume(term.classroom.adult)

    page = network["littoral"].get("/admin/").content.decode()
    assert "Dites où trouver la touche." in text(network["littoral"].get("/admin/"))
    compare = reverse(
        "wagtailsnippets_dictionnaire_term:revisions_compare", args=[term.pk, first.revision_id, revision.pk]
    )
    assert f'href="{compare}"' in page
