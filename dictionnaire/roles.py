"""The dictionary's roles as Django groups, and the moderation workflow that terms go through.

Run after every migration (see ``apps.py``), so a new database always has them.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

MODERATORS = "Modérateurs du dictionnaire"
ACCOMPAGNATEURS = "Accompagnateurs"
WORKFLOW_NAME = "Relecture du dictionnaire"
TASK_NAME = "Relecture par un modérateur"

MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("dictionnaire", "term", "add_term"),
    ("dictionnaire", "term", "change_term"),
    ("dictionnaire", "term", "delete_term"),
    ("dictionnaire", "term", "publish_term"),
    ("dictionnaire", "term", "lock_term"),
    ("dictionnaire", "term", "unlock_term"),
    ("dictionnaire", "term", "view_term"),
    ("dictionnaire", "wordrequest", "change_wordrequest"),
    ("dictionnaire", "wordrequest", "view_wordrequest"),
    ("dictionnaire", "structure", "view_structure"),
]
#: Adults work in the public pages (their classes, workshops and drafts); they submit, never publish.
ACCOMPAGNATEUR_PERMISSIONS = [("dictionnaire", "term", "view_term")]


def _permissions(triples):
    found = []
    for app_label, model, codename in triples:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None and model == "admin":
            content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": "Can access Wagtail admin"}
            )
        elif permission is None and model == "term":
            # Wagtail adds publish/lock/unlock to snippets once their admin is loaded, which may be later.
            from dictionnaire.models import Term

            content_type = ContentType.objects.get_for_model(Term, for_concrete_model=False)
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.split('_')[0]} mot du dictionnaire"},
            )
        if permission is not None:
            found.append(permission)
    return found


def ensure_roles(**kwargs):
    """Create the groups, their permissions and the moderation workflow of terms. Changes nothing when present."""
    from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

    from dictionnaire.models import Term
    from portail.moderation import territory_task

    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.add(*_permissions(MODERATOR_PERMISSIONS))
    accompagnateurs, _created = Group.objects.get_or_create(name=ACCOMPAGNATEURS)
    accompagnateurs.permissions.add(*_permissions(ACCOMPAGNATEUR_PERMISSIONS))

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    # Each moderator approves what comes from their territories (all of it when they have none); a database made
    # before territories has its plain group task converted in place, with the submissions waiting on it.
    task = territory_task(TASK_NAME, [moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    content_type = ContentType.objects.get_for_model(Term, for_concrete_model=False)
    WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
    return moderators, accompagnateurs, workflow


def is_moderator(user):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=MODERATORS).exists() or user.has_perm("dictionnaire.publish_term")
    )


ROLE_LABELS = {MODERATORS: _("modérateur"), ACCOMPAGNATEURS: _("accompagnateur")}
