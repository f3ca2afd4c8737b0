from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortailConfig(AppConfig):
    name = "portail"
    verbose_name = _("Portail")

    def ready(self):
        from portail import (
            navigation,  # noqa: F401  (connects the cache invalidation)
            uploads,  # noqa: F401  (strips the metadata of every new image)
        )
        from portail.accounts import signals  # noqa: F401  (structure administrators reach the admin)
        from portail.autolink import connect_signals as connect_autolink_signals
        from portail.cache import connect_signals
        from portail.security import twofactor  # noqa: F401  (every sign-in waits for the second factor if needed)

        connect_signals()
        connect_autolink_signals()
