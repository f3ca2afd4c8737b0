from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DictionarySearchConfig(AppConfig):
    """The dictionary's forgiving search: index, backends, search page, API and the log of unanswered searches."""

    name = "dictionnaire.search"
    label = "dictionnaire_search"
    verbose_name = _("recherche du dictionnaire")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(grant_unanswered_searches, sender=self, dispatch_uid="dictionary-search-roles")


def grant_unanswered_searches(using="default", **kwargs):
    """Moderators and accompagnateurs see the « mots cherchés sans réponse » (their groups exist by now)."""
    from django.contrib.auth.models import Group, Permission

    from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS

    permission = (
        Permission.objects.using(using)
        .filter(content_type__app_label="dictionnaire_search", codename="view_unansweredsearch")
        .first()
    )
    if permission is None:
        return
    for group in Group.objects.using(using).filter(name__in=[MODERATORS, ACCOMPAGNATEURS, "Moderators"]):
        group.permissions.add(permission)
