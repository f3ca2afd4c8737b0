import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from fiches.blocks import ExperienceBodyBlock
from fiches.booklet import DEPARTEMENTS, sections_from_body
from fiches.exports import csv_response, json_response
from fiches.facets import FicheSearch
from fiches.feeds import LatestFichesAtomFeed, LatestFichesFeed
from fiches.pdf import MAX_FICHES_PER_BOOKLET, fiche_pdf
from portail.cache import PublicResponseCacheMixin, cached
from portail.models import SectionIndexPage
from portail.pages import OneQueryViewRestrictionsMixin, public

#: A fiche ticked for the booklet: a page id (ASCII digits, within the database's integers).
FICHE_NUMBER = re.compile(r"[0-9]{1,18}")

DEPARTEMENT_CHOICES = [(code, f"{name} ({code})") for code, name in DEPARTEMENTS.items()]


class ExperienceTheme(TagBase):
    """A theme of the shared vocabulary (« tablette », « démarches en ligne », …)."""

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["name"]


class ExperiencePublic(TagBase):
    """Who the action is for (« seniors », « jeunes », « aidants », …)."""

    class Meta:
        verbose_name = _("public")
        verbose_name_plural = _("publics")
        ordering = ["name"]


class ExperienceThemeItem(ItemBase):
    tag = models.ForeignKey(ExperienceTheme, on_delete=models.CASCADE, related_name="items")
    content_object = ParentalKey("fiches.ExperiencePage", on_delete=models.CASCADE, related_name="theme_items")


class ExperiencePublicItem(ItemBase):
    tag = models.ForeignKey(ExperiencePublic, on_delete=models.CASCADE, related_name="items")
    content_object = ParentalKey("fiches.ExperiencePage", on_delete=models.CASCADE, related_name="public_items")


def fiche_tags(fiches):
    """``{page_id: {"public": [tag, …], "theme": [tag, …]}}`` of these fiches (ids or a query of ids) in one query.

    Each list is in name order; a tag is an unsaved ``ExperiencePublic`` or ``ExperienceTheme`` with its slug
    and name.
    """
    columns = ("facet", "content_object_id", "tag__slug", "tag__name")
    themes = ExperienceThemeItem.objects.filter(content_object__in=fiches).annotate(
        facet=models.Value("theme", output_field=models.CharField())
    )
    publics = ExperiencePublicItem.objects.filter(content_object__in=fiches).annotate(
        facet=models.Value("public", output_field=models.CharField())
    )
    tags = {}
    rows = themes.values_list(*columns).union(publics.values_list(*columns), all=True)
    for facet, page_id, slug, name in sorted(rows, key=lambda row: row[3]):
        model = ExperienceTheme if facet == "theme" else ExperiencePublic
        tags.setdefault(page_id, {"public": [], "theme": []})[facet].append(model(slug=slug, name=name))
    return tags


