from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BoussoleConfig(AppConfig):
    name = "boussole"
    verbose_name = _("Boussole parentale")

    def ready(self):
        post_migrate.connect(_ensure_role, dispatch_uid="boussole_roles")


def _ensure_role(sender, app_config=None, using="default", **kwargs):
    if app_config is None or app_config.label != "boussole":
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    from boussole.roles import ensure_structure_admins

    ensure_structure_admins()
