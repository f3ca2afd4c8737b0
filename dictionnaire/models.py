from django.utils.translation import gettext_lazy as _

from portail.models import SectionIndexPage


class DictionaryIndexPage(SectionIndexPage):
    """« Quand les enfants deviennent profs »: the dictionary's home at /dictionnaire/."""

    class Meta:
        verbose_name = _("accueil du dictionnaire")
