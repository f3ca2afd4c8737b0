"""Writing definitions: pupils in a workshop (« tu ») and the adult of their class, who share the drafts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dictionnaire import privacy, readability, workshops
from dictionnaire.forms import DraftForm, JoinWorkshopForm
from dictionnaire.models import (
    Classroom,
    Contribution,
    Pupil,
    Term,
    WordRequest,
    Workshop,
)
from dictionnaire.richtext import html_to_text
from dictionnaire.views import ended

SESSION_KEY = "dictionnaire_atelier"


def current_pupil(request):
    """The pupil of this browser session, if the workshop is still open; otherwise forget it."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    pupil = (
        Pupil.objects.select_related("workshop__classroom__structure", "workshop__classroom__adult")
        .filter(pk=data.get("pupil"), workshop_id=data.get("workshop"))
        .first()
    )
    if pupil is None or not pupil.workshop.is_open:
        request.session.pop(SESSION_KEY, None)
        ended.remember_ended(request, data.get("workshop"))  # what they were writing is not lost
        return None
    return pupil


def actor_for(request, classroom):
    """Who is writing for this class: ``("pupil", pupil)``, ``("adult", user)``, or ``None``."""
    pupil = current_pupil(request)
    if pupil is not None and pupil.workshop.classroom_id == classroom.pk:
        return ("pupil", pupil)
    user = request.user
    if user.is_authenticated and (classroom.adult_id == user.pk or user.is_superuser):
        return ("adult", user)
    return None


def workshop(request):
    """Join a workshop with its code, or, once in, the class's work: requests to take, drafts to write."""
    pupil = current_pupil(request)
    if pupil is None:
        data = request.POST or None
        if data and "surnom_au_hasard" in data:
            data = data.copy()
            data["nickname"] = privacy.generated_nickname()  # « Renard bleu »: nothing about the child
        form = JoinWorkshopForm(data, initial={"code": request.GET.get("code", "")})
        if request.method == "POST":
            # Only wrong codes count towards the limit: a class behind one school address all joins at once.
            if workshops.join_blocked(request, request.POST.get("code", "")):
                form.add_error(
                    None,
                    _(
                        "Trop d'essais. Attends un peu et redemande le code à ton enseignant : il peut aussi débloquer "
                        "l'atelier depuis sa page."
                    ),
                )
                return TemplateResponse(request, "dictionnaire/workshop_join.html", {"form": form}, status=429)
            if form.is_bot():
                return redirect("dictionnaire:workshop")
            if form.is_valid():
                found = Workshop.find_open(form.cleaned_data["code"])
                if found is None:
                    workshops.count_wrong_code(request)
                    form.add_error("code", _("Ce code ne marche pas : l'atelier est peut-être fini. Vérifie-le."))
                else:
                    pupil = Pupil.objects.create(workshop=found, nickname=form.cleaned_data["nickname"])
                    request.session.cycle_key()
                    request.session[SESSION_KEY] = {"pupil": pupil.pk, "workshop": found.pk}
                    request.session.pop(ended.ENDED_KEY, None)
                    request.session.set_expiry(found.expires_at + ended.GRACE)
                    messages.success(request, _("Bienvenue %(name)s !") % {"name": pupil.nickname})
                    return redirect("dictionnaire:workshop")
        return TemplateResponse(request, "dictionnaire/workshop_join.html", {"form": form})
    classroom = pupil.workshop.classroom
    return TemplateResponse(
        request,
        "dictionnaire/workshop.html",
        {"pupil": pupil, "classroom": classroom, **class_work(classroom)},
    )


def class_work(classroom):
    workshops.expire_due_claims()
    terms = list(
        Term.objects.filter(Q(classroom=classroom) | Q(contributions__classroom=classroom))
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .distinct()
        .select_related("latest_revision")
        .order_by("word")
    )
    workshops.annotate_drafts(terms)
    return {
        "open_requests": WordRequest.objects.filter(status=WordRequest.Status.OPEN).order_by("-count", "created_at")[
            :20
        ],
        "claims": workshops.open_claims(classroom),
        "drafts": terms,
        "published": Term.objects.live().only("word", "slug", "pk").order_by("word"),
        "workload": workshops.workload(classroom, terms),
    }


def record_contribution(term, classroom, revision, actor):
    Contribution.objects.create(term=term, classroom=classroom, revision=revision, adult=_author(actor))


@require_POST
def workshop_leave(request):
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("Tu as quitté l'atelier. À bientôt !"))
    return redirect("dictionnaire:workshop")


def _class_of_request(request):
    pupil = current_pupil(request)
    if pupil is not None:
        return pupil.workshop.classroom
    classroom_id = request.GET.get("classe") or request.POST.get("classe")
    if classroom_id and str(classroom_id).isascii() and str(classroom_id).isdigit():
        classroom = Classroom.objects.filter(pk=classroom_id).first()
        if classroom is not None and actor_for(request, classroom):
            return classroom
    return None


