import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from dictionnaire.images import MAX_IMAGES, TermImage  # noqa: F401 - the term's images, a model of this app
from dictionnaire.text import (
    DEFINITION_FEATURES,
    first_letter,
    index_sort_key,
    match_key,
    sanitise_html,
    slug_for,
    split_list,
    validate_not_reserved,
)
from portail.cache import PublicResponseCacheMixin
from portail.models import SectionIndexPage

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud and to type

logger = logging.getLogger(__name__)


def new_code(length=6):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class Category(models.TextChoices):
    HARDWARE = "materiel", _("matériel et logiciels")
    INTERNET = "internet", _("internet")
    SECURITY = "securite", _("sécurité")
    SOCIAL = "reseaux-sociaux", _("réseaux sociaux")
    PROCEDURES = "demarches", _("démarches en ligne")
    SCHOOL = "ecole-famille", _("école et famille")

    @classmethod
    def from_label(cls, label):
        """The category whose French label is ``label`` (the data files are in French, whatever language is active)."""
        with translation.override("fr"):
            for value, text in cls.choices:
                if str(text) == label.strip():
                    return value
        raise ValueError(f"unknown category {label!r}")


class Structure(models.Model):
    """A social centre, school or library whose classes write definitions."""

    name = models.CharField(_("nom"), max_length=150, unique=True)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    interests = models.CharField(
        _("catégories suivies"),
        max_length=200,
        blank=True,
        help_text=_(
            "Mots ou thèmes qui intéressent la structure, séparés par des points-virgules (« banque; CAF; école »), "
            "ou « tout » : ses adultes sont prévenus des nouvelles demandes qui en parlent."
        ),
    )

    territory = models.ForeignKey(
        "portail.Territory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="structures",
        verbose_name=_("territoire"),
        help_text=_("Ses définitions sont relues par les modérateurs de ce territoire (ou les modérateurs nationaux)."),
    )
    boussole_structure = models.OneToOneField(
        "boussole.Structure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributing_structure",
        verbose_name=_("fiche dans la Boussole"),
        help_text=_("La même structure dans l'annuaire de la Boussole : les crédits des définitions y mènent."),
    )
    administrators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="administered_structures",
        verbose_name=_("administrateurs de la structure"),
        help_text=_("Ils invitent les adultes de cette structure."),
    )

    class Meta:
        verbose_name = _("structure")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def interest_values(self):
        return split_list(self.interests)


class Accompagnateur(models.Model):
    """An adult (teacher, animateur, librarian) with an account, attached to one or more structures."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accompagnateur")
    structures = models.ManyToManyField(Structure, related_name="accompagnateurs", verbose_name=_("structures"))

    class Meta:
        verbose_name = _("accompagnateur")

    def __str__(self):
        return self.user.get_username()

    @classmethod
    def attach(cls, user, *structures):
        """Make ``user`` an adult of ``structures`` (added to those they already have)."""
        accompagnateur, _created = cls.objects.get_or_create(user=user)
        accompagnateur.structures.add(*structures)
        return accompagnateur


class Classroom(models.Model):
    """A class known only by its pseudonym: it signs its definitions."""

    class Level(models.TextChoices):
        CM1 = "CM1", "CM1"
        CM2 = "CM2", "CM2"
        SIXIEME = "6e", _("6e")
        CINQUIEME = "5e", _("5e")
        QUATRIEME = "4e", _("4e")
        TROISIEME = "3e", _("3e")
        GROUP = "groupe", _("groupe du centre social")

    pseudonym = models.CharField(
        _("nom de la classe"),
        max_length=80,
        unique=True,
        help_text=_("Un nom qui ne dit le nom d'aucun enfant, par exemple « CM2 Saint-Mathieu 2026 »."),
    )
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="classrooms")
    adult = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="classrooms",
        verbose_name=_("adulte"),
        help_text=_("L'adulte qui ouvre les ateliers, relit et envoie les définitions."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("classe")
        ordering = ["pseudonym"]

    def __str__(self):
        return self.pseudonym

    def get_absolute_url(self):
        return reverse("dictionnaire:classroom", args=[self.pk])


class Workshop(models.Model):
    """A workshop session of a class: pupils join it with its short code until it expires."""

    DEFAULT_DURATION = timedelta(hours=3)

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="workshops")
    code = models.CharField(_("code"), max_length=8, unique=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    closed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("atelier")
        ordering = ["-opened_at"]

    def __str__(self):
        return f"{self.classroom} — {self.code}"

    @classmethod
    def open(cls, classroom, user, duration=None):
        for _attempt in range(20):
            code = new_code()
            if not cls.objects.filter(code=code).exists():
                break
        now = timezone.now()
        return cls.objects.create(
            classroom=classroom,
            code=code,
            opened_by=user,
            opened_at=now,
            expires_at=now + (duration or cls.DEFAULT_DURATION),
        )

    @property
    def is_open(self):
        return not self.closed and self.expires_at > timezone.now()

    @classmethod
    def find_open(cls, code):
        code = (code or "").strip().upper().replace(" ", "")
        return (
            cls.objects.select_related("classroom__structure")
            .filter(code=code, closed=False, expires_at__gt=timezone.now())
            .first()
        )


class Pupil(models.Model):
    """A pupil in one workshop: a first name or a nickname, nothing else. Gone with the workshop."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="pupils")
    nickname = models.CharField(_("prénom ou surnom"), max_length=30)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("élève en atelier")

    def __str__(self):
        return self.nickname


class TermQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, with each term's index letter and sort key filled as ``save()`` does."""
        objs = list(objs)
        for term in objs:
            term.fill_index_fields()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        fields = list(fields)
        if "word" in fields:
            for term in objs:
                term.fill_index_fields()
            fields += [name for name in Term.INDEX_FIELDS if name not in fields]
        return super().bulk_update(objs, fields, *args, **kwargs)


class Term(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A word of the dictionary with its definition, as one snippet.

    A term has exactly one definition, and every change to it is a revision: history, diff, revert and
    moderation (Wagtail workflows) then work on the term as a whole. The row holds the published version;
    drafts and improvements waiting for moderation live in revisions until a moderator publishes them.
    """

    word = models.CharField(_("mot"), max_length=80, unique=True)
    slug = models.SlugField(
        _("adresse"),
        max_length=80,
        unique=True,
        blank=True,
        validators=[validate_not_reserved],
        help_text=_("La fin de l'adresse de la page : /dictionnaire/<adresse>/. Faite à partir du mot si vide."),
    )
    variants = models.TextField(
        _("autres orthographes et abréviations"),
        blank=True,
        help_text=_("Une par ligne ou séparées par des points-virgules : wifi; wi fi."),
    )
    synonyms = models.TextField(_("synonymes du mot"), blank=True, help_text=_("Un par ligne ou séparés par « ; »."))
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    related_terms = ParentalManyToManyField("self", blank=True, symmetrical=False, verbose_name=_("mots liés"))

    short_definition = models.TextField(
        _("définition courte"),
        max_length=300,
        help_text=_("Une ou deux phrases simples. C'est elle qui est lue à voix haute et montrée dans les résultats."),
    )
    full_definition = RichTextField(_("définition complète"), blank=True, features=DEFINITION_FEATURES, max_length=4000)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(
        _("description de l'image"),
        max_length=250,
        blank=True,
        help_text=_("Ce que montre l'image, pour les personnes qui ne la voient pas. Obligatoire avec une image."),
    )
    definition_synonyms = models.TextField(
        _("autres mots pour le dire"), blank=True, help_text=_("Un par ligne ou séparés par « ; ».")
    )
    usages = models.TextField(
        _("on dit"), blank=True, help_text=_("Des phrases de tous les jours, une par ligne : « J'ai reçu un mail. »")
    )
    danger = models.TextField(_("ce que je trouve dangereux des fois"), blank=True, max_length=1500)
    cool = models.TextField(_("ce que je trouve cool en même temps"), blank=True, max_length=1500)

    classroom = models.ForeignKey(
        Classroom,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="terms",
        verbose_name=_("classe qui l'a écrit"),
    )
    credit_year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    # The A–Z index, read in SQL one letter at a time: filled from the word on every save (never typed).
    letter = models.CharField(max_length=1, default="", editable=False)
    sort_key = models.CharField(max_length=160, default="", editable=False)

    objects = TermQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("word"),
                FieldPanel("slug"),
                FieldPanel("category"),
                FieldPanel("variants"),
                FieldPanel("synonyms"),
                FieldPanel("related_terms"),
            ],
            heading=_("Le mot"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("short_definition"),
                FieldPanel("full_definition"),
                FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
                FieldPanel("definition_synonyms"),
                FieldPanel("usages"),
                FieldPanel("danger"),
                FieldPanel("cool"),
            ],
            heading=_("La définition"),
        ),
        InlinePanel("images", max_num=MAX_IMAGES, heading=_("Images"), label=_("image")),
        MultiFieldPanel([FieldPanel("classroom"), FieldPanel("credit_year")], heading=_("Crédits")),
    ]

    search_fields = [
        index.SearchField("word", boost=5),
        index.AutocompleteField("word"),
        index.SearchField("variants", boost=3),
        index.SearchField("synonyms", boost=2),
        index.SearchField("short_definition"),
        index.SearchField("full_definition"),
        index.FilterField("live"),
        index.FilterField("category"),
    ]

    class Meta(RevisionMixin.Meta):
        verbose_name = _("mot du dictionnaire")
        verbose_name_plural = _("mots du dictionnaire")
        ordering = ["word"]
        # A letter's terms, and the letters bar's count of each letter's published terms (read from the index alone).
        indexes = [models.Index(fields=["letter", "live"], name="dictionnaire_term_letter")]

    def __str__(self):
        return self.word

    # -- content rules -------------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        self.full_definition = sanitise_html(self.full_definition)
        if not self.slug:
            self.slug = slug_for(self.word)
        validate_not_reserved(self.slug)
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Décrivez l'image en quelques mots : c'est obligatoire.")})

    #: Fields computed from the word for the A–Z index.
    INDEX_FIELDS = ("letter", "sort_key")

    def fill_index_fields(self):
        self.letter = first_letter(self.word)
        self.sort_key = index_sort_key(self.word)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.word)
        self.full_definition = sanitise_html(self.full_definition)
        self.fill_index_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "word" in update_fields:
            kwargs["update_fields"] = {*update_fields, *self.INDEX_FIELDS}
        super().save(*args, **kwargs)

    # -- reading ---------------------------------------------------------------------------------------------

    def get_url(self, request=None):
        return reverse("dictionnaire:term", args=[self.slug])

    def get_absolute_url(self):
        return self.get_url()

    @property
    def url(self):
        return self.get_url()

    def variant_list(self):
        return split_list(self.variants)

    def synonym_list(self):
        return split_list(self.synonyms)

    def definition_synonym_list(self):
        return split_list(self.definition_synonyms)

    def all_synonyms(self):
        merged = self.synonym_list()
        merged += [s for s in self.definition_synonym_list() if s not in merged]
        return merged

    def usage_list(self):
        return [line.strip() for line in (self.usages or "").splitlines() if line.strip()]

    def full_definition_text(self):
        return strip_tags(self.full_definition or "").strip()

    def credit(self):
        """« CM2 Saint-Mathieu 2026, École Saint-Mathieu (Tourcoing), 2026 » — never a child's name."""
        parts = []
        if self.classroom_id:
            parts.append(self.classroom.pseudonym)
            parts.append(str(self.classroom.structure))
        if self.credit_year:
            parts.append(str(self.credit_year))
        return ", ".join(parts)

    @classmethod
    def find_by_word(cls, word, live_only=False):
        """The term for this word or one of its variants, in any case, accent or spelling of separators."""
        key = match_key(word)
        if not key:
            return None
        terms = cls.objects.live() if live_only else cls.objects.all()
        for term in terms.only("pk", "word", "slug", "variants", "live"):
            if key in term.match_keys():
                return term
        return None

    @classmethod
    def same_word_as(cls, word, slug):
        """The published term with this address or this word, for links from other parts of the site."""
        return cls.objects.live().filter(models.Q(slug=slug) | models.Q(word__iexact=word)).only("word", "slug").first()

    def match_keys(self):
        return {match_key(w) for w in [self.word, *self.variant_list()] if match_key(w)}

    def search_document(self):
        """What the dictionary's search indexes for this term (the published version)."""
        full_text = "\n".join(
            part
            for part in [
                self.short_definition,
                self.full_definition_text(),
                *self.usage_list(),
                self.danger,
                self.cool,
            ]
            if part
        )
        return {
            "term": self.word,
            "slug": self.slug,
            "url": self.get_url(),
            "variants": self.variant_list(),
            "synonyms": self.all_synonyms(),
            "short_definition": self.short_definition,
            "full_text": full_text,
            "category": self.get_category_display(),
        }

    def as_json(self, request=None):
        """The published term for the export and the API (licence CC BY-SA 4.0)."""
        url = self.get_url()
        return {
            "mot": self.word,
            "slug": self.slug,
            "url": request.build_absolute_uri(url) if request else url,
            "categorie": self.get_category_display(),
            "variantes": self.variant_list(),
            "synonymes": self.all_synonyms(),
            "definition_courte": self.short_definition,
            "definition_complete_html": self.full_definition,
            "on_dit": self.usage_list(),
            "ce_que_je_trouve_dangereux_des_fois": self.danger,
            "ce_que_je_trouve_cool_en_meme_temps": self.cool,
            "mots_lies": [t.slug for t in self.related_terms.all()],
            "images": [term_image.as_json(request) for term_image in self.images.all()],
            "credits": self.credit(),
            "publie_le": self.last_published_at.isoformat() if self.last_published_at else None,
            "licence": "CC BY-SA 4.0",
            "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
        }

    def summary(self, length=140):
        return Truncator(self.short_definition).chars(length)

    # -- preview -------------------------------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "dictionnaire/term_page.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["term"] = self
        context["is_preview"] = True
        return context


class Contribution(models.Model):
    """Which class wrote a revision of a term in a workshop: the author of the revision, since pupils have no
    account. It also tells which class improves a published term and hears the moderators' answer."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="contributions")
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="contributions")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    adult = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contribution d'une classe")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.classroom} → {self.term}"

    @classmethod
    def last_class(cls, term):
        contribution = cls.objects.filter(term=term).select_related("classroom__adult").first()
        return contribution.classroom if contribution else term.classroom


class TermStatistic(models.Model):
    """How many times a term's page was read; kept apart so that counting never touches the revisions."""

    term = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="statistic")
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lectures d'un mot")

    def __str__(self):
        return f"{self.term}: {self.views}"

    #: Views are counted in the shared cache and written to the database when this many have gathered, or when the
    #: term's last write is older than ``VIEWS_WRITE_INTERVAL`` seconds: reading a page must not cost a durable
    #: database write each time (on a small server that write, not the page, limits how many readers it serves).
    #: A cache restart loses at most the views not yet written.
    VIEWS_WRITTEN_EVERY = 50
    VIEWS_WRITE_INTERVAL = 60

    @staticmethod
    def _pending_key(term_pk):
        return f"term-views:{term_pk}"

    @classmethod
    def count_view(cls, term):
        cls.count_view_of(term.pk)

    @classmethod
    def count_view_of(cls, term_pk):
        counter = cls._pending_key(term_pk)
        try:
            pending, due = cls._wait_in_cache(term_pk)
            if not due:
                return
            cache.decr(counter, pending)
        except Exception:  # noqa: BLE001 - the cache is down: count this view in the database directly
            logger.warning("Cache unreachable: the view of term %s is written at once", term_pk)
            pending = 1
        cls._add_views(term_pk, pending)

    @classmethod
    def _wait_in_cache(cls, term_pk):
        """One more view waiting in the cache: ``(views waiting, whether they are due to be written)``."""
        from django.core.cache import caches
        from django.core.cache.backends.redis import RedisCache

        counter, written = cls._pending_key(term_pk), f"term-views-written:{term_pk}"
        backend = caches["default"]
        if isinstance(backend, RedisCache):
            # One round trip to Redis on every page view, instead of three through the cache API (its incr checks
            # that the key exists first, then the add). Django's Redis serializer keeps integers as they are.
            pipeline = backend._cache.get_client(write=True).pipeline(transaction=False)
            pipeline.incr(backend.make_and_validate_key(counter))
            pipeline.set(backend.make_and_validate_key(written), 1, nx=True, ex=cls.VIEWS_WRITE_INTERVAL)
            pending, interval_over = pipeline.execute()
            return pending, pending >= cls.VIEWS_WRITTEN_EVERY or bool(interval_over)
        try:
            pending = cache.incr(counter)
        except ValueError:  # the first view since the last write
            cache.add(counter, 0, timeout=None)
            pending = cache.incr(counter)
        return pending, pending >= cls.VIEWS_WRITTEN_EVERY or cache.add(written, True, timeout=cls.VIEWS_WRITE_INTERVAL)

    @classmethod
    def _add_views(cls, term_pk, count):
        if not cls.objects.filter(term_id=term_pk).update(views=models.F("views") + count):
            cls.objects.get_or_create(term_id=term_pk, defaults={"views": count})
        from pilotage.figures import add_term_views

        add_term_views(term_pk, count)  # the same views, dated (figures for a period)

    @classmethod
    def views_of(cls, term):
        """The term's views: those written to the database and those still waiting in the cache."""
        written = cls.objects.filter(term=term).values_list("views", flat=True).first() or 0
        try:
            waiting = cache.get(cls._pending_key(term.pk)) or 0
        except Exception:  # noqa: BLE001
            waiting = 0
        return written + waiting


