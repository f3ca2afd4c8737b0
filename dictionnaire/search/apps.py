from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DictionarySearchConfig(AppConfig):
    """The dictionary's forgiving search: index, backends, search page, API and the log of unanswered searches."""

    name = "dictionnaire.search"
    label = "dictionnaire_search"
    verbose_name = _("recherche du dictionnaire")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
