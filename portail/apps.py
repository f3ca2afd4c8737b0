from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PortailConfig(AppConfig):
    name = "portail"
    verbose_name = _("Portail")

    def ready(self):
        from portail import (
            navigation,  # noqa: F401  (connects the cache invalidation)
            uploads,  # noqa: F401  (strips the metadata of every new image)
        )
        from portail.cache import connect_signals
        from portail.security import twofactor  # noqa: F401  (every sign-in waits for the second factor if needed)

        connect_signals()

        from portail.autolink import connect_signals as connect_autolink_signals

        connect_autolink_signals()


class PortailUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with a user form whose roles say what they do (``portail.users``)."""

    user_viewset = "portail.users.UserViewSet"
