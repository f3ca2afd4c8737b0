from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from portail.cache import PublicResponseCacheMixin
from portail.navigation import site_sections
from portail.pages import OneQueryChildRouteMixin, OneQueryViewRestrictionsMixin
from portail.sanitise import SanitisedRichTextField

#: Rich-text features allowed to editors of site pages: plain structure, no raw HTML, no embeds.
SIMPLE_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


def default_contact_email():
    return settings.CONTACT_EMAIL


class SectionIndexPage(OneQueryViewRestrictionsMixin, Page):
    """The entry page of one of the site's three parts, introduced on the home page by its ``introduction``."""

    introduction = models.TextField(
        _("introduction"),
        max_length=400,
        help_text=_("Deux ou trois phrases simples, montrées sur la page d'accueil et en haut de la page."),
    )
    body = SanitisedRichTextField(_("texte"), blank=True, features=SIMPLE_RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["portail.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class HomePage(PublicResponseCacheMixin, OneQueryChildRouteMixin, OneQueryViewRestrictionsMixin, Page):
    """The site's home: says what the platform is and leads to its three parts (its children).

    The same for every anonymous reader: kept whole until a page changes (its sections are pages).
    """

    introduction = models.TextField(
        _("introduction"),
        help_text=_("Le message d'accueil, en phrases courtes et sans jargon."),
    )
    body = SanitisedRichTextField(_("texte"), blank=True, features=SIMPLE_RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["dictionnaire.DictionaryIndexPage", "fiches.ExperienceIndexPage", "boussole.BoussoleIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = site_sections(request)
        return context


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Who the public can write to, shown in every page's footer."""

    email = models.EmailField(_("adresse e-mail de contact"), default=default_contact_email)
    postal_address = models.TextField(_("adresse postale"), blank=True)

    class Meta:
        verbose_name = _("contact du site")


class TerritoryQuerySet(models.QuerySet):
    def covering(self, code_insee):
        """The territories that cover a commune (by its INSEE code): named in their communes or départements."""
        return self.filter(pk__in=[territory.pk for territory in self if territory.covers(code_insee)])


class Territory(models.Model):
    """A part of the network that keeps its own moderation: structures belong to it, moderators may be scoped to it.

    It is drawn with the reference lists the project ships (``boussole/data``): départements and/or communes.
    A moderator scoped to no territory is a national moderator.
    """

    name = models.CharField(_("nom"), max_length=100, unique=True)
    departements = models.CharField(
        _("départements"),
        max_length=200,
        blank=True,
        help_text=_("Codes des départements couverts, séparés par des points-virgules (« 59; 62 »)."),
    )
    communes = models.TextField(
        _("communes"),
        blank=True,
        help_text=_("Codes INSEE des communes couvertes, séparés par des points-virgules (« 59350; 59512 »)."),
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_territories",
        verbose_name=_("modérateurs du territoire"),
        help_text=_("Ils ne voient et ne valident que ce qui vient des structures de ce territoire."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_territories",
        verbose_name=_("coordinateurs du territoire"),
        help_text=_("Ils acceptent les structures qui demandent à participer sur ce territoire."),
    )

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def departement_codes(self):
        return {code.strip() for code in self.departements.split(";") if code.strip()}

    def commune_codes(self):
        return {code.strip() for code in self.communes.split(";") if code.strip()}

    def covers(self, code_insee):
        from boussole.referentials import departement_of

        code = (code_insee or "").strip()
        return bool(code) and (code in self.commune_codes() or departement_of(code) in self.departement_codes())


# The workflow task that scopes moderation to territories is a model of this app.
from portail.accounts.models import Invitation, JoinRequest  # noqa: E402, F401  (models of the app)
from portail.moderation import TerritoryApprovalTask  # noqa: E402, F401
