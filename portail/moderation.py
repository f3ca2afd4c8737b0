"""Moderation by territory, on Wagtail's own workflow mechanisms.

A moderator scoped to territories (``Territory.moderators``) sees, is notified of and may approve only what comes
from those territories; a moderator scoped to none is national and sees all. What an item's territory is:

- a dictionary term: the territory of the structure of the class that wrote it (``term.classroom.structure``);
- a Boussole sheet (and an error report about it): the territories covering its commune (``Territory.covers``);
- a fiche: the territories covering its département.

:class:`TerritoryApprovalTask` is the workflow task that narrows Wagtail's group approval to those moderators: the
dashboard's waiting items (``get_task_states_user_can_moderate``), the approve/request-changes actions
(``get_actions``) and the editor (``user_can_access_editor``, ``locked_for_user``) all follow it.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

_CACHE = "_moderated_territory_ids"


def moderator_territory_ids(user):
    """The ids of the territories ``user`` moderates, or None for a national moderator (or a superuser)."""
    if user.is_superuser or not user.is_authenticated:
        return None
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, frozenset(user.moderated_territories.values_list("pk", flat=True)))
    return getattr(user, _CACHE) or None


def _territories(ids):
    from portail.models import Territory

    return list(Territory.objects.filter(pk__in=ids))


def _place_q(territories, code_field="code_insee", departement_field="departement"):
    """Items whose commune or département lies in one of ``territories``."""
    query = models.Q(pk__in=[])
    for territory in territories:
        if territory.commune_codes() and code_field:
            query |= models.Q(**{f"{code_field}__in": sorted(territory.commune_codes())})
        if territory.departement_codes():
            query |= models.Q(**{f"{departement_field}__in": sorted(territory.departement_codes())})
    return query


def _scopes():
    """For each moderated model: (the filter of its rows in territories ``ids``, the territory ids of one row)."""
    from boussole.models import ErrorReport
    from boussole.models import Structure as Sheet
    from dictionnaire.models import Term
    from fiches.models import ExperiencePage
    from portail.models import Territory

    def covering(code):
        return {territory.pk for territory in Territory.objects.all() if territory.covers(code)}

    def departement_covering(code):
        return {territory.pk for territory in Territory.objects.all() if code in territory.departement_codes()}

    def term_territory(term):
        classroom = term.classroom
        territory_id = classroom.structure.territory_id if classroom else None
        return {territory_id} if territory_id else set()

    return {
        Term: (lambda ids: models.Q(classroom__structure__territory__in=ids), term_territory),
        Sheet: (lambda ids: _place_q(_territories(ids)), lambda sheet: covering(sheet.code_insee)),
        ErrorReport: (
            lambda ids: _place_q(_territories(ids), "structure__code_insee", "structure__departement"),
            lambda report: covering(report.structure.code_insee),
        ),
        ExperiencePage: (
            lambda ids: _place_q(_territories(ids), None),
            lambda page: departement_covering(page.departement),
        ),
    }


def _scope_of(model):
    for scoped_model, scope in _scopes().items():
        if issubclass(model, scoped_model):
            return scoped_model, scope
    return None, None


def object_territory_ids(obj):
    """The territories an item comes from (empty: only national moderators see it)."""
    _model, scope = _scope_of(type(obj))
    return scope[1](obj) if scope else set()


def in_scope(user, obj):
    """May ``user``'s moderation cover ``obj``? National moderators: always; territorial ones: their territories."""
    ids = moderator_territory_ids(user)
    if ids is None or _scope_of(type(obj))[1] is None:
        return True  # a national moderator, or something that belongs to no territory (a page of the site...)
    return bool(ids & object_territory_ids(obj))


def scope_queryset(queryset, user):
    """``queryset`` narrowed to the rows of ``user``'s territories (unchanged for national moderators)."""
    ids = moderator_territory_ids(user)
    _model, scope = _scope_of(queryset.model)
    if ids is None or scope is None:
        return queryset
    return queryset.filter(scope[0](ids))


