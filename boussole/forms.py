from django import forms
from django.utils.translation import gettext_lazy as _

from boussole.models import ErrorReport
from boussole.referentials import referential, thematique_groups
from portail.abuse import HoneypotMixin

#: Categories of needs shown first to parents; the others follow.
PARENT_CATEGORIES = ["famille", "numerique"]


def _empty_value(field):
    if isinstance(field, forms.BooleanField):
        return False
    if isinstance(field, forms.FloatField):
        return None
    return ""


def thematique_choices():
    first = thematique_groups(PARENT_CATEGORIES)
    others = [group for group in thematique_groups() if group not in first]
    return [("", _("Tous les besoins")), *first, *others]


def public_choices():
    return [("", _("Tous les publics"))] + [
        (value, label) for value, label in referential("publics").items() if value != "tous-publics"
    ]


class PlaceFormMixin(forms.Form):
    lieu = forms.CharField(
        label=_("Où ? (commune ou code postal)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "communes-proposees", "autocomplete": "off", "data-communes": ""}),
    )
    commune = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)


class DirectorySearchForm(PlaceFormMixin):
    """The annuaire's search, sent by GET: every field optional, a bad value is ignored, never an error page."""

    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=100)
    thematique = forms.ChoiceField(label=_("Besoin"), required=False, choices=thematique_choices)
    public = forms.ChoiceField(label=_("Pour qui ?"), required=False, choices=public_choices)
    ouvert = forms.BooleanField(label=_("Ouvert maintenant"), required=False)

    field_order = ["thematique", "lieu", "q", "public", "ouvert"]

    def cleaned(self):
        """The valid values, with defaults for the fields that were empty or wrong."""
        self.is_valid()
        data = {name: _empty_value(field) for name, field in self.fields.items()}
        data.update(getattr(self, "cleaned_data", {}))
        return data


class AgendaSearchForm(PlaceFormMixin):
    thematique = forms.ChoiceField(label=_("Thème"), required=False, choices=thematique_choices)
    public = forms.ChoiceField(label=_("Pour qui ?"), required=False, choices=public_choices)
    archives = forms.BooleanField(label=_("Voir les événements passés"), required=False)

    field_order = ["thematique", "lieu", "public", "archives"]
    cleaned = DirectorySearchForm.cleaned


class ResourceFilterForm(forms.Form):
    thematique = forms.ChoiceField(label=_("Thème"), required=False, choices=thematique_choices)
    public = forms.ChoiceField(label=_("Pour qui ?"), required=False, choices=public_choices)
    cleaned = DirectorySearchForm.cleaned


class ErrorReportForm(HoneypotMixin, forms.ModelForm):
    """ "Signaler une erreur": a message, an optional address for a reply, and a field robots fill in."""

    class Meta:
        model = ErrorReport
        fields = ["message", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "message": _("Par exemple : « le numéro de téléphone a changé », « le centre est fermé le mercredi »."),
            "email": _("Facultatif. Seulement pour vous répondre ; il est effacé une fois la fiche corrigée."),
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier à importer"),
        help_text=_("JSON au format data·inclusion 1.0.8, ou CSV avec les mêmes colonnes. 10 Mo au plus."),
    )
    dry_run = forms.BooleanField(
        label=_("Essai à blanc : vérifier sans rien enregistrer"), required=False, initial=True
    )

    MAX_SIZE = 10 * 1024 * 1024

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > self.MAX_SIZE:
            raise forms.ValidationError(_("Ce fichier est trop gros (10 Mo au plus)."))
        if not file.name.lower().endswith((".json", ".csv")):
            raise forms.ValidationError(_("Formats acceptés : .json (data·inclusion) ou .csv."))
        return file
