from django.utils.translation import gettext_lazy as _

from portail.models import SectionIndexPage


class BoussoleIndexPage(SectionIndexPage):
    """The boussole parentale's home at /boussole/."""

    class Meta:
        verbose_name = _("accueil de la boussole parentale")
