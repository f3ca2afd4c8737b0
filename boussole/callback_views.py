"""The public « Être rappelé(e) » form of a structure: ``/boussole/annuaire/<slug>/rappel/``."""

import re

from django import forms
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boussole.callbacks import MOMENTS, CallbackRequest
from boussole.models import Structure
from portail.abuse import HoneypotMixin, is_limited

PHONE = re.compile(r"^\+?[0-9]{9,15}$")


class CallbackForm(HoneypotMixin, forms.Form):
    prenom = forms.CharField(
        label=gettext_lazy("Votre prénom"),
        max_length=60,
        error_messages={"required": gettext_lazy("Écrivez votre prénom : la structure le dira en vous appelant.")},
    )
    telephone = forms.CharField(
        label=gettext_lazy("Votre numéro de téléphone"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        help_text=gettext_lazy("Par exemple : 06 12 34 56 78."),
        error_messages={"required": gettext_lazy("Écrivez le numéro où la structure peut vous rappeler.")},
    )
    moments = forms.MultipleChoiceField(
        label=gettext_lazy("Les meilleurs moments pour vous appeler"),
        choices=MOMENTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Facultatif. Cochez un ou plusieurs moments."),
    )
    message = forms.CharField(
        label=gettext_lazy("Un mot sur votre demande"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Facultatif. Pas besoin de donner de détails sur vos enfants."),
    )
    consentement = forms.BooleanField(
        label=gettext_lazy(
            "J'accepte que la structure garde mon prénom et mon numéro pour me rappeler. "
            "Ils sont effacés 30 jours après l'appel."
        ),
        error_messages={"required": gettext_lazy("Cochez cette case pour que la structure puisse vous rappeler.")},
    )

    def clean_telephone(self):
        number = re.sub(r"[\s.\-()]", "", self.cleaned_data["telephone"])
        if not PHONE.match(number):
            raise forms.ValidationError(_("Ce numéro ne semble pas complet. Exemple : 06 12 34 56 78."))
        return self.cleaned_data["telephone"].strip()


def callback_view(request, slug):
    structure = get_object_or_404(Structure.objects.public(), slug=slug)
    context = {"structure": structure, "promise": structure.delai_rappel}
    if request.method != "POST":
        return TemplateResponse(request, "boussole/callback.html", {**context, "form": CallbackForm()})
    form = CallbackForm(request.POST)
    if is_limited(request, "callback-request"):
        form.add_error(None, _("Vous avez déjà fait plusieurs demandes. Merci de réessayer dans une heure."))
        return TemplateResponse(request, "boussole/callback.html", {**context, "form": form}, status=429)
    if form.is_bot():
        return TemplateResponse(request, "boussole/callback.html", {**context, "done": True})
    if not form.is_valid():
        return TemplateResponse(request, "boussole/callback.html", {**context, "form": form}, status=400)
    data = form.cleaned_data
    callback = CallbackRequest.objects.create(
        structure=structure,
        prenom=data["prenom"].strip(),
        telephone=data["telephone"],
        moments=data["moments"],
        message=data["message"].strip(),
        consented_at=timezone.now(),
    )
    notify(request, callback)
    return TemplateResponse(request, "boussole/callback.html", {**context, "done": True, "callback": callback})


def notify(request, callback):
    """Tells the structure a parent waits for a call; the number itself stays in the admin (not in e-mails)."""
    url = request.build_absolute_uri(reverse("wagtailsnippets_boussole_callbackrequest:edit", args=[callback.pk]))
    body = _(
        "Un parent demande à être rappelé par %(structure)s (référence %(reference)s).\n"
        "Vous avez promis de rappeler %(promise)s.\n\nLe numéro et les moments pour appeler : %(url)s\n"
    ) % {"structure": callback.structure.nom, "reference": callback.reference, "promise": callback.promise, "url": url}
    send_mail(
        _("Demande de rappel %(reference)s") % {"reference": callback.reference},
        body,
        None,
        callback.recipients(),
        fail_silently=True,
    )
