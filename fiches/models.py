from django.utils.translation import gettext_lazy as _

from portail.models import SectionIndexPage


class ExperienceIndexPage(SectionIndexPage):
    """The experience sheets' home at /fiches/."""

    class Meta:
        verbose_name = _("accueil des fiches d'expériences")
