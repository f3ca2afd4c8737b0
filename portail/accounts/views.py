"""Public and account pages of the onboarding: take part, accept an invitation, one's own account.

Every page works without JavaScript (plain POST forms with CSRF).
"""

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portail.abuse import is_limited
from portail.accounts import services
from portail.accounts.forms import AccountForm, ChoosePasswordForm, DeleteAccountForm, JoinRequestForm
from portail.accounts.models import Invitation, JoinRequest

LOGIN = "dictionnaire:login"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def participate(request):
    """« Participer »: who can take part and how, and the request form of a structure."""
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST":
        if is_limited(request, "join-request"):
            form.add_error(None, _("Plusieurs demandes sont déjà arrivées d'ici. Réessayez dans une heure, merci."))
            return TemplateResponse(request, "accounts/participate.html", {"form": form}, status=429)
        if form.is_bot():
            return redirect(reverse("participate") + "?envoye=1")
        if form.is_valid():
            JoinRequest.objects.create(
                structure_name=form.cleaned_data["structure"],
                commune=form.cleaned_data["commune"],
                code_insee=form.code_insee,
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
            )
            return redirect(reverse("participate") + "?envoye=1")
    sent = request.method == "GET" and request.GET.get("envoye") == "1"
    return TemplateResponse(request, "accounts/participate.html", {"form": form, "sent": sent})


def invitation(request, token):
    """The invitation's one-time link: a new adult chooses a password and is signed in on their classes."""
    found = Invitation.find(token)
    if found is None:
        return TemplateResponse(request, "accounts/invitation_invalid.html", status=404)
    if services.existing_account(found):
        # The link never changes a password: an adult who already has an account joins the structure and signs in.
        if request.method == "POST":
            services.accept_invitation(found, password=None)
            messages.success(
                request, _("Vous faites maintenant partie de « %(name)s ». Connectez-vous.") % {"name": found.structure}
            )
            return redirect(LOGIN)
        return TemplateResponse(request, "accounts/invitation.html", {"invitation": found, "existing": True})
    form = ChoosePasswordForm(found.email, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(found, form.cleaned_data["new_password1"])
        login(request, user, backend=BACKEND)
        messages.success(request, _("Bienvenue ! Créez maintenant votre première classe."))
        return redirect("dictionnaire:classes")
    return TemplateResponse(request, "accounts/invitation.html", {"invitation": found, "form": form})


@login_required(login_url=LOGIN)
def account(request):
    """The adult's own data: their e-mail (shown, corrected), their structures, a way to delete the account."""
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Votre adresse e-mail est enregistrée."))
        return redirect("accounts:account")
    accompagnateur = getattr(request.user, "accompagnateur", None)
    structures = accompagnateur.structures.order_by("name") if accompagnateur else []
    return TemplateResponse(
        request,
        "accounts/account.html",
        {"form": form, "structures": structures, "delete_form": DeleteAccountForm(request.user)},
    )


@require_POST
@login_required(login_url=LOGIN)
def account_delete(request):
    """Delete one's account (its classes stay, signed by their pseudonym, without the adult)."""
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid() or request.user.is_superuser:
        if request.user.is_superuser:
            form.add_error(None, _("Un compte d'administrateur du site se supprime dans l'administration."))
        accompagnateur = getattr(request.user, "accompagnateur", None)
        structures = accompagnateur.structures.order_by("name") if accompagnateur else []
        context = {"form": AccountForm(instance=request.user), "structures": structures, "delete_form": form}
        return TemplateResponse(request, "accounts/account.html", context, status=400)
    user = request.user
    logout(request)
    user.delete()
    messages.success(request, _("Votre compte est supprimé, avec votre adresse e-mail."))
    return redirect(LOGIN)
