"""Who may write and publish fiches: structure editors propose, moderators publish, through a Wagtail workflow."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portail.moderation import territory_task

EDITORS_GROUP = "Rédacteurs des structures"
MODERATORS_GROUP = "Modérateurs des fiches"
WORKFLOW_NAME = "Modération des fiches d'expériences"
TASK_NAME = "Relecture par un modérateur des fiches"


def _group(name, page, permissions):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in permissions:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    root = Collection.get_first_root_node()
    for codename in ("add_image", "choose_image") if root else ():
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=Permission.objects.get(content_type__app_label="wagtailimages", codename=codename),
        )
    return group


@transaction.atomic
def ensure_moderation(index):
    """Groups, their rights on the fiches, and the workflow on the index page. Returns ``(workflow, created)``."""
    _group(EDITORS_GROUP, index, ["add_page", "change_page"])
    moderators = _group(MODERATORS_GROUP, index, ["add_page", "change_page", "publish_page"])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    # Fiches are approved by the moderators of their département's territories (all of them for national ones).
    task = territory_task(TASK_NAME, [moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow, created


def fiche_workflow(index):
    """The workflow that proposals made on the public form go into."""
    workflow_page = WorkflowPage.objects.filter(page=index, workflow__active=True).select_related("workflow").first()
    return workflow_page.workflow if workflow_page else None
