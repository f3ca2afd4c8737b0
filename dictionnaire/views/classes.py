"""The adults' space (« vous »): sign-in, their classes, opening and closing workshops, sending to moderators."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import WorkflowState

from dictionnaire import privacy, workshops
from dictionnaire.models import (
    Classroom,
    Term,
    WordRequest,
    Workshop,
)
from dictionnaire.views.drafting import class_work
from portail.accounts.forms import NewClassroomForm
from portail.security.lockout import address_is_locked, lockout_response


class AdultAuthenticationForm(AuthenticationForm):
    """Django's sign-in form without ``autofocus``: the first Tab stop stays the « Aller au contenu » link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)


class LoginView(auth_views.LoginView):
    template_name = "dictionnaire/login.html"
    redirect_authenticated_user = True
    authentication_form = AdultAuthenticationForm

    def get_default_redirect_url(self):
        return reverse("dictionnaire:classes")

    def get(self, request, *args, **kwargs):
        """An address whose sign-ins are locked gets the page saying how long to wait, not a form it cannot use."""
        if address_is_locked(request):
            return lockout_response(request)
        return super().get(request, *args, **kwargs)


@login_required(login_url="dictionnaire:login")
def classes(request):
    """The adult's classes and the form of a new one, in one of their structures.

    Someone who is no adult of a structure (a moderator, a superuser, an adult whose structure was removed) is
    told whom to ask, and never shown a form they cannot use.
    """
    accompagnateur = getattr(request.user, "accompagnateur", None)
    structures = list(accompagnateur.structures.order_by("name")) if accompagnateur else []
    mine = Classroom.objects.select_related("structure")
    if not request.user.is_superuser:
        mine = mine.filter(adult=request.user)
    if accompagnateur is None and not request.user.is_superuser:
        return TemplateResponse(request, "dictionnaire/classes_refused.html", status=403)
    form = None
    if structures:
        form = NewClassroomForm(request.POST or None, structures=accompagnateur.structures.order_by("name"))
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Votre compte n'est lié à aucune structure : il ne peut pas créer de classe."))
            return redirect("dictionnaire:classes")
        if form.is_valid():
            classroom = form.save(commit=False)
            classroom.adult = request.user
            classroom.save()
            messages.success(request, _("La classe « %(name)s » est créée.") % {"name": classroom})
            return redirect(classroom.get_absolute_url())
    return TemplateResponse(request, "dictionnaire/classes.html", {"form": form, "classrooms": mine})


def _own_classroom(request, pk):
    classroom = get_object_or_404(Classroom.objects.select_related("structure", "adult"), pk=pk)
    if classroom.adult_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    return classroom


@login_required(login_url="dictionnaire:login")
def classroom_detail(request, pk):
    classroom = _own_classroom(request, pk)
    open_workshop = classroom.workshops.filter(closed=False, expires_at__gt=timezone.now()).first()
    return TemplateResponse(
        request,
        "dictionnaire/classroom.html",
        {
            "classroom": classroom,
            "open_workshop": open_workshop,
            "pupils": workshops.pupils_at_work(open_workshop),
            **class_work(classroom),
        },
    )


@require_POST
@login_required(login_url="dictionnaire:login")
def workshop_open(request, pk):
    classroom = _own_classroom(request, pk)
    opened = Workshop.open(classroom, request.user)
    messages.success(request, _("Atelier ouvert. Le code pour les élèves : %(code)s") % {"code": opened.code})
    return redirect(classroom.get_absolute_url())


@require_POST
@login_required(login_url="dictionnaire:login")
def workshop_close(request, pk):
    classroom = _own_classroom(request, pk)
    now = timezone.now()
    for item in classroom.workshops.filter(closed=False):
        item.closed = True
        item.expires_at = min(item.expires_at, now)  # when it ended: pupils still writing get an hour to save
        item.save(update_fields=["closed", "expires_at"])
        item.pupils.all().delete()
    messages.success(request, _("L'atelier est fermé. Les prénoms des élèves sont effacés."))
    return redirect(classroom.get_absolute_url())


@require_POST
@login_required(login_url="dictionnaire:login")
def submit(request, pk, term_pk):
    """The adult sends the class's draft to the moderators (Wagtail's workflow)."""
    classroom = _own_classroom(request, pk)
    term = get_object_or_404(Term, pk=term_pk)
    if term.classroom_id != classroom.pk and not term.contributions.filter(classroom=classroom).exists():
        raise PermissionDenied
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)  # two clicks send once
        state = term.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            messages.info(request, _("Ce mot est déjà chez les modérateurs."))
        elif state is None and term.live and not term.has_unpublished_changes:
            messages.info(request, _("Rien de nouveau à envoyer pour ce mot."))
        elif findings := privacy.scan_term(term.get_latest_revision_as_object(), privacy.class_nicknames(classroom)):
            messages.error(
                request,
                _("« %(word)s » contient %(what)s : retirez-le avant de l'envoyer aux modérateurs.")
                % {"word": term.word, "what": ", ".join(dict.fromkeys(str(finding) for finding in findings))},
            )
            return redirect(reverse("dictionnaire:draft_preview", args=[term.pk]) + f"?classe={classroom.pk}")
        elif state is not None:
            # Sent back with « Demander des modifications »: resume the same workflow, as Wagtail's « Resoumettre »
            # does (a new workflow would break Wagtail's one-workflow-in-progress rule).
            state.resume(request.user)
            _sent(request, term)
        elif (workflow := term.get_workflow()) is None:
            messages.error(request, _("La relecture n'est pas encore configurée. Prévenez l'administrateur du site."))
        else:
            workflow.start(term, request.user)
            _sent(request, term)
    return redirect(classroom.get_absolute_url())


def _sent(request, term):
    WordRequest.objects.filter(term=term).update(status=WordRequest.Status.IN_MODERATION)
    messages.success(request, _("« %(word)s » est envoyé aux modérateurs. Merci !") % {"word": term.word})


@require_POST
@login_required(login_url="dictionnaire:login")
def workshop_unlock(request, pk):
    """« Trop d'essais » for the whole class (one address): the adult lets the right code in again for an hour."""
    classroom = _own_classroom(request, pk)
    opened = classroom.workshops.filter(closed=False, expires_at__gt=timezone.now()).first()
    if opened is None:
        messages.info(request, _("Aucun atelier n'est ouvert."))
    else:
        workshops.unlock(opened)
        messages.success(request, _("L'atelier est débloqué : vos élèves peuvent de nouveau entrer avec le code."))
    return redirect(classroom.get_absolute_url())
