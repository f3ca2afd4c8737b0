from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoussoleConfig(AppConfig):
    name = "boussole"
    verbose_name = _("Boussole parentale")