class ExperienceOrganisation(Orderable):
    """An organisation to contact about the action (several fiches name several)."""

    page = ParentalKey("fiches.ExperiencePage", on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("structure"), max_length=255)
    address = models.CharField(_("adresse"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("address")]
    api_fields = [APIField("name"), APIField("address")]

    class Meta(Orderable.Meta):
        verbose_name = _("structure à contacter")
        verbose_name_plural = _("structures à contacter")


class ExperiencePage(OneQueryViewRestrictionsMixin, PublicResponseCacheMixin, RoutablePageMixin, Page):
    """An experience sheet (« fiche d'expérience »): what a structure did, how, and what came of it."""

    #: The fiche, the header and footer: its page (not its PDF) is kept whole until a fiche or a page changes.
    response_cache_areas = ("fiches", "pages", "dictionnaire")  # the dictionary: its words are linked

    structure = models.CharField(_("structure porteuse"), max_length=255)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    departement = models.CharField(_("département"), max_length=3, choices=DEPARTEMENT_CHOICES)
    period = models.CharField(_("période"), max_length=100, blank=True, help_text=_("Par exemple : depuis 2017."))
    publics = ClusterTaggableManager(
        through=ExperiencePublicItem, blank=True, verbose_name=_("publics"), related_name="experience_pages"
    )
    themes = ClusterTaggableManager(
        through=ExperienceThemeItem, blank=True, verbose_name=_("thèmes"), related_name="experience_pages"
    )
    partners = models.TextField(_("partenaires"), blank=True, help_text=_("Un partenaire par ligne."))
    body = StreamField(ExperienceBodyBlock(), verbose_name=_("contenu de la fiche"))

    contact_website = models.URLField(_("site web de la structure"), blank=True)
    contact_emails = models.TextField(_("e-mails de la structure"), blank=True, help_text=_("Un par ligne."))
    contact_phones = models.TextField(_("téléphones de la structure"), blank=True, help_text=_("Un par ligne."))
    contact_persons = models.TextField(
        _("personnes à contacter"),
        blank=True,
        help_text=_("Noms, rôles, e-mails et téléphones personnels : gardés, mais pas affichés sauf choix contraire."),
    )
    show_contact_persons = models.BooleanField(
        _("afficher les personnes à contacter"),
        default=False,
        help_text=_("Seulement avec l'accord des personnes."),
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("D'où vient le texte, s'il a été publié ailleurs.")
    )
    booklet_number = models.PositiveSmallIntegerField(_("numéro dans le livret 2019"), null=True, blank=True)
    link_defined_words = models.BooleanField(
        _("relier les mots du dictionnaire"),
        default=True,
        help_text=_("La première fois qu'un mot du dictionnaire apparaît, il mène à sa définition."),
    )
    tracking_code = models.CharField(
        _("code de suivi de la proposition"), max_length=12, blank=True, db_index=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("structure"),
                FieldRowPanel([FieldPanel("commune"), FieldPanel("departement")]),
                FieldPanel("period"),
                FieldPanel("publics"),
                FieldPanel("themes"),
                FieldPanel("partners"),
            ],
            heading=_("En bref"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("organisations", label=_("structure à contacter"), min_num=1),
                FieldPanel("contact_website"),
                FieldPanel("contact_emails"),
                FieldPanel("contact_phones"),
                FieldPanel("contact_persons"),
                FieldPanel("show_contact_persons"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("source"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("booklet_number"), FieldPanel("link_defined_words")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("structure"),
        index.SearchField("commune"),
        index.SearchField("partners"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("publics", [index.SearchField("name")]),
        index.FilterField("departement"),
    ]

    api_fields = [
        APIField("structure"),
        APIField("commune"),
        APIField("departement"),
        APIField("departement_name"),
        APIField("period"),
        APIField("publics_list"),
        APIField("themes_list"),
        APIField("partners"),
        APIField("body"),
        APIField("organisations"),
        APIField("contact_website"),
        APIField("contact_emails"),
        APIField("contact_phones"),
        APIField("source"),
    ]

    parent_page_types = ["fiches.ExperienceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("fiche d'expérience")
        verbose_name_plural = _("fiches d'expériences")

    @property
    def departement_name(self):
        return DEPARTEMENTS.get(self.departement, self.departement)

    @property
    def place(self):
        name = f"{self.departement_name} ({self.departement})"
        return f"{self.commune}, {name}" if self.commune else name

    #: What the public API reads of each fiche, prefetched for a whole list (see ``portail.api``).
    api_prefetch_related = ("publics", "themes", "organisations")

    @property
    def publics_list(self):
        return sorted(tag.name for tag in self.publics.all())

    @property
    def themes_list(self):
        return sorted(tag.name for tag in self.themes.all())

    @property
    def summary(self):
        """A sentence or two for cards, feeds and sharing: the SEO description, else the start of the first part."""
        if self.search_description:
            return self.search_description
        for section in self.sections:
            return Truncator(section["texte"].split("\n\n")[0]).chars(240)
        return ""

    @property
    def sections(self):
        """The sections as ``[{"titre", "texte"}]``, in the shape of the booklet's file."""
        return sections_from_body(self.body)

    @property
    def pdf_url(self):
        return self.url + self.reverse_subpage("pdf")

    @path("pdf/", name="pdf")
    def pdf(self, request):
        response = HttpResponse(fiche_pdf([self], request), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="fiche-{self.slug}.pdf"'
        return response

    def caches_response(self, request, view=None, *args, **kwargs):
        return view is None or getattr(view, "__name__", "") == "index_route"

    def tags(self):
        """``(publics, themes)`` of a saved fiche in one query, each in name order."""
        tags = fiche_tags([self.pk]).get(self.pk, {})
        return tags.get("public", []), tags.get("theme", [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = self.get_parent().specific
        if getattr(request, "is_preview", False):  # a draft's tags are in its revision, not in the database
            context["publics"], context["themes"] = list(self.publics.all()), list(self.themes.all())
        else:
            context["publics"], context["themes"] = self.tags()
        return context


class ExperienceIndexPage(RoutablePageMixin, SectionIndexPage):
    """The experience sheets' home at /fiches/: cards with facets, search and pagination, feeds and exports."""

    per_page = 10

    subpage_types = ["fiches.ExperiencePage"]

    class Meta:
        verbose_name = _("accueil des fiches d'expériences")

    def subpage_url(self, name):
        return self.url + self.reverse_subpage(name)

    rss_url = property(lambda self: self.subpage_url("rss"))
    atom_url = property(lambda self: self.subpage_url("atom"))
    json_url = property(lambda self: self.subpage_url("export_json"))
    csv_url = property(lambda self: self.subpage_url("export_csv"))
    booklet_url = property(lambda self: self.subpage_url("booklet"))
    propose_url = property(lambda self: self.subpage_url("propose"))

    def route(self, request, path_components):
        """A fiche is read with its locale in one query (Wagtail reads any child, then its fiche's row)."""
        if path_components and not (self.live and self.resolves_subpage(path_components)):
            fiches = ExperiencePage.objects.child_of(self).select_related("locale")
            fiche = fiches.filter(slug=path_components[0]).first()
            if fiche is not None:
                fiche._cached_parent_obj = self
                return fiche.route(request, path_components[1:])
        return super().route(request, path_components)

    def resolves_subpage(self, path_components):
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    def live_fiches(self):
        """The live fiches of this index, private ones included (a search engine cannot filter them out)."""
        return ExperiencePage.objects.child_of(self).live()

    def fiches(self):
        """The live, public fiches of this index."""
        return public(self.live_fiches())

    def search(self, params):
        return FicheSearch(self.fiches(), params, searchable=self.live_fiches())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        search = self.search(request.GET)
        paginator = Paginator(search.results(), self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        context.update(search=search, facets=search.facets(), page_obj=page_obj, paginator=paginator)
        return context

    def cached_response(self, request, name, build):
        """Feeds and exports are the same for everyone: built once until a fiche changes."""
        return cached("fiches", name, build, self.pk, request.get_host(), request.is_secure())

    @path("flux/rss/", name="rss")
    def rss(self, request):
        return self.cached_response(request, "rss", lambda: LatestFichesFeed(self)(request))

    @path("flux/atom/", name="atom")
    def atom(self, request):
        return self.cached_response(request, "atom", lambda: LatestFichesAtomFeed(self)(request))

    @path("export/json/", name="export_json")
    def export_json(self, request):
        return self.cached_response(request, "export_json", lambda: json_response(self.fiches(), request))

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        return self.cached_response(request, "export_csv", lambda: csv_response(self.fiches(), request))

    @path("livret/", name="booklet")
    def booklet(self, request):
        """A PDF booklet of the ticked fiches, or of the fiches the facets select."""
        chosen = [value for value in request.GET.getlist("fiche") if FICHE_NUMBER.fullmatch(value)]
        if not chosen:
            chosen = [page.pk for page in self.search(request.GET).results()]
        fiches = list(
            self.fiches()
            .filter(pk__in=chosen)
            .order_by("title")
            .prefetch_related("organisations")[:MAX_FICHES_PER_BOOKLET]
        )
        if not fiches:
            return redirect(self.url)
        response = HttpResponse(fiche_pdf(fiches, request, booklet=True), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="livret-fiches.pdf"'
        return response

    @path("proposer/", name="propose")
    def propose(self, request):
        from fiches.proposals import propose_view

        return propose_view(self, request)

    @path("suivi/", name="tracking")
    def tracking(self, request):
        from fiches.proposals import tracking_view

        return tracking_view(self, request)

    def render_proposal(self, request, context):
        return TemplateResponse(request, "fiches/propose.html", {"page": self, "self": self, **context})


class BookletImport(models.Model):
    """What the import last wrote for one fiche of the booklet, to tell its changes from the editors'."""

    number = models.PositiveSmallIntegerField(_("numéro dans le livret"), unique=True)
    page = models.OneToOneField(ExperiencePage, on_delete=models.CASCADE, related_name="booklet_import")
    checksum = models.CharField(max_length=64)
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import du livret")

    def __str__(self):
        return f"{self.number} → {self.page}"

    @property
    def edited_since(self):
        """True when someone saved the page after the import did."""
        return self.page.latest_revision_id != self.revision_id