def _back_to_work(request, classroom):
    if current_pupil(request) is not None:
        return redirect("dictionnaire:workshop")
    return redirect(classroom.get_absolute_url())


@require_POST
def claim(request, pk):
    classroom = _class_of_request(request)
    if classroom is None:
        raise PermissionDenied
    with transaction.atomic():
        word_request = get_object_or_404(WordRequest.objects.select_for_update(), pk=pk)
        pupil = current_pupil(request) is not None
        if word_request.status != WordRequest.Status.OPEN:
            messages.error(
                request,
                _("Une autre classe a déjà pris ce mot. Choisis-en un autre.")
                if pupil
                else _("Une autre classe a déjà pris ce mot. Choisissez-en un autre."),
            )
        elif not workshops.may_claim(classroom):
            count = {"count": workshops.max_open_claims()}
            messages.error(
                request,
                _("Ta classe a déjà %(count)s mots pris sans brouillon : écris-en un avant d'en prendre un autre.")
                % count
                if pupil
                else _(
                    "Votre classe a déjà %(count)s mots pris sans brouillon : "
                    "écrivez-en un avant d'en prendre un autre."
                )
                % count,
            )
        else:
            word_request.claim(classroom)
            word = {"word": word_request}
            messages.success(
                request,
                _("Ta classe a pris « %(word)s ». À tes crayons !") % word
                if pupil
                else _("Votre classe a pris « %(word)s ». À vos crayons !") % word,
            )
    return _back_to_work(request, classroom)


def draft_new(request, pk):
    """Write the first definition of a word the class has claimed."""
    classroom = _class_of_request(request)
    if classroom is None:
        return ended.ended_while_writing(request, new_request=pk)
    word_request = get_object_or_404(WordRequest, pk=pk, claimed_by=classroom, term__isnull=True)
    actor = actor_for(request, classroom)
    if actor[0] == "pupil":
        workshops.note_writing(actor[1], word_request.word)
    form = DraftForm(
        request.POST or None,
        request.FILES or None,
        instance=Term(classroom=classroom),
        initial={"word": word_request.word},
        **privacy_checks(classroom, actor),
    )
    if request.method == "POST" and form.is_valid():
        save_new_draft(form, classroom, word_request, actor)
        messages.success(request, _("Brouillon enregistré. L'adulte le relira avant de l'envoyer."))
        warn_adult(request, form)
        return _back_to_work(request, classroom)
    return TemplateResponse(
        request,
        "dictionnaire/draft_form.html",
        {
            "form": form,
            "classroom": classroom,
            "word_request": word_request,
            "actor": actor,
            "hints": pupil_hints(form, actor),
        },
    )


def privacy_checks(classroom, actor):
    """The ``DraftForm`` arguments that look for personal data: pupils cannot save any, adults are warned."""
    return {"nicknames": privacy.class_nicknames(classroom), "pupil": not actor or actor[0] != "adult"}


def warn_adult(request, form):
    if form.privacy_findings:
        messages.warning(
            request,
            _(
                "Attention : ce brouillon contient %(what)s. Retirez-le : il ne pourra pas être envoyé aux "
                "modérateurs avant."
            )
            % {"what": ", ".join(dict.fromkeys(str(finding) for finding in form.privacy_findings))},
        )


def pupil_hints(form, actor):
    """Plain-language hints on what the pupil wrote (the posted text, or the saved one)."""
    if actor and actor[0] == "adult":
        return []
    if form.is_bound:
        return readability.hints(form.data.dict(), own_word=form.data.get("word", ""))
    return readability.hints(form.instance, own_word=form.instance.word)


def _author(actor):
    return actor[1] if actor and actor[0] == "adult" else None


def save_new_draft(form, classroom, word_request, actor):
    """The first draft of a claimed word, from a valid ``DraftForm``."""
    with transaction.atomic():
        term = form.attach_images(form.save(commit=False), _author(actor))
        term.live = False
        term.classroom = classroom
        term.credit_year = timezone.now().year
        term.save()
        revision = term.save_revision(user=_author(actor), log_action=True)
        record_contribution(term, classroom, revision, actor)
        word_request.term = term
        word_request.last_draft_at = timezone.now()
        word_request.save()
    return term


def refusal_for(stored, request):
    """Why nobody may change this term now, or ``None``."""
    pupil = current_pupil(request) is not None
    if stored.workflow_in_progress:
        if pupil:
            return _("Cette définition est en relecture chez un modérateur : attends sa réponse pour la changer.")
        return _("Cette définition est en relecture chez un modérateur : attendez sa réponse pour la changer.")
    if stored.locked and stored.locked_by_id != getattr(request.user, "pk", None):
        if pupil:
            return _("Un modérateur est en train de modifier ce mot. Réessaie plus tard.")
        return _("Un modérateur est en train de modifier ce mot. Réessayez plus tard.")
    return None


