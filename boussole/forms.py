from django import forms
from django.utils.translation import gettext_lazy as _

from boussole.ages import age_choices
from boussole.models import ErrorReport
from boussole.needs import all_needs, is_national
from boussole.referentials import referential, thematique_groups
from portail.abuse import HoneypotMixin

#: Categories of needs shown first to professionals; the others follow.
PARENT_CATEGORIES = ["famille", "numerique"]
#: Publics in plain words, in the order shown (the other data·inclusion publics stay valid in addresses).
PLAIN_PUBLICS = {
    "familles": _("parents et familles"),
    "jeunes": _("jeunes, adolescents"),
    "femmes": _("femmes"),
    "personnes-en-situation-de-handicap": _("personnes handicapées et leurs proches"),
    "beneficiaires-des-minimas-sociaux": _("personnes qui touchent le RSA ou une autre aide"),
    "personnes-exilees": _("personnes arrivées d'un autre pays"),
    "residents-qpv-frr": _("habitants d'un quartier prioritaire ou d'un village"),
    "seniors": _("grands-parents, personnes âgées"),
}
#: The distances offered around a place, in km; the first search uses :data:`DEFAULT_RADIUS`.
RADIUS_CHOICES = [10, 30, 60]
DEFAULT_RADIUS = 30


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
    return [("", _("Tous les publics")), *PLAIN_PUBLICS.items()]


class PublicChoiceField(forms.ChoiceField):
    """Shows the plain publics; any data·inclusion public stays valid (links from professionals)."""

    def valid_value(self, value):
        return super().valid_value(value) or (value in referential("publics") and value != "tous-publics")


class NeedChoiceField(forms.ChoiceField):
    """The ``thematique`` parameter: a parent's need (by slug) or, for professionals, a national code."""

    def valid_value(self, value):
        return super().valid_value(value) or is_national(value)


class NeedFormMixin(forms.Form):
    """``thematique``: the parents' needs (one query), or every national thématique with ``toutes``; ``public``
    in plain words; ``age``: the child's age band."""

    thematique = NeedChoiceField(label=_("Besoin"), required=False)
    toutes = forms.BooleanField(required=False, widget=forms.HiddenInput)
    public = PublicChoiceField(label=_("Pour qui ?"), required=False, choices=public_choices)
    age = forms.ChoiceField(label=_("Âge de l'enfant"), required=False, choices=age_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs = all_needs()
        choices = [("", _("Tous les besoins")), *((need.slug, need.label) for need in self.needs)]
        value = self.data.get("thematique", "") if self.is_bound else ""
        self.all_thematiques = self.data.get("toutes") in {"1", "True", "on"} or is_national(value)
        if self.all_thematiques:
            choices += [
                (_("Toutes les thématiques : %(categorie)s") % {"categorie": group}, options)
                for group, options in thematique_choices()[1:]
            ]
        self.fields["thematique"].choices = choices


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
    rayon = forms.TypedChoiceField(
        label=_("Jusqu'à"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_RADIUS,
        choices=[(km, _("%(km)s km") % {"km": km}) for km in RADIUS_CHOICES],
        initial=DEFAULT_RADIUS,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("rayon"):
            data = data.copy()  # the select shows the radius searched: the default one when none was sent
            data["rayon"] = str(DEFAULT_RADIUS)
        super().__init__(data, *args, **kwargs)


class DirectorySearchForm(NeedFormMixin, PlaceFormMixin):
    """The annuaire's search, sent by GET: every field optional, a bad value is ignored, never an error page."""

    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=100)
    ouvert = forms.BooleanField(label=_("Ouvert maintenant"), required=False)

    field_order = ["thematique", "lieu", "rayon", "age", "q", "public", "ouvert"]

    def cleaned(self):
        """The valid values, with defaults for the fields that were empty or wrong."""
        self.is_valid()
        data = {name: _empty_value(field) for name, field in self.fields.items()}
        if "rayon" in self.fields:
            data["rayon"] = DEFAULT_RADIUS
        data.update(getattr(self, "cleaned_data", {}))
        return data


class AgendaSearchForm(NeedFormMixin, PlaceFormMixin):
    archives = forms.BooleanField(label=_("Voir les événements passés"), required=False)

    field_order = ["thematique", "lieu", "rayon", "age", "public", "archives"]
    cleaned = DirectorySearchForm.cleaned


class ResourceFilterForm(NeedFormMixin):
    age = None  # resources have no ages

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
