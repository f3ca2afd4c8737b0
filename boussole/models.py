"""The boussole parentale: structures and services (data·inclusion), events, resources, glossary, orientation.

Structures, services, events, resources and glossary entries are snippets, not pages: they are records
imported and exported in bulk (upsert by source + id), listed and filtered by the boussole's own views, and
they have no body to lay out. Drafts and revisions (with locking and workflows for structures and services)
give moderators control of what is published.
"""

import math
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from boussole import hours
from boussole.ages import ChildAgeFields
from boussole.fields import NormalizedTextField, ReferentialListField
from boussole.referentials import communes, departement_of, referential
from boussole.validation import validate_record
from portail.cache import PublicResponseCacheMixin
from portail.models import SIMPLE_RICH_TEXT_FEATURES, SectionIndexPage
from portail.sanitise import SanitisedRichTextField

#: A sheet not confirmed for this long gets a reminder; past the second limit it leaves public results.
FRESHNESS_ADVISED = timedelta(days=182)
FRESHNESS_REQUIRED = timedelta(days=365)


class BoussoleIndexPage(PublicResponseCacheMixin, SectionIndexPage):
    """The boussole parentale's home at /boussole/: leads to the annuaire, agenda, ressources, glossaire.

    The same for every anonymous reader (links and its own text): kept whole until a page changes.
    """

    class Meta:
        verbose_name = _("accueil de la boussole parentale")


def first_free_slug(text, is_taken):
    """``text`` as a slug, or with ``-2``, ``-3``… the first that ``is_taken`` does not refuse."""
    base = slugify(text)[:80] or "fiche"
    slug, number = base, 1
    while is_taken(slug):
        number += 1
        slug = f"{base}-{number}"
    return slug


def unique_slug(model, text, instance_pk=None):
    return first_free_slug(text, lambda slug: model.objects.filter(slug=slug).exclude(pk=instance_pk).exists())


def free_slug(text, taken):
    """The slug :func:`unique_slug` would give, checked against the set ``taken`` (updated) instead of the database:
    for bulk imports, which read the existing slugs once."""
    slug = first_free_slug(text, taken.__contains__)
    taken.add(slug)
    return slug


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


