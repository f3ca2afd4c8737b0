from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DictionnaireConfig(AppConfig):
    name = "dictionnaire"
    verbose_name = _("Dictionnaire « Quand les enfants deviennent profs »")
