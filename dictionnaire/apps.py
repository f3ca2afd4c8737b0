from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DictionnaireConfig(AppConfig):
    name = "dictionnaire"
    verbose_name = _("Dictionnaire « Quand les enfants deviennent profs »")

    def ready(self):
        from dictionnaire import signals
        from dictionnaire.roles import ensure_roles
        from portail.moderation import scope_wagtail_task_emails

        signals.quiet_wagtail_emails_for_terms()
        scope_wagtail_task_emails()

        # After the last app's migrations, so that every permission and Wagtail's workflow tables exist.
        post_migrate.connect(_ensure_roles_once, dispatch_uid="dictionnaire_roles")
        self._ensure_roles = ensure_roles


def _ensure_roles_once(sender, app_config=None, using="default", plan=None, **kwargs):
    if app_config is None or app_config.label != "dictionnaire":
        return
    # Permissions of every app are created by their own post_migrate handler; make sure they exist first.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    from dictionnaire.roles import ensure_roles

    ensure_roles()
