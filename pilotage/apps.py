from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotageConfig(AppConfig):
    name = "pilotage"
    verbose_name = _("Pilotage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pilotage import builtin_jobs  # noqa: F401  (registers the site's periodic jobs)
