"""The role matrix with territory scopes: a moderator of the Littoral sees and approves what the Littoral's classes
send, never what a Lille class sends (not on the dashboard, not in the listing, not by typing the address); a
national moderator sees both."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState

from dictionnaire.roles import MODERATORS
from tests.security.moderation_network import make_network, refused, task_state_of, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(django_user_model):
    return make_network(django_user_model)


def test_the_dashboard_lists_only_the_moderators_territory(network):
    littoral = text(network["littoral"].get("/admin/"))
    assert "Capture d'écran" in littoral
    assert "Pièce jointe" not in littoral

    national = text(network["national"].get("/admin/"))
    assert "Capture d'écran" in national and "Pièce jointe" in national


def test_each_waiting_item_of_the_queue_names_its_territory(network):
    national = text(network["national"].get("/admin/"))
    assert "Territoire : Littoral Pas-de-Calais" in national and "Territoire : Métropole lilloise" in national
    littoral = text(network["littoral"].get("/admin/"))
    assert "Territoire : Littoral Pas-de-Calais" in littoral and "Métropole lilloise" not in littoral


def test_the_listing_of_words_shows_only_the_moderators_territory(network):
    url = reverse("wagtailsnippets_dictionnaire_term:list")
    littoral = text(network["littoral"].get(url))
    assert "Capture d'écran" in littoral and "Pièce jointe" not in littoral
    assert "Pièce jointe" in text(network["national"].get(url))


def test_a_littoral_moderator_cannot_open_or_approve_a_lille_submission_by_its_address(network):
    term, client = network["lille_term"], network["littoral"]
    edit = reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk])
    assert refused(client.get(edit))
    assert refused(client.post(edit, {"word": "Piraté", "short_definition": "Changé."}))

    task_state = task_state_of(term)
    approve = reverse("wagtailsnippets_dictionnaire_term:workflow_action", args=[term.pk, "approve", task_state.pk])
    assert refused(client.post(approve, {"comment": "ok"}))
    revision = term.latest_revision_id
    for name, args in [
        ("history", [term.pk]),
        ("workflow_preview", [term.pk, task_state.task_id]),
        ("revisions_compare", [term.pk, "live", revision]),
        ("revisions_view", [term.pk, revision]),
        ("delete", [term.pk]),
    ]:
        assert refused(client.get(reverse(f"wagtailsnippets_dictionnaire_term:{name}", args=args))), name
    term.refresh_from_db()
    task_state.refresh_from_db()
    assert not term.live and task_state.status == TaskState.STATUS_IN_PROGRESS
    assert term.latest_revision.as_object().word == "Pièce jointe"


def test_a_littoral_moderator_approves_a_littoral_submission(network):
    term, client = network["littoral_term"], network["littoral"]
    task_state = task_state_of(term)
    assert client.get(reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk])).status_code == 200
    approve = reverse("wagtailsnippets_dictionnaire_term:workflow_action", args=[term.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": "Très clair."}).status_code in (200, 302)
    term.refresh_from_db()
    assert term.live


def test_a_national_moderator_approves_a_lille_submission(network):
    term, client = network["lille_term"], network["national"]
    task_state = task_state_of(term)
    approve = reverse("wagtailsnippets_dictionnaire_term:workflow_action", args=[term.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    term.refresh_from_db()
    assert term.live


def test_the_workflow_task_narrows_the_waiting_items(network, django_user_model):
    littoral = django_user_model.objects.get(username="littoral")
    national = django_user_model.objects.get(username="national")
    waiting = {state.workflow_state.object_id for state in TaskState.objects.reviewable_by(littoral)}
    assert waiting == {str(network["littoral_term"].pk)}
    assert len(TaskState.objects.reviewable_by(national)) == 2
    task = task_state_of(network["lille_term"]).task.specific
    assert task.get_actions(network["lille_term"], littoral) == []
    assert task.get_actions(network["littoral_term"], littoral)


def test_a_database_made_before_territories_has_its_task_converted_with_the_waiting_items(network):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import GroupApprovalTask, Task

    from dictionnaire.roles import TASK_NAME, ensure_roles
    from portail.moderation import TerritoryApprovalTask

    task = TerritoryApprovalTask.objects.get(name=TASK_NAME)
    with connection.cursor() as cursor:  # as it was: a plain group approval task
        cursor.execute("DELETE FROM portail_territoryapprovaltask WHERE groupapprovaltask_ptr_id = %s", [task.pk])
    Task.objects.filter(pk=task.pk).update(content_type=ContentType.objects.get_for_model(GroupApprovalTask))
    assert type(Task.objects.get(pk=task.pk).specific) is GroupApprovalTask

    ensure_roles()

    converted = Task.objects.get(pk=task.pk).specific
    assert type(converted) is TerritoryApprovalTask and converted.groups.filter(name=MODERATORS).exists()
    assert task_state_of(network["lille_term"]).task_id == task.pk
    littoral = Group.objects.get(name=MODERATORS).user_set.get(username="littoral")
    assert converted.get_actions(network["lille_term"], littoral) == []


def sheet(code_insee, commune, name):
    from datetime import date

    from boussole.models import Structure as Sheet

    return Sheet.objects.create(
        source="test",
        source_id=code_insee,
        nom=name,
        date_maj=date.today(),
        code_insee=code_insee,
        commune=commune,
        code_postal=code_insee,
        live=True,
    )


def test_boussole_sheets_and_error_reports_follow_the_territories(network, django_user_model):
    from boussole.models import ErrorReport
    from boussole.roles import ensure_structure_admins

    ensure_structure_admins().user_set.add(*django_user_model.objects.filter(username__in=["littoral", "national"]))
    lille, boulogne = sheet("59350", "Lille", "Maison de Lille"), sheet("62160", "Boulogne-sur-Mer", "Maison du port")
    client = network["littoral"]

    listing = text(client.get(reverse("wagtailsnippets_boussole_structure:list")))
    assert "Maison du port" in listing and "Maison de Lille" not in listing
    assert refused(client.get(reverse("wagtailsnippets_boussole_structure:edit", args=[lille.pk])))
    assert client.get(reverse("wagtailsnippets_boussole_structure:edit", args=[boulogne.pk])).status_code == 200

    report = ErrorReport.objects.create(structure=lille, message="Le numéro a changé.")
    assert "littoral@example.org" not in report.recipients() and "national@example.org" in report.recipients()
    assert "littoral@example.org" in ErrorReport.objects.create(structure=boulogne, message="Fermé.").recipients()
    reports = text(client.get(reverse("wagtailsnippets_boussole_errorreport:list")))
    assert "Maison du port" in reports and "Maison de Lille" not in reports


def test_a_proposed_fiche_is_approved_by_the_moderators_of_its_departement(network, django_user_model, site_pages):
    from fiches.models import ExperiencePage
    from fiches.moderation import MODERATORS_GROUP, fiche_workflow
    from portail.demo import ensure_child_page

    Territory = type(network["lille_term"].classroom.structure.territory)
    Territory.objects.filter(name="Littoral Pas-de-Calais").update(departements="62")
    fiche_moderators = Group.objects.get(name=MODERATORS_GROUP)
    littoral = django_user_model.objects.get(username="littoral")
    national = django_user_model.objects.get(username="national")
    fiche_moderators.user_set.add(littoral, national)
    fiches = {}
    mail.outbox.clear()
    for departement in ("59", "62"):
        fiches[departement], _created = ensure_child_page(
            site_pages["fiches"],
            ExperiencePage,
            f"atelier-{departement}",
            title=f"Atelier {departement}",
            structure="Centre",
            departement=departement,
            body=[],
        )
        fiche_workflow(site_pages["fiches"]).start(fiches[departement], national)

    told = " ".join(m.subject + m.body for m in mail.outbox if "littoral@example.org" in m.to)
    assert "Atelier 62" in told and "Atelier 59" not in told, "Wagtail's e-mail goes to the territory's moderators"
    waiting = {state.workflow_state.object_id for state in TaskState.objects.reviewable_by(littoral)}
    assert str(fiches["62"].pk) in waiting and str(fiches["59"].pk) not in waiting
    task = fiche_workflow(site_pages["fiches"]).tasks.first().specific
    assert task.get_actions(fiches["59"], littoral) == [] and task.get_actions(fiches["62"], littoral)
    assert refused(network["littoral"].get(reverse("wagtailadmin_pages:edit", args=[fiches["59"].pk])))
    assert len(TaskState.objects.reviewable_by(national).filter(workflow_state__object_id=str(fiches["59"].pk))) == 1


def test_a_territorial_moderator_still_opens_what_belongs_to_no_territory(network):
    from dictionnaire.models import WordRequest

    word_request = WordRequest.ask("Bluetooth").request
    url = reverse("wagtailsnippets_dictionnaire_wordrequest:edit", args=[word_request.pk])
    assert network["littoral"].get(url).status_code == 200


def test_the_page_explorer_shows_a_territorial_moderator_only_the_proposed_fiches_of_their_territory(
    network, django_user_model, site_pages
):
    from fiches.models import ExperiencePage
    from fiches.moderation import MODERATORS_GROUP, fiche_workflow
    from portail.demo import ensure_child_page

    Territory = type(network["lille_term"].classroom.structure.territory)
    Territory.objects.filter(name="Littoral Pas-de-Calais").update(departements="62")
    littoral = django_user_model.objects.get(username="littoral")
    national = django_user_model.objects.get(username="national")
    Group.objects.get(name=MODERATORS_GROUP).user_set.add(littoral, national)
    parent = site_pages["fiches"]
    for departement in ("59", "62"):
        proposed = ExperiencePage(
            title=f"Proposée {departement}", slug=f"proposee-{departement}", structure="Centre",
            departement=departement, body=[], live=False,
        )  # fmt: skip
        parent.add_child(instance=proposed)
        proposed.save_revision(user=national)
        fiche_workflow(parent).start(proposed, national)
    ensure_child_page(parent, ExperiencePage, "publiee-59", title="Publiée 59", structure="Centre",
                      departement="59", body=[])  # fmt: skip

    url = reverse("wagtailadmin_explore", args=[parent.pk])
    seen = text(network["littoral"].get(url))
    assert "Proposée 62" in seen and "Publiée 59" in seen
    assert "Proposée 59" not in seen
    searched = text(network["littoral"].get(url + "?q=Proposée"))
    assert "Proposée 62" in searched and "Proposée 59" not in searched
    every = text(network["national"].get(url))
    assert "Proposée 59" in every and "Proposée 62" in every and "Publiée 59" in every