def save_edit(form, pk, classroom, actor, chosen_over=None):
    """Save a valid ``DraftForm`` as a new revision of term ``pk``, unless someone saved since the form's base
    revision: returns ``(saved term, None)`` or ``(None, the version saved meanwhile)``. ``chosen_over``: the
    revision the writer saw in the conflict page and chose to replace with their text."""
    with transaction.atomic():
        locked = Term.objects.select_for_update().get(pk=pk)
        base = form.cleaned_data.get("base_revision")
        if locked.latest_revision_id and locked.latest_revision_id not in (base, chosen_over):
            return None, locked.get_latest_revision_as_object()
        term = form.attach_images(form.save(commit=False), _author(actor))
        if not locked.classroom_id or not locked.live:
            term.classroom = classroom
        revision = term.save_revision(user=_author(actor), log_action=True)
        record_contribution(locked, classroom, revision, actor)
        if not locked.live:
            # a draft that was never published: its row is not public, keep it in step
            Term.objects.filter(pk=pk).update(classroom=term.classroom)
        WordRequest.objects.filter(term=locked).update(last_draft_at=timezone.now())
    return term, None


def _chosen_over(request):
    """The saved revision a writer chose to replace in the conflict page (« garder ma version »), if they chose."""
    seen = request.POST.get("version_vue", "")
    return int(seen) if request.POST.get("choix") == "garder-ma-version" and seen.isdigit() else None


def compare_versions(saved, form):
    """The conflict page's rows: ``(label, saved text, your text, changed)``, both as the text the form shows."""
    rows = []
    for name in ["word", "short_definition", "full_text", "definition_synonyms", "usages", "danger", "cool"]:
        theirs = html_to_text(saved.full_definition) if name == "full_text" else getattr(saved, name, "")
        mine = form.data.get(name, "")
        normal = " ".join(str(theirs or "").split()), " ".join(str(mine or "").split())
        rows.append((form.fields[name].label, theirs or "", mine or "", normal[0] != normal[1]))
    return rows


def draft_edit(request, pk):
    """Improve a draft or a published definition. The published version stays online until approval."""
    classroom = _class_of_request(request)
    if classroom is None:
        return ended.ended_while_writing(request, term=pk)
    stored = get_object_or_404(Term, pk=pk)
    if not stored.live and stored.classroom_id != classroom.pk:
        raise PermissionDenied
    actor = actor_for(request, classroom)
    if actor[0] == "pupil":
        workshops.note_writing(actor[1], stored.word)
    current = stored.get_latest_revision_as_object()
    conflict = None
    refusal = None
    if request.method == "POST":
        form = DraftForm(request.POST, request.FILES, instance=current, **privacy_checks(classroom, actor))
        refusal = refusal_for(stored, request)
        if refusal is None and form.is_valid():
            saved, conflict = save_edit(form, pk, classroom, actor, chosen_over=_chosen_over(request))
            if saved is not None:
                messages.success(
                    request,
                    _("Modification enregistrée. L'adulte la relira avant de l'envoyer.")
                    if actor[0] == "pupil"
                    else _("Modification enregistrée. Relisez-la dans l'aperçu avant de l'envoyer."),
                )
                warn_adult(request, form)
                return _back_to_work(request, classroom)
        if conflict is not None:
            form.add_error(
                None,
                _(
                    "Quelqu'un a enregistré ce mot pendant que tu écrivais. Ton texte n'est pas perdu : il est "
                    "toujours dans le formulaire. Compare avec la version enregistrée ci-dessous, puis enregistre "
                    "de nouveau."
                )
                if actor[0] == "pupil"
                else _(
                    "Quelqu'un a enregistré ce mot pendant que vous écriviez. Votre texte n'est pas perdu : il est "
                    "toujours dans le formulaire. Comparez avec la version enregistrée ci-dessous, puis enregistrez "
                    "de nouveau."
                ),
            )
        if refusal:
            form.add_error(None, refusal)
    else:
        form = DraftForm(instance=current, **privacy_checks(classroom, actor))
    status = 409 if conflict is not None or refusal else 200
    return TemplateResponse(
        request,
        "dictionnaire/draft_form.html",
        {
            "form": form,
            "classroom": classroom,
            "term": stored,
            "conflict": conflict,
            "actor": actor,
            "review": workshops.review_of(stored),
            "hints": pupil_hints(form, actor),
            "comparison": compare_versions(conflict, form) if conflict is not None else [],
        },
        status=status,
    )