def scope_task_states(task_states, user):
    """In-progress task states narrowed to the items of ``user``'s territories."""
    ids = moderator_territory_ids(user)
    if ids is None:
        return task_states
    query = models.Q(pk__in=[])
    for model, (territory_filter, _territory_of) in _scopes().items():
        object_ids = model._default_manager.filter(territory_filter(ids)).annotate(
            object_key=Cast("pk", models.CharField(max_length=255))
        )
        parents = model._meta.get_parent_list()  # workflow states name the base model (Page for pages)
        query |= models.Q(
            workflow_state__base_content_type=ContentType.objects.get_for_model(parents[-1] if parents else model),
            workflow_state__object_id__in=object_ids.values("object_key"),
        )
    return task_states.filter(query)


def scope_explorer_pages(pages, user):
    """The page explorer of a moderator scoped to territories: the proposed fiches (not live, waiting for
    moderation) of other territories are left out, unless they are the moderator's own; live pages all stay."""
    if moderator_territory_ids(user) is None:
        return pages
    from fiches.models import ExperiencePage

    proposed = ExperiencePage.objects.filter(live=False)
    theirs = scope_queryset(proposed, user).values("pk")
    return pages.exclude(pk__in=proposed.exclude(pk__in=theirs).exclude(owner=user).values("pk"))


class TerritoryScopedViewSetMixin:
    """For a snippet viewset: every view of one item (edit, history, preview, compare, workflow, delete...) refuses
    a moderator scoped to other territories, whatever address they type."""

    def get_queryset(self, request):
        return scope_queryset(self.model._default_manager.all(), request.user)

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @wraps(view)
        def scoped_view(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None and moderator_territory_ids(request.user) is not None:
                try:
                    obj = model._default_manager.filter(pk=unquote(str(pk))).first()
                except (ValueError, ValidationError):
                    obj = None  # not an id: the view answers its own 404
                if obj is not None and not in_scope(request.user, obj):
                    raise PermissionDenied
            return view(request, *args, **view_kwargs)

        return scoped_view


class TerritoryApprovalTask(GroupApprovalTask):
    """Approval by the chosen groups, each moderator for the territories they are scoped to (all if none)."""

    def may_moderate(self, obj, user):
        return user.is_superuser or (self._user_in_groups(user) and in_scope(user, obj))

    def user_can_access_editor(self, obj, user):
        return self.may_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not self.may_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return self._user_in_groups(user) and in_scope(user, obj)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self.may_moderate(obj, user) else []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states if user.is_superuser else scope_task_states(states, user)

    @classmethod
    def get_description(cls):
        return _("Les modérateurs des groupes choisis valident ce qui vient de leurs territoires (tout si aucun).")

    class Meta:
        verbose_name = _("validation par les modérateurs du territoire")
        verbose_name_plural = _("validations par les modérateurs du territoire")


def territory_task(name, groups):
    """The task ``name`` as a :class:`TerritoryApprovalTask`; an existing plain group task is converted in place,
    keeping its id so that the submissions already waiting go on under the narrowed rules."""
    task = TerritoryApprovalTask.objects.filter(name=name).first()
    if task is not None:
        return task
    plain = GroupApprovalTask.objects.filter(name=name).first()
    content_type = ContentType.objects.get_for_model(TerritoryApprovalTask)
    if plain is None:
        task = TerritoryApprovalTask.objects.create(name=name)
        task.groups.set(groups)
        return task
    task = TerritoryApprovalTask(
        groupapprovaltask_ptr_id=plain.pk, name=plain.name, active=plain.active, content_type=content_type
    )
    task.save_base(raw=True)  # the child row only: the task and its groups stay as they are
    GroupApprovalTask.objects.filter(pk=plain.pk).update(content_type=content_type)
    return TerritoryApprovalTask.objects.get(pk=plain.pk)


def scope_wagtail_task_emails():
    """Wagtail's « submitted for moderation » e-mail (still sent for fiches) reaches only the moderators who may
    act on the item: those of its territory and the national ones. Called once when the apps are ready."""
    from wagtail.admin.signal_handlers import task_submission_email_notifier as notifier

    recipients_of = notifier.get_recipient_users

    def get_recipient_users(task_state, **kwargs):
        task = task_state.task.specific
        users = recipients_of(task_state, **kwargs)
        if not isinstance(task, TerritoryApprovalTask):
            return users
        obj = task_state.workflow_state.content_object
        obj = obj.specific if hasattr(obj, "specific") else obj
        return [user for user in users if user.is_superuser or in_scope(user, obj)]

    notifier.get_recipient_users = get_recipient_users
