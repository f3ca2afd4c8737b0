"""StreamField blocks of an experience sheet: the booklet's sections, testimonials, inserts, images, videos."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

#: Normalised kinds of section; the printed heading stays as written in ``heading``.
SECTION_KINDS = [
    ("context", _("Contexte")),
    ("objectives", _("Objectifs de l'action")),
    ("description", _("Description de l'action")),
    ("results", _("Résultats")),
    ("added_value", _("Plus-values de l'action")),
    ("difficulties", _("Difficultés rencontrées")),
    ("success_factors", _("Facteurs de réussite")),
    ("resources", _("Ressources mobilisées")),
    ("partners", _("Partenaires de l'action")),
    ("perspectives", _("Perspectives")),
    ("tools", _("Outils")),
    ("documents", _("Documents et outils disponibles")),
    ("other", _("Autre")),
]


class SectionBlock(blocks.StructBlock):
    """One section of a fiche. The text is plain: paragraphs separated by a blank line, lists as lines « - »."""

    kind = blocks.ChoiceBlock(choices=SECTION_KINDS, default="other", label=_("type de partie"))
    heading = blocks.CharBlock(max_length=120, label=_("titre"))
    text = blocks.TextBlock(
        label=_("texte"),
        help_text=_("Sautez une ligne entre deux paragraphes. Commencez une ligne par « - » pour une liste."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Partie")
        template = "fiches/blocks/section.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    attribution = blocks.TextBlock(
        required=False, label=_("qui parle"), help_text=_("Prénom, âge, rôle : jamais un nom d'enfant.")
    )

    class Meta:
        icon = "openquote"
        label = _("Témoignage")


class TestimonialsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Témoignages", label=_("titre"))
    quotes = blocks.ListBlock(QuoteBlock(), label=_("témoignages"))

    class Meta:
        icon = "openquote"
        label = _("Témoignages")
        template = "fiches/blocks/testimonials.html"


class InsertBlock(blocks.StructBlock):
    """A boxed text (« encadré ») that may lead to another page of the site."""

    heading = blocks.CharBlock(max_length=120, label=_("titre"))
    text = blocks.TextBlock(label=_("texte"))
    page = blocks.PageChooserBlock(required=False, label=_("page liée"))
    link_text = blocks.CharBlock(required=False, max_length=120, label=_("texte du lien"))

    class Meta:
        icon = "info-circle"
        label = _("Encadré")
        template = "fiches/blocks/insert.html"


class VideoLinkBlock(blocks.StructBlock):
    """A link to a video, not an embed: nothing is loaded from another site until the reader chooses to."""

    url = blocks.URLBlock(label=_("adresse de la vidéo"))
    title = blocks.CharBlock(max_length=200, label=_("titre de la vidéo"))

    class Meta:
        icon = "media"
        label = _("Vidéo (lien)")
        template = "fiches/blocks/video_link.html"


class ExperienceBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    testimonials = TestimonialsBlock()
    insert = InsertBlock()
    image = ImageBlock(label=_("Image"), template="fiches/blocks/image.html")
    video = VideoLinkBlock()
