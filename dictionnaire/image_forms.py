"""The draft form's images (see ``dictionnaire.images``): up to three, each with its required description."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from dictionnaire.images import MAX_IMAGES, TermImage
from portail.uploads import SafeImageField

#: The description's help and its error, for pupils (« tu ») and for adults (« vous »).
ALT_HELP = {
    True: _("Décris l'image en une phrase pour ceux qui ne la voient pas."),
    False: _("Décrivez l'image en une phrase pour ceux qui ne la voient pas."),
}
ALT_REQUIRED = {
    True: _("Décris l'image en une phrase : c'est obligatoire pour ceux qui ne la voient pas."),
    False: _("Décrivez l'image en une phrase : c'est obligatoire pour ceux qui ne la voient pas."),
}


class DraftImagesMixin:
    """The draft form's images: the ones already there (description to change, box to remove them) and empty
    slots to add new ones, up to ``MAX_IMAGES``. Every new file is re-encoded without its metadata. The form has a
    ``pupil`` attribute (« tu » or « vous »)."""

    def add_image_fields(self):
        self.existing_images = list(self.instance.images.all())
        for index, term_image in enumerate(self.existing_images, start=1):
            self.fields[f"image_existante_{index}_texte"] = forms.CharField(
                label=_("Description de l'image %(number)s") % {"number": index},
                max_length=250,
                required=False,
                initial=term_image.alt_text,
                help_text=ALT_HELP[self.pupil],
            )
            self.fields[f"image_existante_{index}_retirer"] = forms.BooleanField(
                label=_("Retirer cette image"), required=False
            )
        self.new_slots = range(1, MAX_IMAGES - len(self.existing_images) + 1)
        for index in self.new_slots:
            self.fields[f"image_{index}"] = SafeImageField(
                label=_("Image %(number)s (facultatif)") % {"number": index},
                required=False,
                help_text=_("JPEG, PNG, GIF ou WebP. Ses données cachées (lieu, date, appareil) sont effacées."),
            )
            self.fields[f"image_{index}_texte"] = forms.CharField(
                label=_("Description de l'image %(number)s") % {"number": index},
                max_length=250,
                required=False,
                help_text=ALT_HELP[self.pupil],
            )

    def existing_image_fields(self):
        return [
            (term_image, self[f"image_existante_{index}_texte"], self[f"image_existante_{index}_retirer"])
            for index, term_image in enumerate(self.existing_images, start=1)
        ]

    def new_image_fields(self):
        return [(self[f"image_{index}"], self[f"image_{index}_texte"]) for index in self.new_slots]

    def clean_images(self, cleaned):
        for index, _term_image in enumerate(self.existing_images, start=1):
            name = f"image_existante_{index}_texte"
            if not cleaned.get(f"image_existante_{index}_retirer") and not (cleaned.get(name) or "").strip():
                self.add_error(name, ALT_REQUIRED[self.pupil])
        for index in self.new_slots:
            if cleaned.get(f"image_{index}") and not (cleaned.get(f"image_{index}_texte") or "").strip():
                self.add_error(f"image_{index}_texte", ALT_REQUIRED[self.pupil])

    def attach_images(self, term, user=None):
        """Give ``term`` (not saved yet) the form's images: the kept ones, then the new ones, saved as images."""
        images = []
        for index, term_image in enumerate(self.existing_images, start=1):
            if not self.cleaned_data.get(f"image_existante_{index}_retirer"):
                images.append(
                    TermImage(image=term_image.image, alt_text=self.cleaned_data[f"image_existante_{index}_texte"])
                )
        for index in self.new_slots:
            upload = self.cleaned_data.get(f"image_{index}")
            if upload:
                alt_text = self.cleaned_data[f"image_{index}_texte"].strip()
                image = get_image_model()(title=f"{term.word} — {alt_text}"[:255], file=upload)
                image.uploaded_by_user = user
                image.save()
                images.append(TermImage(image=image, alt_text=alt_text))
        for order, term_image in enumerate(images):
            term_image.sort_order = order
        term.images = images
        return term
