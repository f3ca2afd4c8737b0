import bleach
from django import forms
from django.utils.translation import gettext_lazy as _

from fiches.models import DEPARTEMENT_CHOICES, ExperiencePublic, ExperienceTheme
from portail.abuse import HoneypotMixin
from portail.uploads import SafeImageField


def plain_text(value):
    """Drop any HTML: a proposal is plain text, whatever was pasted into it."""
    return bleach.clean(value or "", tags=[], attributes={}, strip=True).replace("&amp;", "&").strip()


class PlainTextField(forms.CharField):
    def clean(self, value):
        return super().clean(plain_text(value))


class ProposalForm(HoneypotMixin, forms.Form):
    """A structure tells its experience; the text goes to moderation as a draft fiche."""

    title = PlainTextField(label=_("Titre de l'expérience"), max_length=200)
    structure = PlainTextField(label=_("Nom de votre structure"), max_length=200)
    commune = PlainTextField(label=_("Commune"), max_length=100, required=False)
    departement = forms.ChoiceField(label=_("Département"), choices=DEPARTEMENT_CHOICES)
    context = PlainTextField(
        label=_("Contexte"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Pourquoi avez-vous lancé cette action ? Pour qui ?"),
    )
    description = PlainTextField(
        label=_("Description de l'action"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=_("Ce que vous avez fait, avec qui, comment."),
    )
    results = PlainTextField(
        label=_("Résultats"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("Ce qui a changé pour les personnes."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Thèmes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les thèmes des autres fiches : cochez ceux de votre expérience."),
    )
    publics = forms.MultipleChoiceField(
        label=_("Publics"), required=False, widget=forms.CheckboxSelectMultiple, help_text=_("Avec qui ?")
    )
    photo = SafeImageField(
        label=_("Une photo"),
        required=False,
        help_text=_("Facultatif. JPEG, PNG ou WebP. Ses données cachées (lieu, date, appareil) sont effacées."),
    )
    photo_consent = forms.BooleanField(
        label=_("Aucun enfant n'est reconnaissable sur cette photo, et les personnes visibles sont d'accord."),
        required=False,
    )
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        help_text=_("Pour que le modérateur puisse vous répondre. Elle n'est pas publiée."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = list(ExperienceTheme.objects.order_by("name").values_list("slug", "name"))
        self.fields["publics"].choices = list(ExperiencePublic.objects.order_by("name").values_list("slug", "name"))
        self._describe_fields()

    def clean(self):
        data = super().clean()
        if data.get("photo") and not data.get("photo_consent"):
            self.add_error("photo_consent", _("Cochez cette case pour envoyer la photo, ou retirez la photo."))
        return data

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        """Tie each field to its help text and its error message, for screen readers."""
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue  # a group of boxes: its fieldset's legend and help describe it
            ids = []
            if hasattr(self, "_errors") and self._errors and name in self._errors:
                ids.append(f"{self[name].id_for_label}-erreur")
                field.widget.attrs["aria-invalid"] = "true"
            if field.help_text:
                ids.append(f"{self[name].id_for_label}-aide")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
