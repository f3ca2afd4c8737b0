"""What the database-backed search engines read: one row per published term and one per spelling of it."""

import uuid

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import text


class SearchDocument(models.Model):
    """A published term as the search sees it, built from ``Term.search_document()``."""

    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    term = models.CharField(_("mot"), max_length=255)
    url = models.CharField(_("adresse"), max_length=500)
    short_definition = models.TextField(_("définition courte"), blank=True)
    category = models.CharField(_("catégorie"), max_length=120, blank=True)
    variants = models.JSONField(_("variantes"), default=list, blank=True)
    synonyms = models.JSONField(_("synonymes"), default=list, blank=True)
    full_text = models.TextField(_("texte complet"), blank=True)
    #: Folded, stop-word-free and stemmed words of the whole definition, for full-text matching.
    stems = models.TextField(blank=True)
    #: PostgreSQL only: French full-text vector of the definition (unused on other databases).
    search_vector = SearchVectorField(null=True, blank=True)
    #: The term's meaning: its vector (float16) from ``meaning.document_vector``, computed when it is indexed.
    meaning = models.BinaryField(default=b"", blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("mot indexé")
        verbose_name_plural = _("mots indexés")

    def __str__(self):
        return self.term

    def definition_text(self):
        """Everything a description of the word may match: definitions, synonyms, variants, category."""
        parts = [self.term, *self.variants, *self.synonyms, self.short_definition, self.full_text, self.category]
        return " ".join(part for part in parts if part)


class SearchKey(models.Model):
    """One way of writing a term (the term, a variant, a synonym, an acronym spelled out) with its keys."""

    class Kind(models.TextChoices):
        TERM = "term", _("mot")
        VARIANT = "variant", _("variante")
        SYNONYM = "synonym", _("synonyme")
        SPELLED = "spelled", _("sigle épelé")

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="keys")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=255)
    folded = models.CharField(max_length=255)
    compact = models.CharField(max_length=255, db_index=True)
    singular = models.CharField(max_length=255, db_index=True)
    phonetic = models.CharField(max_length=255, db_index=True)
    skeleton = models.CharField(max_length=255, db_index=True, blank=True)

    class Meta:
        verbose_name = _("écriture d'un mot")

    def __str__(self):
        return self.text

    @classmethod
    def build(cls, document, kind, value):
        return cls(
            document=document,
            kind=kind,
            text=value[:255],
            folded=text.fold(value)[:255],
            compact=text.compact(value)[:255],
            singular=text.singular_compact(value)[:255],
            phonetic=text.phonetic(value)[:255],
            skeleton=text.skeleton(value)[:255],
        )


class IndexVersion(models.Model):
    """One row naming the index's state: every change gives it a new random name, and the embedded engine
    reloads its memory copy when the name differs from the one it loaded (a rolled-back change rolls back both)."""

    version = models.CharField(max_length=32, default="")

    def __str__(self):
        return self.version

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or ""

    @classmethod
    def bump(cls):
        """A new state: the engines reload, and the site's kept search pages and answers are forgotten."""
        from portail.cache import on_change

        version = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(version=version):
            cls.objects.update_or_create(pk=1, defaults={"version": version})
        on_change(cls)  # a plain update sends no signal (a bulk rebuild sends none at all)


class UnansweredSearch(models.Model):
    """A search that found no term well, counted per folded text and day. No IP, no user: nothing personal."""

    query = models.CharField(_("mot cherché"), max_length=100)
    day = models.DateField(_("jour"), default=timezone.localdate)
    count = models.PositiveIntegerField(_("nombre de recherches"), default=0)

    class Meta:
        verbose_name = _("mot cherché sans réponse")
        verbose_name_plural = _("mots cherchés sans réponse")
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="unanswered_search_once_a_day")]
        ordering = ["-day", "-count"]

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query):
        """Count one more search of the folded ``query`` today."""
        folded = text.fold(query)[:100]
        if not folded:
            return
        today = timezone.localdate()
        updated = cls.objects.filter(query=folded, day=today).update(count=F("count") + 1)
        if not updated:
            obj, created = cls.objects.get_or_create(query=folded, day=today, defaults={"count": 1})
            if not created:
                cls.objects.filter(pk=obj.pk).update(count=F("count") + 1)


def record_unanswered_search(query):
    """:meth:`UnansweredSearch.record`, by its dotted path (called for kept copies of a search page too)."""
    UnansweredSearch.record(query)
