"""Moderation e-mails: the project's own, in plain French, one per submission to each moderator of the word's
territory; one e-mail (not two) to the adult when changes are requested; the moderator who asked is told when the
word comes back, with what changed since their comment."""

import pytest
from django.core import mail
from django.urls import reverse

from dictionnaire.models import Term
from tests.security.moderation_network import make_network, task_state_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(django_user_model):
    return make_network(django_user_model)


def messages_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_each_moderator_of_the_territory_gets_one_plain_french_email_per_submission(network):
    term = network["littoral_term"]
    littoral = messages_to("littoral@example.org")
    national = messages_to("national@example.org")

    assert len(littoral) == 1, [m.subject for m in littoral]
    assert len(national) == 2, "a national moderator hears of both words, once each"
    message = littoral[0]
    assert message.subject == "Un mot à vérifier : « Capture d'écran »"
    assert "La classe « CM2 Boulogne » (Centre de Boulogne) a envoyé le mot « Capture d'écran »" in message.body
    edit = reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk])
    assert f"http://testserver{edit}" in message.body
    everything = " ".join(m.subject + m.body for m in mail.outbox)
    assert "Pièce jointe" not in " ".join(m.subject + m.body for m in littoral)
    assert "soumis" not in everything and "submitted" not in everything.lower(), "no Wagtail generic e-mail"


def test_the_adult_gets_exactly_one_email_when_changes_are_requested(network, django_user_model):
    term = network["littoral_term"]
    adult = term.classroom.adult
    mail.outbox.clear()

    task_state_of(term).specific.reject(
        user=django_user_model.objects.get(username="littoral"), comment="Dites où trouver les touches."
    )

    received = messages_to(adult.email)
    assert len(received) == 1, [m.subject for m in received]
    assert "retravailler" in received[0].subject and "Dites où trouver les touches." in received[0].body
    assert not any("rejet" in m.subject.lower() for m in mail.outbox)


def test_the_moderator_who_asked_is_told_when_the_word_comes_back(network, django_user_model):
    term = network["littoral_term"]
    moderator = django_user_model.objects.get(username="littoral")
    first = task_state_of(term)
    first.specific.reject(user=moderator, comment="Dites où trouver les touches.")
    draft = Term.objects.get(pk=term.pk).get_latest_revision_as_object()
    draft.short_definition = "On appuie en même temps sur Marche et Volume bas."
    revision = draft.save_revision(user=term.classroom.adult)
    mail.outbox.clear()

    term.current_workflow_state.resume(term.classroom.adult)

    received = messages_to("littoral@example.org")
    assert len(received) == 1
    assert received[0].subject == "« Capture d'écran » revient après votre demande de modifications"
    assert "« Dites où trouver les touches. »" in received[0].body
    compare = reverse(
        "wagtailsnippets_dictionnaire_term:revisions_compare", args=[term.pk, first.revision_id, revision.pk]
    )
    assert f"http://testserver{compare}" in received[0].body
    assert len(messages_to("national@example.org")) == 1, "the others get the plain « un mot à vérifier »"
