"""Forms of the onboarding: take part, invite, choose a password, keep one's account."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from boussole.referentials import find_communes, normalize
from dictionnaire.forms import ClassroomForm
from portail.abuse import HoneypotMixin

EMAIL_ERRORS = {"invalid": _("Cette adresse e-mail n'a pas l'air complète, par exemple : nom@exemple.fr")}


class JoinRequestForm(HoneypotMixin, forms.Form):
    structure = forms.CharField(
        label=_("Le nom de votre structure"),
        max_length=150,
        help_text=_("Centre social, école, médiathèque, association…"),
        error_messages={"required": _("Écrivez le nom de votre structure.")},
    )
    commune = forms.CharField(
        label=_("Sa commune"),
        max_length=100,
        help_text=_("Le nom de la commune ou son code postal."),
        error_messages={"required": _("Écrivez la commune de votre structure.")},
    )
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        help_text=_("Nous vous répondons à cette adresse ; si nous acceptons, elle reçoit votre invitation."),
        error_messages={"required": _("Écrivez votre adresse e-mail."), **EMAIL_ERRORS},
    )
    message = forms.CharField(
        label=_("Quelques mots sur votre projet (si vous voulez)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_structure(self):
        return " ".join(self.cleaned_data["structure"].split())

    def clean_commune(self):
        commune = " ".join(self.cleaned_data["commune"].split())
        found = find_communes(commune, limit=1)
        if found and not commune.isdigit() and normalize(found[0].nom) != normalize(commune):
            found = []  # « Marseille » is not Marseille-en-Beauvaisis: only a name exactly like the typed one
        self.code_insee = found[0].code_insee if found else ""
        return found[0].nom if found else commune


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de l'adulte"), error_messages=EMAIL_ERRORS)
    structure = forms.ModelChoiceField(
        label=_("Structure"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Vous ne pouvez inviter que dans vos structures.")},
    )

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures


class ChoosePasswordForm(SetPasswordForm):
    """Django's password form (``new_password1``, ``new_password2``, its validators) for an account to come."""

    def __init__(self, email, *args, **kwargs):
        User = get_user_model()
        super().__init__(User(username=email, email=email), *args, **kwargs)


class AccountForm(forms.ModelForm):
    email = forms.EmailField(label=_("Votre adresse e-mail"), error_messages=EMAIL_ERRORS)

    class Meta:
        model = get_user_model()
        fields = ["email"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Votre mot de passe, pour confirmer"), strip=False, widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("Ce n'est pas votre mot de passe."))
        return self.cleaned_data["password"]


class NewClassroomForm(ClassroomForm):
    """A class, in one of the adult's structures: they choose it when they have several."""

    structure = forms.ModelChoiceField(label=_("Structure"), queryset=None, empty_label=None)

    class Meta(ClassroomForm.Meta):
        fields = [*ClassroomForm.Meta.fields, "structure"]

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures
        self.several_structures = len(structures) > 1
        if not self.several_structures:
            del self.fields["structure"]
            self.instance.structure = structures[0]


class JoinDecisionForm(forms.Form):
    """Accepting a request: the structure is created, linked to an existing Boussole sheet when it is the same."""

    boussole_structure = forms.ModelChoiceField(
        label=_("La même structure dans la Boussole"),
        queryset=None,
        required=False,
        empty_label=_("aucune de ces fiches"),
        widget=forms.RadioSelect,
        help_text=_("Pour ne jamais saisir deux fois le même centre : choisissez sa fiche si elle existe déjà."),
    )

    def __init__(self, *args, candidates, **kwargs):
        from boussole.models import Structure as BoussoleStructure

        super().__init__(*args, **kwargs)
        self.fields["boussole_structure"].queryset = BoussoleStructure.objects.filter(
            pk__in=[candidate.pk for candidate in candidates]
        )


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison du refus (envoyée par e-mail)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Écrivez la raison : elle est envoyée à la personne qui a demandé.")},
    )
