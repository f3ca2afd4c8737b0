from django import forms
from django.utils.translation import gettext_lazy as _

from dictionnaire import privacy
from dictionnaire.image_forms import DraftImagesMixin
from dictionnaire.models import Category, Classroom, Term
from dictionnaire.richtext import html_to_text, text_to_html
from dictionnaire.text import RESERVED_SLUGS, match_key, slug_for
from portail.abuse import HoneypotMixin


class WordRequestForm(HoneypotMixin, forms.Form):
    word = forms.CharField(
        label=_("Le mot que vous ne comprenez pas"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Écrivez le mot que vous cherchez.")},
    )
    context = forms.CharField(
        label=_("Où l'avez-vous vu ou entendu ? (si vous voulez)"),
        help_text=_("Par exemple : « sur le site de la CAF », « à la banque »."),
        max_length=300,
        required=False,
    )
    email = forms.EmailField(
        label=_("Votre e-mail, pour être prévenu (si vous voulez)"),
        help_text=_("Nous l'effaçons dès que nous vous avons écrit. Sans e-mail, vous aurez un code de suivi."),
        required=False,
        error_messages={"invalid": _("Cette adresse e-mail n'a pas l'air complète, par exemple : nom@exemple.fr")},
    )

    def clean_word(self):
        word = " ".join(self.cleaned_data["word"].split())
        if not match_key(word):
            raise forms.ValidationError(_("Écrivez un mot avec des lettres ou des chiffres."))
        return word


class MeTooForm(HoneypotMixin, forms.Form):
    """« Moi aussi » on a wanted word: a tracking code always, an e-mail if the person wants one."""

    email = forms.EmailField(
        label=_("Votre e-mail, pour être prévenu (si vous voulez)"),
        help_text=_("Nous l'effaçons dès que nous vous avons écrit. Sans e-mail, vous aurez un code de suivi."),
        required=False,
        error_messages={"invalid": _("Cette adresse e-mail n'a pas l'air complète, par exemple : nom@exemple.fr")},
    )


class JoinWorkshopForm(HoneypotMixin, forms.Form):
    code = forms.CharField(
        label=_("Le code de l'atelier"),
        max_length=12,
        help_text=_("Ton enseignant ou ton animateur te le donne."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Écrivez le code de l'atelier.")},
    )
    nickname = forms.CharField(
        label=_("Ton prénom ou ton surnom"),
        max_length=30,
        help_text=_("Un prénom ou un surnom d'un seul mot, jamais ton nom de famille. Ou prends un surnom au hasard."),
        error_messages={"required": _("Écris ton prénom ou un surnom.")},
    )

    def clean_nickname(self):
        nickname = " ".join(self.cleaned_data["nickname"].split())
        problem = privacy.nickname_problem(nickname)
        if problem:
            raise forms.ValidationError(problem)
        return nickname


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["pseudonym", "level"]


class DraftForm(DraftImagesMixin, forms.ModelForm):
    """The workshop's form for a definition: every part of it, in plain text fields, and up to three images."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    full_text = forms.CharField(
        label=_("Définition complète"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Laisse une ligne vide pour un nouveau paragraphe. Une ligne qui commence par « - » fait une liste. "
            "**Deux étoiles** autour d'un mot le mettent en gras."
        ),
    )

    class Meta:
        model = Term
        fields = ["word", "category", "short_definition", "definition_synonyms", "usages", "danger", "cool"]
        widgets = {
            "short_definition": forms.Textarea(attrs={"rows": 3}),
            "definition_synonyms": forms.TextInput(),
            "usages": forms.Textarea(attrs={"rows": 3}),
            "danger": forms.Textarea(attrs={"rows": 4}),
            "cool": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "word": _("Le mot"),
            "category": _("Catégorie"),
            "short_definition": _("Définition courte (une ou deux phrases)"),
            "definition_synonyms": _("Autres mots pour le dire"),
            "usages": _("On dit… (une phrase par ligne)"),
            "danger": _("Ce que je trouve dangereux des fois"),
            "cool": _("Ce que je trouve cool en même temps"),
        }

    def __init__(self, *args, nicknames=(), pupil=False, **kwargs):
        super().__init__(*args, **kwargs)
        #: The class's pupils' nicknames, looked for in the text; a pupil cannot save personal data at all.
        self.nicknames, self.pupil = nicknames, pupil
        self.privacy_findings = []
        self.fields["category"].choices = [("", _("Choisir…")), *Category.choices]
        if not self.is_bound:
            self.initial.setdefault("full_text", html_to_text(self.instance.full_definition))
            self.initial.setdefault("base_revision", self.instance.latest_revision_id)
        if self.instance.pk and self.instance.live:
            # The word of a published term is the moderators' business: its address must not move.
            self.fields["word"].disabled = True
        self.add_image_fields()

    def clean(self):
        cleaned = super().clean()
        self.clean_images(cleaned)
        self.instance.full_definition = text_to_html(cleaned.get("full_text", ""))
        values = {**cleaned, "full_definition": cleaned.get("full_text", "")}
        values["image_alt"] = privacy.image_descriptions(
            [value for name, value in cleaned.items() if name.endswith("_texte") and isinstance(value, str)]
        )
        self.privacy_findings = privacy.scan_values(values, self.nicknames)
        if self.pupil and self.privacy_findings:
            self.add_error(None, privacy.findings_message(self.privacy_findings))
            for finding in self.privacy_findings:
                field = "full_text" if finding.field == "full_definition" else finding.field
                if field in self.fields and field not in self.errors:
                    self.add_error(
                        field, _("Enlève %(what)s : « %(found)s ».") % {"what": finding, "found": finding.found}
                    )
        word = cleaned.get("word")
        if word and not self.instance.pk:
            slug = slug_for(word)
            if slug in RESERVED_SLUGS:
                self.add_error("word", _("Ce mot ne peut pas être utilisé comme adresse de page. Ajoutez un mot."))
            elif Term.objects.filter(slug=slug).exists() or Term.find_by_word(word):
                self.add_error("word", _("Ce mot est déjà dans le dictionnaire : améliorez plutôt sa définition."))
        return cleaned
