"""The moderator's 20 minutes: the dashboard's waiting items, oldest first, each with who sent it, how long it has
waited, its actions as visible buttons and, after a request for changes, what changed since the comment; and the
approval of several words at once from the listing (a Wagtail bulk action, each approval in its own history).

The waiting items are Wagtail's own (``TaskState.objects.reviewable_by``), so the territory scopes of
:class:`portail.moderation.TerritoryApprovalTask` apply to them.
"""

from django.utils import timezone
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import TaskState
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction


def _sender(obj, classrooms):
    """(class, structure) that sent ``obj``, as far as it is known."""
    classroom = classrooms.get(getattr(obj, "classroom_id", None))
    if classroom is not None:
        return classroom.pseudonym, classroom.structure.name
    structure = getattr(obj, "structure", None)  # a fiche names its structure
    if isinstance(structure, str):
        return "", structure
    name = getattr(obj, "nom", "")  # a Boussole sheet is its own structure
    return "", f"{name} ({obj.commune})" if name and getattr(obj, "commune", "") else name


def _territory_names(obj, classroom, territories):
    """The territories ``obj`` comes from, as in :mod:`portail.moderation`, from territories read once."""
    if classroom is not None:
        return [territory.name for territory in territories if territory.pk == classroom.structure.territory_id]
    if getattr(obj, "code_insee", ""):  # a Boussole sheet
        return [territory.name for territory in territories if territory.covers(obj.code_insee)]
    departement = getattr(obj, "departement", "")  # a fiche
    return [territory.name for territory in territories if departement and departement in territory.departement_codes()]


def _key(workflow_state):
    return workflow_state.base_content_type_id, workflow_state.object_id


def _last_comments(states):
    """For each waiting object, the last « Demander des modifications » with its comment (or None)."""
    keys = {_key(state["task_state"].workflow_state) for state in states}
    if not keys:
        return {}
    rejected = (
        TaskState.objects.filter(
            status=TaskState.STATUS_REJECTED,
            workflow_state__object_id__in={object_id for _ct, object_id in keys},
        )
        .select_related("workflow_state", "finished_by")
        .order_by("finished_at", "pk")
    )
    found = {}
    for state in rejected:
        if _key(state.workflow_state) in keys:
            found[_key(state.workflow_state)] = state
    return found


class ModerationQueuePanel(WorkflowObjectsToModeratePanel):
    """« En attente de votre vérification », made for a volunteer: oldest first, who sent it, buttons in sight."""

    template_name = "portail/home/moderation_queue.html"

    def get_context_data(self, parent_context):
        from dictionnaire.models import Classroom
        from portail.models import Territory

        context = super().get_context_data(parent_context)
        states = sorted(context["states"], key=lambda state: state["task_state"].started_at)
        classroom_ids = {getattr(state["obj"], "classroom_id", None) for state in states} - {None}
        classrooms = Classroom.objects.select_related("structure").in_bulk(classroom_ids) if classroom_ids else {}
        comments = _last_comments(states)
        territories = list(Territory.objects.all()) if states else []
        now = timezone.now()
        for state in states:
            task_state = state["task_state"]
            state["classroom"], state["structure"] = _sender(state["obj"], classrooms)
            classroom = classrooms.get(getattr(state["obj"], "classroom_id", None))
            state["territories"] = _territory_names(state["obj"], classroom, territories)
            state["waiting_days"] = (now - task_state.started_at).days
            comment = comments.get(_key(task_state.workflow_state))
            if comment is not None and comment.revision_id != task_state.revision_id:
                state["sent_back"] = comment
        context["states"] = states
        return context


class ApproveBulkAction(SnippetBulkAction):
    """Approve the selected words waiting for this moderator: each approval is recorded in the word's history."""

    display_name = _("Approuver")
    action_type = "approve"
    aria_label = _("Approuver les mots sélectionnés")
    template_name = "portail/bulk_actions/confirm_bulk_approve.html"
    action_priority = 10

    @classproperty
    def models(cls):
        from dictionnaire.models import Term

        return [Term]

    @staticmethod
    def waiting_task_state(obj, user):
        state = obj.current_workflow_task_state if obj.workflow_in_progress else None
        if state is None:
            return None
        actions = {name for name, _label, _modal in state.task.specific.get_actions(obj, user)}
        return state if "approve" in actions else None

    def check_perm(self, obj):
        return self.waiting_task_state(obj, self.request.user) is not None

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        user = user or kwargs["self"].request.user
        approved = 0
        for obj in objects:
            state = cls.waiting_task_state(obj, user)
            if state is not None:
                state.specific.approve(user=user, comment="")
                approved += 1
        return approved, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d mot approuvé.", "%(count)d mots approuvés.", num_parent_objects) % {
            "count": num_parent_objects
        }
