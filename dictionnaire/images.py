"""A term's images (« une ou des images »): an ordered inline of the term, kept in its revisions, each with the
text that tells what it shows to the people who cannot see it. Pupils add them from the workshop's form."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

#: How many images a definition may have (the admin's inline; the pupils' form has as many slots).
MAX_IMAGES = 3


class TermImage(Orderable):
    term = ParentalKey("dictionnaire.Term", on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        _("description de l'image"),
        max_length=250,
        help_text=_("Ce que montre l'image, pour les personnes qui ne la voient pas."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("image du mot")
        verbose_name_plural = _("images du mot")

    def __str__(self):
        return self.alt_text

    def as_json(self, request=None):
        url = self.image.file.url
        return {"url": request.build_absolute_uri(url) if request else url, "texte_alternatif": self.alt_text}


def images_prefetch(renditions=False):
    """For ``prefetch_related``: a term's images with their files in one query, and their renditions in one more
    (none per image)."""
    queryset = TermImage.objects.select_related("image").order_by("sort_order")
    if renditions:
        queryset = queryset.prefetch_related("image__renditions")
    return models.Prefetch("images", queryset=queryset)