def count_term_view(term_pk):
    """One more view of a term's page (called for kept copies too, see ``portail.cache.public_response``)."""
    TermStatistic.count_view_of(term_pk)


class WordRequest(models.Model):
    """A word people asked for. The same word in any spelling is one request, with a counter."""

    CLAIM_DURATION = timedelta(days=30)

    class Status(models.TextChoices):
        OPEN = "open", _("en attente d'une classe")
        CLAIMED = "claimed", _("une classe l'écrit")
        IN_MODERATION = "moderation", _("en relecture")
        PUBLISHED = "published", _("publié")

    word = models.CharField(_("mot demandé"), max_length=80)
    key = models.CharField(max_length=80, unique=True, editable=False)
    count = models.PositiveIntegerField(_("nombre de personnes"), default=1)
    status = models.CharField(_("état"), max_length=12, choices=Status.choices, default=Status.OPEN)
    term = models.ForeignKey(Term, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests")
    claimed_by = models.ForeignKey(
        Classroom, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims", verbose_name=_("classe")
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_draft_at = models.DateTimeField(null=True, blank=True)
    expiry_warning_sent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("demande de mot")
        verbose_name_plural = _("demandes de mots")
        ordering = ["-count", "created_at"]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.key = match_key(self.word)
        super().save(*args, **kwargs)

    @classmethod
    def ask(cls, word, context="", email="", tracking=True):
        """Record one person's request; merges with the same word asked before. Returns the submission."""
        word = " ".join(word.split())
        request, created = cls.objects.get_or_create(key=match_key(word), defaults={"word": word})
        if not created:
            cls.objects.filter(pk=request.pk).update(count=models.F("count") + 1, updated_at=timezone.now())
            request.refresh_from_db()
        return RequestSubmission.objects.create(
            request=request, context=context.strip(), email=email.strip(), tracking_code=new_code(8)
        )

    def add_one(self):
        WordRequest.objects.filter(pk=self.pk).update(count=models.F("count") + 1)
        self.refresh_from_db(fields=["count"])

    @property
    def claim_expires_at(self):
        if not self.claimed_at:
            return None
        return max(self.claimed_at, self.last_draft_at or self.claimed_at) + self.CLAIM_DURATION

    def claim(self, classroom):
        self.claimed_by = classroom
        self.claimed_at = timezone.now()
        self.status = self.Status.CLAIMED
        self.expiry_warning_sent = False
        self.save()

    def release(self):
        self.claimed_by = None
        self.claimed_at = None
        self.last_draft_at = None
        self.status = self.Status.OPEN
        self.save()

    @classmethod
    def expire_claims(cls, now=None):
        """Give back the requests whose claim has had no draft for 30 days. Returns how many."""
        now = now or timezone.now()
        released = 0
        for request in cls.objects.filter(status=cls.Status.CLAIMED, term__isnull=True):
            if request.claim_expires_at and request.claim_expires_at <= now:
                request.release()
                released += 1
        return released


class RequestSubmission(models.Model):
    """One person's request: the context they met the word in, and how to tell them (code or e-mail)."""

    request = models.ForeignKey(WordRequest, on_delete=models.CASCADE, related_name="submissions")
    context = models.CharField(_("où avez-vous vu ce mot ?"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Effacé dès que le message est envoyé."))
    tracking_code = models.CharField(max_length=12, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demande reçue")

    def __str__(self):
        return f"{self.request} ({self.tracking_code})"


class DictionaryIndexPage(PublicResponseCacheMixin, SectionIndexPage):
    """« Quand les enfants deviennent profs »: the dictionary's home at /dictionnaire/, with the A–Z index."""

    #: The terms, the words waiting for a definition, the header and footer: kept whole until one changes.
    response_cache_areas = ("dictionnaire", "demandes", "pages")
    response_cache_query = ("categorie", "lettre", "page")

    class Meta:
        verbose_name = _("accueil du dictionnaire")

    def get_context(self, request, *args, **kwargs):
        from dictionnaire.index import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request))
        return context