class PlaceFields(models.Model):
    """The address fields data·inclusion shares between structures and services (all optional)."""

    commune = models.CharField(_("commune"), max_length=255, null=True, blank=True)
    code_postal = models.CharField(_("code postal"), max_length=5, null=True, blank=True)
    code_insee = models.CharField(
        _("code INSEE de la commune"),
        max_length=5,
        null=True,
        blank=True,
        help_text=_("Code officiel géographique, 5 caractères (ex. 59350 pour Lille)."),
    )
    adresse = models.CharField(_("adresse"), max_length=255, null=True, blank=True)
    complement_adresse = models.CharField(_("complément d'adresse"), max_length=255, null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    telephone = models.CharField(_("téléphone"), max_length=50, null=True, blank=True)
    courriel = models.EmailField(_("courriel"), null=True, blank=True)
    horaires_accueil = models.TextField(
        _("horaires d'accueil"),
        null=True,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_("Format OpenStreetMap, ex. « Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off »."),
    )
    departement = models.CharField(_("département"), max_length=3, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def departement_nom(self):
        from boussole.referentials import departements

        return departements().get(self.departement, "")

    def fill_place(self):
        """Derived place fields: département from the INSEE code, commune name when only the code is given."""
        self.departement = departement_of(self.code_insee)
        known = communes().get(self.code_insee or "")
        if known and not self.commune:
            self.commune = known.nom

    def clean_schema(self, kind):
        errors = validate_record(kind, self.to_data_inclusion(), today=date.today() + timedelta(days=1))
        if errors:
            raise ValidationError([ValidationError(message) for message in errors])


class FreshnessMixin(models.Model):
    """Every sheet says when it was last checked; old ones get reminders, then leave public results."""

    verified_at = models.DateField(
        _("vérifié le"), default=date.today, help_text=_("Dernière date où la structure a confirmé cette fiche.")
    )
    reminder_sent_at = models.DateTimeField(_("dernier rappel envoyé le"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def freshness(self, today=None):
        """``"ok"``, ``"advised"`` (older than 6 months: a reminder) or ``"required"`` (older than 12 months)."""
        age = (today or date.today()) - self.verified_at
        if age > FRESHNESS_REQUIRED:
            return "required"
        if age > FRESHNESS_ADVISED:
            return "advised"
        return "ok"


class StructureQuerySet(models.QuerySet):
    def fresh(self, today=None):
        return self.filter(verified_at__gte=(today or date.today()) - FRESHNESS_REQUIRED)

    def public(self, today=None):
        """Published and confirmed within the last 12 months: what parents see."""
        return self.filter(live=True).fresh(today)

    def stale(self, today=None):
        return self.exclude(verified_at__gte=(today or date.today()) - FRESHNESS_REQUIRED)


def opening_status(opening_hours, closure, at):
    """Open or closed at ``at`` with these usual hours and the closure covering that day (``None`` if none)."""
    if closure is None:
        return hours.status(opening_hours, at)
    if closure.opening_hours:
        return hours.status(closure.opening_hours, at)
    return hours.status(opening_hours, at, closed_reason=closure.reason or _("fermeture temporaire"))


class Structure(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    FreshnessMixin,
    PlaceFields,
    ClusterableModel,
):
    """A place that can help parents (centre social, CCAS, PMI, association…), as data·inclusion describes it."""

    source = models.CharField(_("source"), max_length=100, help_text=_("Producteur de la donnée (ex. « boussole »)."))
    source_id = models.CharField(_("identifiant chez la source"), max_length=255)
    nom = models.CharField(_("nom"), max_length=150)
    date_maj = models.DateField(_("date de mise à jour chez la source"), default=date.today)
    description = models.TextField(_("description"), null=True, blank=True)
    lien_source = models.URLField(_("lien vers la source"), max_length=2083, null=True, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, null=True, blank=True)
    site_web = models.URLField(_("site web"), max_length=2083, null=True, blank=True)
    accessibilite_lieu = models.URLField(
        _("accessibilité du lieu"),
        max_length=2083,
        null=True,
        blank=True,
        help_text=_("Lien vers la fiche Acceslibre de la structure."),
    )
    reseaux_porteurs = ReferentialListField(_("réseaux porteurs"), referential_name="reseaux_porteurs")
    slug = models.SlugField(_("adresse de la fiche"), max_length=100, unique=True, blank=True)
    delai_rappel = models.CharField(
        _("délai promis pour rappeler un parent"),
        max_length=60,
        default="sous 2 jours ouvrés",
        help_text=_("Affiché au parent qui demande à être rappelé, ex. « sous 2 jours ouvrés »."),
    )
    equipe = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("équipe de la structure"),
        blank=True,
        related_name="boussole_structures",
        help_text=_("Les comptes qui reçoivent ses demandes de rappel et voient la page des professionnels."),
    )
    # The annuaire searches and sorts on these in SQL (see boussole.directory).
    search_text = NormalizedTextField(sources=("nom", "description", "commune"))
    sort_name = NormalizedTextField(sources=("nom",))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="boussole_structure")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="boussole_structure",
        for_concrete_model=False,
    )

    objects = StructureQuerySet.as_manager()

    panels = [
        FieldPanel("nom"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("adresse"),
                FieldPanel("complement_adresse"),
                FieldRowPanel([FieldPanel("code_postal"), FieldPanel("code_insee"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresse"),
        ),
        MultiFieldPanel(
            [FieldPanel("telephone"), FieldPanel("courriel"), FieldPanel("site_web"), FieldPanel("accessibilite_lieu")],
            heading=_("Contact"),
        ),
        FieldPanel("horaires_accueil"),
        InlinePanel("closures", heading=_("Fermetures et horaires exceptionnels"), label=_("période")),
        FieldPanel("reseaux_porteurs"),
        MultiFieldPanel([FieldPanel("delai_rappel"), FieldPanel("equipe")], heading=_("Être rappelé(e)")),
        MultiFieldPanel(
            [
                FieldPanel("verified_at"),
                FieldPanel("source"),
                FieldPanel("source_id"),
                FieldPanel("date_maj"),
                FieldPanel("lien_source"),
                FieldPanel("siret"),
                FieldPanel("slug"),
            ],
            heading=_("Fraîcheur et origine des données"),
        ),
    ]
    search_fields = [
        index.SearchField("nom", boost=3),
        index.SearchField("description"),
        index.SearchField("commune"),
        index.AutocompleteField("nom"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["nom"]
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="boussole_structure_source_id")]

    def __str__(self):
        return f"{self.nom} ({self.commune})" if self.commune else self.nom

    def save(self, *args, **kwargs):
        self.fill_place()
        if not self.slug:
            self.slug = unique_slug(Structure, self.slug_text(), self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("boussole:structure", kwargs={"slug": self.slug})

    def slug_text(self):
        """What the sheet's address is made of when it has none yet."""
        return f"{self.nom} {self.commune or ''}"

    def clean(self):
        super().clean()
        self.clean_schema("structure")

    def to_data_inclusion(self):
        from boussole.io.datainclusion import structure_to_record

        return structure_to_record(self)

    def current_closure(self, day=None):
        """The closure or exceptional-hours period covering ``day`` (today by default), if any."""
        day = day or timezone.localdate()
        for closure in self.closures.all():
            if closure.start_date <= day <= closure.end_date:
                return closure
        return None

    def opening_status(self, at=None):
        at = at or timezone.now()
        return opening_status(self.horaires_accueil, self.current_closure(timezone.localtime(at).date()), at)

    def upcoming_closures(self, day=None):
        day = day or timezone.localdate()
        return [closure for closure in self.closures.all() if closure.end_date >= day]


class StructureClosure(Orderable):
    """A period when the structure is closed (holidays, works) or keeps other hours."""

    structure = ParentalKey(Structure, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au"))
    reason = models.CharField(_("message affiché"), max_length=200, blank=True, help_text=_("Ex. « congés d'été »."))
    opening_hours = models.CharField(
        _("horaires exceptionnels"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_("Laisser vide si la structure est fermée. Sinon, horaires au format OpenStreetMap."),
    )

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
        FieldPanel("opening_hours"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fermeture ou horaires exceptionnels")

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin doit être après le début.")})

    @property
    def is_closed(self):
        return not self.opening_hours

    @property
    def plain_hours(self):
        return hours.summarize(self.opening_hours)


class ServiceQuerySet(models.QuerySet):
    def public(self, today=None):
        return self.filter(live=True, structure__in=Structure.objects.public(today))


class Service(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    PlaceFields,
    ChildAgeFields,
    models.Model,
):
    """What a structure offers (an atelier, a permanence, an information point), as data·inclusion describes it."""

    structure = models.ForeignKey(
        Structure, verbose_name=_("structure"), on_delete=models.CASCADE, related_name="services"
    )
    source = models.CharField(_("source"), max_length=100)
    source_id = models.CharField(_("identifiant chez la source"), max_length=255)
    nom = models.CharField(_("nom"), max_length=150)
    description = models.TextField(_("description"))
    lien_source = models.URLField(_("lien vers la source"), max_length=2083, null=True, blank=True)
    date_maj = models.DateField(_("date de mise à jour chez la source"), default=date.today)
    type = models.CharField(
        _("type de service"),
        max_length=50,
        null=True,
        blank=True,
        choices=[(key, label) for key, label in referential("types_de_services").items()],
    )
    thematiques = ReferentialListField(_("thématiques"), referential_name="thematiques")
    frais = models.CharField(
        _("frais"),
        max_length=20,
        null=True,
        blank=True,
        choices=[(key, label) for key, label in referential("frais").items()],
    )
    frais_precisions = models.TextField(_("précisions sur les frais"), null=True, blank=True)
    publics = ReferentialListField(_("publics"), referential_name="publics")
    publics_precisions = models.TextField(_("précisions sur les publics"), null=True, blank=True)
    conditions_acces = models.TextField(_("conditions d'accès"), null=True, blank=True)
    modes_accueil = ReferentialListField(_("modes d'accueil"), referential_name="modes_accueil")
    zone_eligibilite = models.JSONField(
        _("zone d'éligibilité"),
        null=True,
        blank=True,
        help_text=_('Liste de codes INSEE (commune, département), ex. ["59", "62"] ou ["france"].'),
    )
    contact_nom_prenom = models.CharField(_("nom et prénom du contact"), max_length=255, null=True, blank=True)
    lien_mobilisation = models.URLField(_("lien pour s'inscrire"), max_length=2083, null=True, blank=True)
    modes_mobilisation = ReferentialListField(_("comment y accéder"), referential_name="modes_mobilisation")
    mobilisable_par = ReferentialListField(_("qui peut le demander"), referential_name="personnes_mobilisatrices")
    mobilisation_precisions = models.TextField(_("précisions pour y accéder"), null=True, blank=True)
    volume_horaire_hebdomadaire = models.FloatField(_("heures par semaine"), null=True, blank=True)
    nombre_semaines = models.PositiveIntegerField(_("nombre de semaines"), null=True, blank=True)
    search_text = NormalizedTextField(sources=("nom", "description", "thematiques"))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="boussole_service")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="boussole_service",
        for_concrete_model=False,
    )

    objects = ServiceQuerySet.as_manager()

    panels = [
        FieldPanel("structure"),
        FieldPanel("nom"),
        FieldPanel("description"),
        FieldPanel("type"),
        FieldPanel("thematiques"),
        FieldPanel("publics"),
        FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
        FieldPanel("publics_precisions"),
        FieldPanel("conditions_acces"),
        MultiFieldPanel([FieldPanel("frais"), FieldPanel("frais_precisions")], heading=_("Frais")),
        MultiFieldPanel(
            [
                FieldPanel("modes_accueil"),
                FieldPanel("modes_mobilisation"),
                FieldPanel("mobilisable_par"),
                FieldPanel("mobilisation_precisions"),
                FieldPanel("lien_mobilisation"),
                FieldPanel("contact_nom_prenom"),
                FieldPanel("telephone"),
                FieldPanel("courriel"),
                FieldPanel("horaires_accueil"),
            ],
            heading=_("Comment en profiter"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("adresse"),
                FieldPanel("complement_adresse"),
                FieldRowPanel([FieldPanel("code_postal"), FieldPanel("code_insee"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("zone_eligibilite"),
            ],
            heading=_("Lieu, si différent de la structure"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("source_id"),
                FieldPanel("date_maj"),
                FieldPanel("lien_source"),
                FieldPanel("volume_horaire_hebdomadaire"),
                FieldPanel("nombre_semaines"),
            ],
            heading=_("Origine des données"),
        ),
    ]
    search_fields = [index.SearchField("nom", boost=2), index.SearchField("description"), index.FilterField("live")]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["nom"]
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="boussole_service_source_id")]

    def __str__(self):
        return self.nom

    def save(self, *args, **kwargs):
        self.fill_place()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.structure_id:
            self.clean_schema("service")

    def to_data_inclusion(self):
        from boussole.io.datainclusion import service_to_record

        return service_to_record(self)

    @property
    def is_for_everyone(self):
        return not self.publics or "tous-publics" in self.publics

    def serves(self, public):
        """A service open to all publics matches any public a parent picks."""
        return not public or self.is_for_everyone or public in self.publics

    def thematique_labels(self):
        labels = referential("thematiques")
        return [labels.get(value, value) for value in self.thematiques or []]

    def public_labels(self):
        labels = referential("publics")
        return [labels.get(value, value) for value in self.publics or []]

    def opening_status(self, at=None):
        """The service's own hours, else its structure's; a closure of the structure closes its services too."""
        at = at or timezone.now()
        closure = self.structure.current_closure(timezone.localtime(at).date())
        if closure is not None or not self.horaires_accueil:
            return self.structure.opening_status(at)
        return hours.status(self.horaires_accueil, at)


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.public().filter(models.Q(end__gte=now) | models.Q(end__isnull=True, start__gte=now))

    def past(self, now=None):
        now = now or timezone.now()
        return self.public().exclude(models.Q(end__gte=now) | models.Q(end__isnull=True, start__gte=now))


class Event(DraftStateMixin, RevisionMixin, index.Indexed, ChildAgeFields, models.Model):
    """An event or workshop for parents, with a date in Paris time, a place and how to register."""

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse de la page"), max_length=100, unique=True, blank=True)
    description = models.TextField(_("description"))
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure organisatrice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    start = models.DateTimeField(_("début"), help_text=_("Heure de Paris."))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    place_name = models.CharField(_("lieu"), max_length=200, blank=True, help_text=_("Vide : à la structure."))
    adresse = models.CharField(_("adresse"), max_length=255, blank=True)
    code_insee = models.CharField(_("code INSEE de la commune"), max_length=5, blank=True)
    commune = models.CharField(_("commune"), max_length=255, blank=True)
    departement = models.CharField(_("département"), max_length=3, blank=True, editable=False, db_index=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    publics = ReferentialListField(_("publics"), referential_name="publics")
    thematiques = ReferentialListField(_("thématiques"), referential_name="thematiques")
    price = models.CharField(_("prix"), max_length=100, blank=True, help_text=_("Vide : gratuit."))
    registration_url = models.URLField(_("lien d'inscription"), blank=True)
    registration_phone = models.CharField(_("téléphone pour s'inscrire"), max_length=50, blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"), null=True, blank=True)

    objects = EventQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("structure"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("adresse"),
                FieldRowPanel([FieldPanel("code_insee"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Lieu"),
        ),
        FieldPanel("publics"),
        FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
        FieldPanel("thematiques"),
        MultiFieldPanel(
            [
                FieldPanel("price"),
                FieldPanel("capacity"),
                FieldPanel("registration_url"),
                FieldPanel("registration_phone"),
            ],
            heading=_("Inscription"),
        ),
        FieldPanel("slug"),
    ]
    search_fields = [index.SearchField("title", boost=2), index.SearchField("description"), index.FilterField("live")]

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["start"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.structure is not None:
            self.code_insee = self.code_insee or self.structure.code_insee or ""
            self.commune = self.commune or self.structure.commune or ""
            self.adresse = self.adresse or self.structure.adresse or ""
            if self.latitude is None and self.structure.has_coordinates:
                self.latitude, self.longitude = self.structure.latitude, self.structure.longitude
        known = communes().get(self.code_insee)
        if known and not self.commune:
            self.commune = known.nom
        self.departement = departement_of(self.code_insee)
        if not self.slug:
            start = timezone.localtime(self.start).date().isoformat() if self.start else ""
            self.slug = unique_slug(Event, f"{self.title} {start}", self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("boussole:event", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin doit être après le début.")})
        if self.code_insee and self.code_insee not in communes() and self.code_insee[:2] in {"02", "59", "60", "62"}:
            raise ValidationError({"code_insee": _("Ce code INSEE ne correspond à aucune commune.")})

    @property
    def is_free(self):
        return not self.price

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def place_label(self):
        return self.place_name or (self.structure.nom if self.structure_id else "")

    def serves(self, public):
        return not public or not self.publics or "tous-publics" in self.publics or public in self.publics


class Resource(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A document, link or video that helps parents, by theme and public."""

    KIND_CHOICES = [("document", _("document")), ("lien", _("lien")), ("video", _("vidéo"))]

    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("en quelques mots"))
    kind = models.CharField(_("type"), max_length=20, choices=KIND_CHOICES, default="lien")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("adresse web"), blank=True)
    thematiques = ReferentialListField(_("thématiques"), referential_name="thematiques")
    publics = ReferentialListField(_("publics"), referential_name="publics")

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("document"),
        FieldPanel("url"),
        FieldPanel("thematiques"),
        FieldPanel("publics"),
    ]
    search_fields = [index.SearchField("title", boost=2), index.SearchField("description"), index.FilterField("live")]

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind == "document" and not self.document_id:
            raise ValidationError({"document": _("Choisissez le document à proposer.")})
        if self.kind != "document" and not self.url:
            raise ValidationError({"url": _("Indiquez l'adresse du lien ou de la vidéo.")})

    @property
    def link(self):
        return self.document.url if self.kind == "document" and self.document_id else self.url

    def serves(self, public):
        return not public or not self.publics or "tous-publics" in self.publics or public in self.publics


class GlossaryEntry(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A key word or dispositif of parenting (ENT, CAF, PMI…) in plain words, linked to who can help."""

    term = models.CharField(_("mot"), max_length=100)
    expansion = models.CharField(
        _("en toutes lettres"), max_length=200, blank=True, help_text=_("Pour un sigle : « Protection maternelle »…")
    )
    slug = models.SlugField(_("adresse de la page"), max_length=100, unique=True, blank=True)
    short_definition = models.TextField(_("définition courte"), max_length=400)
    body = SanitisedRichTextField(_("pour aller plus loin"), blank=True, features=SIMPLE_RICH_TEXT_FEATURES)
    thematiques = ReferentialListField(_("thématiques concernées"), referential_name="thematiques")
    structures = ParentalManyToManyField(Structure, verbose_name=_("structures concernées"), blank=True)
    services = ParentalManyToManyField(Service, verbose_name=_("services concernés"), blank=True)
    official_url = models.URLField(_("site officiel"), blank=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("expansion"),
        FieldPanel("short_definition"),
        FieldPanel("body"),
        FieldPanel("thematiques"),
        FieldPanel("structures"),
        FieldPanel("services"),
        FieldPanel("official_url"),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.SearchField("expansion"),
        index.SearchField("short_definition"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("mot du glossaire")
        verbose_name_plural = _("glossaire")
        ordering = ["term"]

    def __str__(self):
        return self.term

    @classmethod
    def same_word_as(cls, word, slug):
        """The published glossary entry with this address or this word, for links from other parts of the site."""
        return cls.objects.filter(live=True).filter(models.Q(slug=slug) | models.Q(term__iexact=word)).first()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(GlossaryEntry, self.term, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("boussole:glossary_entry", kwargs={"slug": self.slug})

    @property
    def initial(self):
        from boussole.referentials import normalize

        return (normalize(self.term)[:1] or "#").upper()


class OrientationQuestion(ClusterableModel):
    """One step of the guided orientation; admins write the questions and what each answer looks for."""

    KIND_CHOICES = [("choices", _("choix parmi des réponses")), ("place", _("lieu (commune ou code postal)"))]

    sort_order = models.PositiveIntegerField(_("ordre"), default=0)
    question = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("aide"), max_length=300, blank=True)
    kind = models.CharField(_("type de question"), max_length=20, choices=KIND_CHOICES, default="choices")

    panels = [
        FieldPanel("question"),
        FieldPanel("help_text"),
        FieldPanel("kind"),
        FieldPanel("sort_order"),
        InlinePanel("choices", heading=_("Réponses possibles"), label=_("réponse")),
    ]

    class Meta:
        verbose_name = _("question d'orientation")
        verbose_name_plural = _("questions d'orientation")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.question


class OrientationChoice(ChildAgeFields, Orderable):
    question = ParentalKey(OrientationQuestion, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("réponse"), max_length=200)
    need = models.ForeignKey(
        "boussole.ParentNeed",
        verbose_name=_("besoin des parents"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ses thématiques s'ajoutent à celles cochées ci-dessous."),
    )
    thematiques = ReferentialListField(_("thématiques recherchées"), referential_name="thematiques")
    publics = ReferentialListField(_("publics recherchés"), referential_name="publics")

    panels = [
        FieldPanel("label"),
        FieldPanel("need"),
        FieldPanel("thematiques"),
        FieldPanel("publics"),
        FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("réponse")

    def __str__(self):
        return self.label


class ErrorReport(models.Model):
    """A "Signaler une erreur" message about a structure's sheet, kept for its editors and moderators."""

    structure = models.ForeignKey(
        Structure, verbose_name=_("structure"), on_delete=models.CASCADE, related_name="error_reports"
    )
    message = models.TextField(_("ce qui ne va pas"), max_length=2000)
    email = models.EmailField(_("courriel pour vous répondre"), blank=True)
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True)
    handled = models.BooleanField(_("traité"), default=False)

    panels = [FieldPanel("structure", read_only=True), FieldPanel("message", read_only=True), FieldPanel("handled")]

    class Meta:
        verbose_name = _("erreur signalée")
        verbose_name_plural = _("erreurs signalées")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.structure} — {self.created_at:%d/%m/%Y}" if self.created_at else str(self.structure)

    def save(self, *args, **kwargs):
        if self.handled:
            self.email = ""  # the reporter's address is kept only until the sheet is corrected
        super().save(*args, **kwargs)

    def recipients(self):
        """The structure's contact address, and every active user who may edit structures (moderators)."""
        from django.contrib.auth import get_user_model

        from portail.moderation import in_scope

        users = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                models.Q(is_superuser=True)
                | models.Q(groups__permissions__codename="change_structure")
                | models.Q(user_permissions__codename="change_structure")
            )
            .exclude(email="")
            .distinct()
        )
        # A moderator scoped to territories hears only of the sheets of their territories.
        emails = {user.email for user in users if in_scope(user, self)}
        addresses = [self.structure.courriel] if self.structure.courriel else []
        return sorted(set(addresses) | emails) or [settings.CONTACT_EMAIL]


# Models of this app in their own modules.
from boussole.callbacks import CallbackRequest  # noqa: E402, F401
from boussole.needs import ParentNeed  # noqa: E402, F401
